"""Properties of the transcript parser, checked on generated transcripts (hypothesis).

* A transcript rendered from random exchanges parses back to the same exchanges.
* Any text at all parses without raising.
* No word of the body is ever lost, whatever the text looks like.
"""

import dataclasses
import datetime
import html

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.transcripts.test_parsing import assert_no_text_lost
from transcripts import parsing
from transcripts.parsing import ParsedBriefing, ParsedExchange, parse

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Words the parser documents as never being a speaker ("Note:", "First:") or as generic labels
# ("Q:", "Spokesperson:"): a generated outlet or spokesperson must not be one of them.
RESERVED_WORDS = (
    parsing._NOT_SPEAKER_WORDS
    | parsing._GENERIC_QUESTION
    | parsing._GENERIC_ANSWER
    | parsing._TITLE_WORDS
    | parsing._CONNECTOR_WORDS
    | {"follow", "follow-up"}
)

MONTHS = "January February March April May June July August September October November December"
MENU = ["Ambassador Imformation", "Consular Services", "Topics", "Spokesperson's Remarks"]
BREADCRUMB = "HOME > Spokesperson's Remarks"
NO_EXCHANGES_WARNING = (
    "No questions and answers were recognised; all the text was kept in the opening remarks"
)
FOOTER = ["Suggest To A Friend", "Print", "Copyright © 2021 Embassy. All rights reserved."]


def not_reserved(word):
    return word.casefold() not in RESERVED_WORDS


LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = LOWER.upper()
word = st.text(LOWER, min_size=3, max_size=10)
capitalised_word = st.one_of(
    st.builds(str.__add__, st.sampled_from(UPPER), st.text(LOWER, min_size=2, max_size=9)),
    st.text(UPPER, min_size=2, max_size=5),  # CCTV, NHK, AFP
).filter(not_reserved)


@st.composite
def paragraphs(draw):
    """A sentence of plain words; a colon may come late, never where a label would be."""
    words = draw(st.lists(word, min_size=4, max_size=25))
    if len(words) > 8 and draw(st.booleans()):
        words[draw(st.integers(7, len(words) - 1))] += ":"
    words[0] = words[0].capitalize()
    return " ".join(words) + draw(st.sampled_from([".", "?", "!"]))


@st.composite
def names(draw):
    surname, given = draw(st.lists(capitalised_word, min_size=2, max_size=2, unique_by=str.lower))
    return f"{surname} {given.capitalize()}"


@st.composite
def briefings(draw):
    """A transcript as a list of source lines, and the briefing it must parse to."""
    spokesperson = draw(names())
    surname = spokesperson.split()[0]
    name_words = {w.casefold() for w in spokesperson.split()}
    outlet = (
        st.lists(capitalised_word, min_size=1, max_size=3)
        .map(" ".join)
        .filter(lambda o: not {w.casefold() for w in o.split()} & name_words)
    )
    held_at = draw(
        st.datetimes(datetime.datetime(2000, 1, 1), datetime.datetime(2030, 12, 31))
    ).replace(second=0, microsecond=0)
    month = MONTHS.split()[held_at.month - 1]
    title = (
        f"Foreign Ministry Spokesperson {spokesperson}'s Regular Press Conference "
        f"on {month} {held_at.day}, {held_at.year}"
    )
    colon = st.sampled_from([": ", ":", "：", "： "])
    answer_label = st.sampled_from([spokesperson, surname, "Spokesperson", "A"])

    header = draw(st.lists(st.sampled_from(MENU), max_size=4))
    if draw(st.booleans()):
        header.append(BREADCRUMB)
    footer = draw(st.lists(st.sampled_from(FOOTER), max_size=3))
    lines = [*header, title, f"{held_at:%Y-%m-%d %H:%M}"]

    preamble = draw(st.lists(paragraphs().map(lambda p: p[:-1] + "."), max_size=2))
    roles = {}  # label: the role it must be given
    opening = list(preamble)
    if preamble and draw(st.booleans()):
        # The spokesperson's label opens the remarks; the remarks keep only what was said.
        label = draw(answer_label)
        opening[0] = f"{label}{draw(colon)}{preamble[0]}"
        roles[label] = parsing.SPOKESPERSON
    lines += opening

    exchanges = []
    for i in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["outlet", "generic", "follow-up"] if i else ["outlet"]))
        if kind == "outlet":
            label = questioner = draw(outlet)
        elif kind == "generic":
            label, questioner = draw(st.sampled_from(["Q", "Question", "QUESTION", "Reporter"])), ""
        else:
            label, questioner = "Follow-up", exchanges[-1].questioner
        question = draw(st.lists(paragraphs(), min_size=1, max_size=3))
        answer = draw(st.lists(paragraphs(), min_size=1, max_size=4))
        answering = draw(answer_label)
        lines += [f"{label}{draw(colon)}{question[0]}", *question[1:]]
        lines += [f"{answering}{draw(colon)}{answer[0]}", *answer[1:]]
        roles[label], roles[answering] = parsing.QUESTIONER, parsing.SPOKESPERSON
        exchanges.append(
            ParsedExchange(questioner, "\n\n".join(question), "\n\n".join(answer), spokesperson)
        )
    lines += footer

    expected = ParsedBriefing(
        title=title,
        held_at=held_at,
        spokesperson=spokesperson,
        spokesperson_role="Foreign Ministry Spokesperson",
        preamble="\n\n".join(preamble),
        exchanges=exchanges,
        warnings=[] if exchanges or not preamble else [NO_EXCHANGES_WARNING],
        dropped_lines=[*header, *footer],
    )
    return lines, expected, roles


def as_text(lines, blank_lines):
    return "".join(
        f"{line}\n" + "\n" * blank for line, blank in zip(lines, blank_lines, strict=True)
    )


def as_html(lines):
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"<!DOCTYPE html>\n<html><body>\n{body}\n</body></html>"


@PROPERTY_SETTINGS
@given(briefings(), st.randoms(use_true_random=False), st.booleans())
def test_rendered_exchanges_parse_back(briefing, random, in_html):
    lines, expected, roles = briefing
    blank_lines = [random.choice([0, 1, 1, 2]) for _ in lines]  # paragraphs with or without gaps
    source = as_html(lines) if in_html else as_text(lines, blank_lines)
    parsed = parse(source)
    assert dataclasses.replace(parsed, speakers=[]) == expected
    assert {speaker.label: speaker.role for speaker in parsed.speakers} == {
        label: role for label, role in roles.items() if label in {s.label for s in parsed.speakers}
    }
    assert {parsing._normalised(s.label) for s in parsed.speakers} == {
        parsing._normalised(label) for label in roles
    }
    assert_no_text_lost(source, parsed)


@PROPERTY_SETTINGS
@given(st.text())
def test_any_text_parses_without_raising(source):
    briefing = parse(source)
    assert isinstance(briefing, ParsedBriefing)
    assert not any("could not be read" in warning for warning in briefing.warnings)
    assert_no_text_lost(source, briefing)


# Lines that look like parts of transcripts, shuffled into any order: labels of every kind, dates,
# titles, furniture, markup, and noise.
transcript_like_line = st.one_of(
    st.text(max_size=60),
    st.tuples(
        st.one_of(
            st.sampled_from(["Q", "A", "Zhao", "Zhao Lijian", "MR PRICE", "问", "答", "赵立坚"]),
            st.sampled_from(["Follow-up", "QUESTION", "Spokesperson", "总台央视记者", "第一"]),
            st.text(min_size=1, max_size=12),
        ),
        st.sampled_from([":", "：", ": ", "   "]),
        st.text(max_size=40),
    ).map("".join),
    st.sampled_from(
        [
            "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on May 1, 2021",
            "2021年1月28日外交部发言人赵立坚主持例行记者会",
            "2021-01-28 19:34",
            "February 8, 2021",
            "2:14 p.m. EST",
            "HOME > Spokesperson's Remarks",
            "Print",
            "Suggest To A Friend",
            "Copyright © 2021 Embassy",
            "<p>",
            "</nav>",
            "Q    Thanks.",
            "http://example.org",
            "At 19:34: nothing.",
        ]
    ),
)


@PROPERTY_SETTINGS
@given(st.lists(transcript_like_line, max_size=25))
def test_no_word_is_lost_in_transcript_like_text(lines):
    source = "\n".join(lines)
    briefing = parse(source)
    assert not any("could not be read" in warning for warning in briefing.warnings)
    assert_no_text_lost(source, briefing)
