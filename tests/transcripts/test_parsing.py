"""The transcript parser on the seed transcript, on golden files and on the tricky cases.

Golden files: each `golden/NAME.txt` or `golden/NAME.html` beside `golden/NAME.json`, the
`to_dict()` it must give plus the page furniture it must leave out (`dropped_lines`). After a
deliberate change, regenerate them with `UPDATE_GOLDEN=1 pytest tests/transcripts/test_parsing.py`
and review the diff line by line.

No database and no Django settings: the parser is pure Python.
"""

import datetime
import json
import os
import re
import time
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from transcripts import parsing
from transcripts.parsing import ParsedBriefing, ParsedExchange, parse

GOLDEN = Path(__file__).parent / "golden"
EASTERN = ZoneInfo("America/New_York")
SEED = GOLDEN / "seed.txt"
SEED_TITLE = (
    "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on January 28, 2021"
)


def golden_inputs():
    return sorted(p for p in GOLDEN.iterdir() if p.suffix in {".txt", ".html"})


def seed_paragraphs():
    """The seed's body, one stripped paragraph per non-empty line, as the parser must keep it."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    start = lines.index("2021-01-28 19:34") + 1
    end = lines.index("Suggest To A Friend")
    return [line for line in lines[start:end] if line]


# --- Nothing is lost ----------------------------------------------------------------------------

_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b[ap]\.?\s?m\b\.?"
    r"|\b[A-Z]{2,4}\b|(?<=\d)T(?=\d)|[年月日]",
    re.I,
)
_LEADING_LABELS = [
    re.compile(r"[^:：]{1,80}[:：](?P<rest>.*)", re.S),  # "CCTV: ...", "Abe, Asahi Shimbun: ..."
    re.compile(r"Q\.?(?:\s(?P<rest>.*))?\Z", re.S),  # White House "Q    ...", or "Q" alone
]


# A transcription service's timestamp ("Matthew Miller (00:12):"), like a date, is not text.
_TIMESTAMP = re.compile(r"\((?:\d{1,2}:)?\d{1,2}:\d{2}\)")


def _is_date_line(text):
    """A line of only a date and/or time ("2021-01-28 19:34", "2:14 p.m. EST")."""
    return any(ch.isdigit() for ch in text) and not re.search(
        r"[^\W\d_]", _DATE_WORDS.sub("", text)
    )


def source_lines(source):
    """The lines of the transcript as the reader sees them (for HTML: its blocks)."""
    source = source.removeprefix(parsing.BYTE_ORDER_MARK)
    if parsing._looks_like_html(source):
        return [line.text for line in parsing._html_lines(source)]
    return [line.strip() for line in source.splitlines() if line.strip()]


def output_text(briefing):
    fields = [briefing.title, briefing.preamble]
    for exchange in briefing.exchanges:
        fields += [exchange.questioner, exchange.question, exchange.answer, exchange.responder]
    return "\n".join(fields)


def assert_no_text_lost(source, briefing):
    """Every body line survives verbatim (so every word does), its speaker label aside.

    The body is everything except the furniture the parser reports as dropped, the title line
    and date/time lines (whose content is in `held_at`).
    """
    out = output_text(briefing)
    out_words = set(out.split())
    dropped = Counter(briefing.dropped_lines)
    title_seen = False
    for line in source_lines(source):
        if dropped[line]:
            dropped[line] -= 1
            continue
        if line == briefing.title and not title_seen:
            title_seen = True
            continue
        if _is_date_line(line):
            continue
        if _TIMESTAMP.search(line):
            line = " ".join(_TIMESTAMP.sub(" ", line).split())
        variants = [line]
        variants += [(m["rest"] or "").strip() for p in _LEADING_LABELS if (m := p.match(line))]
        assert any(variant in out and set(variant.split()) <= out_words for variant in variants), (
            f"lost: {line!r}"
        )
    assert not +dropped, f"reported as dropped but not in the source: {list(+dropped)}"


# --- The seed -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return parse(SEED.read_text(encoding="utf-8"))


def test_seed_header(seed):
    assert seed.title == SEED_TITLE
    assert seed.held_at == datetime.datetime(2021, 1, 28, 19, 34)
    assert seed.spokesperson == "Zhao Lijian"
    assert seed.spokesperson_role == "Foreign Ministry Spokesperson"
    assert seed.preamble == ""
    assert seed.warnings == []


def test_seed_has_eight_exchanges_all_answered_by_zhao_lijian(seed):
    assert [e.questioner for e in seed.exchanges] == [
        "CCTV",
        "NPR",
        "Xinhua News Agency",
        "Bloomberg",
        "AFP",
        "NHK",
        "AFP",
        "Bloomberg",
    ]
    assert {e.responder for e in seed.exchanges} == {"Zhao Lijian"}


def test_seed_texts_are_exactly_the_seed_paragraphs(seed):
    paragraphs = seed_paragraphs()
    rebuilt = []
    for exchange in seed.exchanges:
        rebuilt.append(f"{exchange.questioner}: {exchange.question.split(chr(10) * 2)[0]}")
        rebuilt += exchange.question.split("\n\n")[1:]
        answer = exchange.answer.split("\n\n")
        rebuilt.append(f"{exchange.responder}: {answer[0]}")
        rebuilt += answer[1:]
    assert rebuilt == paragraphs


def test_seed_paragraph_counts(seed):
    assert len(seed.exchanges[0].answer.split("\n\n")) == 2
    npr = seed.exchanges[1]
    assert npr.questioner == "NPR"
    assert npr.answer.split("\n\n") == [
        p.removeprefix("Zhao Lijian: ") for p in seed_paragraphs()[4:8]
    ]
    assert npr.answer.startswith("There's never ever such thing as genocide in China. Period.")


def test_seed_keeps_non_breaking_spaces_inside_paragraphs(seed):
    assert "andabundant\u00a0room" in seed.exchanges[0].answer


def test_seed_drops_the_menu_breadcrumb_and_footer_only(seed):
    assert seed.dropped_lines == [
        "Ambassador Imformation",
        "Embassy Imformation",
        "Sino-Vietnam Relationship",
        "Consular Services",
        "For Students & Scholars",
        "Science & Tech",
        "Cultural Exchange",
        "Spokesperson's Remarks",
        "Topics",
        "China Human Rights",
        "Fighting 2019-nCoV",
        "FIGHT COVID-19 THE CHINESE WAY",
        "HOME\u00a0>\u00a0Spokesperson's Remarks",
        "Suggest To A Friend",
        "Print",
    ]


def test_seed_to_dict(seed):
    data = seed.to_dict()
    assert data["held_at"] == "2021-01-28T19:34"
    assert data["exchanges"][2] == {
        "questioner": "Xinhua News Agency",
        "question": seed.exchanges[2].question,
        "answer": seed.exchanges[2].answer,
        "responder": "Zhao Lijian",
    }
    assert set(data) == {
        "title",
        "held_at",
        "spokesperson",
        "spokesperson_role",
        "zone",
        "preamble",
        "exchanges",
        "speakers",
        "warnings",
    }
    json.dumps(data)  # serialisable as is


def test_html_page_of_the_seed_gives_the_same_briefing(seed):
    page = parse((GOLDEN / "seed_page.html").read_text(encoding="utf-8"))
    assert page.to_dict() == seed.to_dict()


# --- Golden files -------------------------------------------------------------------------------


def golden_result(briefing):
    return {**briefing.to_dict(), "dropped_lines": briefing.dropped_lines}


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.name)
def test_golden(path):
    briefing = parse(path.read_text(encoding="utf-8"))
    expected_path = path.with_suffix(".json")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(
            json.dumps(golden_result(briefing), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert golden_result(briefing) == expected


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.name)
def test_golden_loses_no_text(path):
    source = path.read_text(encoding="utf-8")
    assert_no_text_lost(source, parse(source))


def test_every_golden_input_has_its_expected_output():
    inputs = {p.stem for p in golden_inputs()}
    outputs = {p.stem for p in GOLDEN.glob("*.json")}
    assert inputs == outputs
    assert len(inputs) >= 14


# --- Speaker labels -----------------------------------------------------------------------------


def one_exchange(question_label, answer_label="Zhao Lijian", title=SEED_TITLE):
    text = f"{title}\n\n{question_label}: Is this a question?\n\n{answer_label}: It is."
    return parse(text)


@pytest.mark.parametrize(
    "outlet",
    ["Xinhua News Agency", "China Daily", "Phoenix TV", "Global Times", "Hindustan Times", "EFE"],
)
def test_any_outlet_is_a_questioner(outlet):
    briefing = one_exchange(outlet)
    assert briefing.exchanges == [
        ParsedExchange(outlet, "Is this a question?", "It is.", "Zhao Lijian")
    ]


@pytest.mark.parametrize(
    "label", ["Q", "Question", "QUESTION", "Reporter", "Journalist", "Q.", "Correspondent"]
)
def test_unnamed_questioners(label):
    assert one_exchange(label).exchanges[0].questioner == ""


@pytest.mark.parametrize(
    "label", ["Zhao Lijian", "Zhao", "Spokesperson", "A", "Answer", "Spokesperson Zhao Lijian"]
)
def test_answer_labels_name_the_spokesperson(label):
    exchange = one_exchange("CCTV", label).exchanges[0]
    assert (exchange.answer, exchange.responder) == ("It is.", "Zhao Lijian")


def test_generic_answer_without_a_known_spokesperson_has_no_responder():
    briefing = parse("Q: Why?\nA: Because.")
    assert briefing.spokesperson == ""
    assert briefing.exchanges == [ParsedExchange("", "Why?", "Because.", "")]


def test_spokesperson_found_from_who_answers_most_without_a_title():
    briefing = parse("CCTV: Why?\nZhao Lijian: Because.\nAFP: How?\nZhao: Like this.")
    assert briefing.spokesperson == "Zhao Lijian"
    assert [e.responder for e in briefing.exchanges] == ["Zhao Lijian", "Zhao Lijian"]
    assert [e.questioner for e in briefing.exchanges] == ["CCTV", "AFP"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "First question: what is next?",
        "Second, we will act.",
        "That said, nothing changed.",
        "At 19:34 the meeting ended.",
        "19:34 is the time.",
        "http://www.fmprc.gov.cn has the text.",
        '"Equality": that is our word.',
        "He said: we will see.",
        "Note: the text is provisional.",
        "China and the United States, as major countries: partners.",
        "The following is what the minister said in full at the meeting: nothing.",
    ],
)
def test_answer_paragraphs_that_are_not_labels(paragraph):
    text = f"{SEED_TITLE}\nCCTV: Q?\nZhao Lijian: A.\n{paragraph}\nAFP: Next?\nZhao Lijian: Yes."
    briefing = parse(text)
    assert [e.questioner for e in briefing.exchanges] == ["CCTV", "AFP"]
    assert briefing.exchanges[0].answer == f"A.\n\n{paragraph}"


def test_full_width_colon():
    briefing = parse(f"{SEED_TITLE}\nCCTV：问题？\nZhao Lijian：回答。")
    assert briefing.exchanges == [ParsedExchange("CCTV", "问题？", "回答。", "Zhao Lijian")]


def test_label_on_its_own_line_introduces_the_next_paragraph():
    briefing = parse(f"{SEED_TITLE}\nCCTV:\nWhat now?\nZhao Lijian:\nWe wait.")
    assert briefing.exchanges == [ParsedExchange("CCTV", "What now?", "We wait.", "Zhao Lijian")]


def test_state_department_style_spokesperson_is_the_label_that_answers_most():
    briefing = parse(
        "MR PRICE: Hello.\nQUESTION: Iran?\nMR PRICE: No.\nQUESTION: Russia?\nMR PRICE: No."
    )
    assert briefing.spokesperson == "MR PRICE"
    assert briefing.preamble == "Hello."  # the opening remarks lose the speaker's label (#14)
    assert [e.responder for e in briefing.exchanges] == ["MR PRICE", "MR PRICE"]


def test_chinese_labels():
    briefing = parse(
        "2021年1月28日外交部发言人赵立坚主持例行记者会\n问：有何评论？\n答：没有。\n记者：还有吗？\n赵立坚：没有了。"
    )
    assert briefing.spokesperson == "赵立坚"
    assert briefing.held_at == datetime.datetime(2021, 1, 28)
    assert briefing.exchanges == [
        ParsedExchange("", "有何评论？", "没有。", "赵立坚"),
        ParsedExchange("", "还有吗？", "没有了。", "赵立坚"),
    ]


def test_chinese_spokesperson_from_labels_when_the_title_does_not_say():
    briefing = parse(
        "新华社记者：有何评论？\n汪文斌：我们注意到了。\n路透社记者：还有吗？\n汪文斌：没有了。"
    )
    assert briefing.spokesperson == "汪文斌"
    assert [e.questioner for e in briefing.exchanges] == ["新华社", "路透社"]


# --- Follow-ups and unanswered questions --------------------------------------------------------


def test_follow_up_inherits_the_questioner():
    briefing = parse(f"{SEED_TITLE}\nAFP: One?\nZhao: Yes.\nFollow-up: Two?\nZhao: No.")
    assert [(e.questioner, e.question) for e in briefing.exchanges] == [
        ("AFP", "One?"),
        ("AFP", "Two?"),
    ]


def test_second_question_from_the_same_questioner_before_the_answer_continues_the_question():
    briefing = parse(f"{SEED_TITLE}\nAFP: One?\nAFP: And two?\nZhao: Both yes.")
    assert briefing.exchanges == [
        ParsedExchange("AFP", "One?\n\nAnd two?", "Both yes.", "Zhao Lijian")
    ]
    assert briefing.warnings == []


def test_unanswered_question_is_kept_with_a_warning():
    briefing = parse(f"{SEED_TITLE}\nAFP: One?\nNHK: Two?\nZhao: Yes.")
    assert briefing.exchanges == [
        ParsedExchange("AFP", "One?", "", ""),
        ParsedExchange("NHK", "Two?", "Yes.", "Zhao Lijian"),
    ]
    assert briefing.warnings == [
        "Line 2: the question from AFP got no answer; "
        "it was kept as an exchange with an empty answer"
    ]


# --- Opening remarks and unattributable text ----------------------------------------------------


def test_opening_remarks_keep_what_the_spokesperson_said_without_the_label():
    text = (
        f"{SEED_TITLE}\n2021-01-28 19:34\n"
        "Spokesperson Zhao Lijian announced: Minister X will visit China.\n"
        "Zhao Lijian: At the invitation of Wang Yi, Minister Y will visit China.\n"
        "CCTV: Why?\nZhao Lijian: Friendship."
    )
    briefing = parse(text)
    assert briefing.preamble == (
        "Spokesperson Zhao Lijian announced: Minister X will visit China.\n\n"
        "At the invitation of Wang Yi, Minister Y will visit China."
    )
    assert len(briefing.exchanges) == 1
    assert briefing.warnings == []


def test_unlabelled_question_before_the_first_answer_is_kept_and_reported():
    briefing = parse(
        f"{SEED_TITLE}\nWhat about the visas?\nZhao Lijian: Soon.\nAFP: When?\nZhao: May."
    )
    assert briefing.preamble == "What about the visas?\n\nSoon."
    assert briefing.warnings == [
        "Line 2: text before the first answer could not be attributed (a question without a "
        "questioner?) and was kept in the opening remarks"
    ]


def test_text_without_any_label_is_kept_as_opening_remarks():
    briefing = parse("Just a paragraph.\nAnd another one.")
    assert briefing.preamble == "Just a paragraph.\n\nAnd another one."
    assert briefing.exchanges == []
    assert len(briefing.warnings) == 1


# --- Furniture ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Print",
        "Suggest To A Friend",
        "Suggest To A Friend | Print",
        "HOME > Spokesperson's Remarks",
        "Home » News",
        "Copyright © 2021 Embassy of China. All rights reserved.",
        "© 2021 Embassy",
        "All rights reserved.",
        "【打印】【关闭】",
        "版权所有 中华人民共和国驻越南大使馆",
        "Tel: +84-24-38453736",
        "E-mail: chinaemb_vn@mfa.gov.cn",
    ],
)
def test_furniture_lines_are_dropped(line):
    briefing = parse(f"{SEED_TITLE}\nCCTV: Why?\nZhao: Because.\n{line}")
    assert briefing.exchanges[0].answer == "Because."
    assert briefing.dropped_lines == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Print media reported it.",
        "Printing money is not a solution.",
        "Copyright protection matters to us.",
        "We did not print it. All rights reserved.",
        "The home of the team > all else.",
    ],
)
def test_body_lines_that_mention_furniture_words_are_kept(line):
    briefing = parse(f"{SEED_TITLE}\nCCTV: Why?\nZhao: Because.\n{line}")
    assert briefing.exchanges[0].answer == f"Because.\n\n{line}"
    assert briefing.dropped_lines == []


# --- Header: title and date ---------------------------------------------------------------------


def test_held_at_falls_back_to_the_date_in_the_title_at_midnight():
    assert parse(f"{SEED_TITLE}\nCCTV: Why?\nZhao: Because.").held_at == datetime.datetime(
        2021, 1, 28
    )


def test_held_at_is_none_without_any_date():
    briefing = parse("Regular Press Conference\nCCTV: Why?\nZhao: Because.")
    assert briefing.title == "Regular Press Conference"
    assert briefing.held_at is None


@pytest.mark.parametrize(
    ("date_lines", "expected"),
    [
        ("2021-01-28 19:34", datetime.datetime(2021, 1, 28, 19, 34)),
        ("2021/1/28", datetime.datetime(2021, 1, 28)),
        ("2021年1月28日 19:34", datetime.datetime(2021, 1, 28, 19, 34)),
        ("February 8, 2021\n2:14 p.m. EST", datetime.datetime(2021, 2, 8, 14, 14, tzinfo=EASTERN)),
        ("Monday, February 8, 2021", datetime.datetime(2021, 2, 8)),
        ("8 February 2021 10:05", datetime.datetime(2021, 2, 8, 10, 5)),
    ],
)
def test_date_lines(date_lines, expected):
    briefing = parse(f"Regular Press Conference\n{date_lines}\nCCTV: Why?\nZhao: Because.")
    assert briefing.held_at == expected
    assert briefing.preamble == ""


def test_impossible_date_is_not_a_date():
    briefing = parse("Regular Press Conference\n2021-02-30 10:00\nCCTV: Why?\nZhao: Because.")
    assert briefing.held_at is None
    assert briefing.preamble == "2021-02-30 10:00"


def test_title_is_the_first_substantial_line_when_nothing_says_press_conference():
    briefing = parse("Menu\nNews\nThe Spokesperson Meets the Press Today\nQ: Why?\nA: Because.")
    assert briefing.title == "The Spokesperson Meets the Press Today"
    assert briefing.dropped_lines == ["Menu", "News"]


def test_no_title_when_the_transcript_starts_with_a_question():
    briefing = parse("Q: Why?\nA: Because.")
    assert (briefing.title, briefing.dropped_lines) == ("", [])


# --- HTML ---------------------------------------------------------------------------------------


def test_html_blocks_become_paragraphs_and_entities_are_decoded():
    page = (
        "<html><head><title>Ignored</title><style>p{color:red}</style></head><body>"
        "<nav><ul><li>Home</li><li>News</li></ul></nav>"
        f"<h1>{SEED_TITLE.replace(chr(39), '&#39;')}</h1>"
        "<div>2021-01-28 19:34</div>"
        "<p>CCTV: Is A &amp; B &lt;true&gt;?</p>"
        "<p>Zhao Lijian: Yes.<br>Line two<br/>Line three</p>"
        "<script>var x = 'Q: not a question';</script>"
        "<footer>Copyright &copy; 2021</footer></body></html>"
    )
    briefing = parse(page)
    assert briefing.title == SEED_TITLE
    assert briefing.held_at == datetime.datetime(2021, 1, 28, 19, 34)
    assert briefing.exchanges == [
        ParsedExchange("CCTV", "Is A & B <true>?", "Yes.\n\nLine two\n\nLine three", "Zhao Lijian")
    ]
    assert briefing.dropped_lines == []


def test_byte_order_mark_is_not_part_of_the_first_line():
    briefing = parse(f"\ufeff{SEED_TITLE}\nCCTV: Why?\nZhao: Because.")
    assert briefing.title == SEED_TITLE


def test_windows_line_endings():
    briefing = parse(SEED.read_text(encoding="utf-8").replace("\n", "\r\n"))
    assert briefing.to_dict() == parse(SEED.read_text(encoding="utf-8")).to_dict()


def test_plain_text_with_angle_brackets_is_not_html():
    briefing = parse(f"{SEED_TITLE}\nCCTV: Is 3 < 4 and 5 > 2?\nZhao: Yes.")
    assert briefing.exchanges[0].question == "Is 3 < 4 and 5 > 2?"


def test_white_house_wide_q_wins_over_a_label_shaped_start():
    briefing = parse(
        "Press Briefing by Press Secretary Jen Psaki\nQ    Jen Psaki: is it true?\nMS. PSAKI: Yes."
    )
    assert briefing.exchanges == [ParsedExchange("", "Jen Psaki: is it true?", "Yes.", "Jen Psaki")]


# --- Never raises -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "",
        "   \n\n  ",
        ":",
        "：：：",
        "Q:",
        "A:",
        "Follow-up:",
        "<p>",
        "<![if !supportLists]>text<![endif]>",
        "<p>unclosed <nav>menu",
        "\x00\x0b\x0c\u2028",
        "9999-99-99 99:99",
        "0000-01-01",
    ],
)
def test_never_raises(source):
    briefing = parse(source)
    assert isinstance(briefing, ParsedBriefing)
    assert not any("could not be read" in warning for warning in briefing.warnings)
    assert_no_text_lost(source, briefing)


@pytest.mark.parametrize(
    "source",
    [
        "Print    " * 30 + "x",
        "Suggest To A Friend  |  " * 30 + "x",
        "2021-01-28" + " " * 20000 + "x",
        "Tel: " + "1 " * 20000 + "x",
        "Copyright " + "© " * 20000 + "x",
        "Ab " * 20000 + ", Spokesperson",
        "Some line of text here\n" * 20000,
        "CCTV: Why?\nZhao: Because.\n" * 5000,
        "".join(f"Outlet{i}: Why?\nZhao: Because.\n" for i in range(5000)),
    ],
    ids=lambda source: source[:20],
)
def test_pathological_input_is_read_quickly(source):
    # Regular expressions that backtrack catastrophically would take minutes here. The bound is
    # that guard, not a speed figure (those are in bench/): wide enough for a loaded machine.
    start = time.perf_counter()
    parse(source)
    assert time.perf_counter() - start < 30


# --- Label shapes (#14) ---------------------------------------------------------------------------

WH_TITLE = "Press Briefing by Press Secretary Jen Psaki, February 1, 2021"


@pytest.mark.parametrize(
    ("question", "questioner", "text"),
    [
        ("Q :  Is it true?", "", "Is it true?"),
        ("Q    Is it true?", "", "Is it true?"),
        ("Q (Inaudible.)", "", "(Inaudible.)"),
        ("QUESTION:  Is it true?", "", "Is it true?"),
        ("AFP (follow-up): Is it true?", "AFP", "Is it true?"),
        ("Abe, Asahi Shimbun: Is it true?", "Abe, Asahi Shimbun", "Is it true?"),
        ("Reuters, Smith: Is it true?", "Reuters, Smith", "Is it true?"),
        ("Matt (01:49): Is it true?", "Matt", "Is it true?"),
        ("Matt: (01:49) Is it true?", "Matt", "Is it true?"),
    ],
)
def test_question_label_shapes(question, questioner, text):
    briefing = parse(f"{WH_TITLE}\n\n{question}\n\nMS. PSAKI: It is.")
    assert briefing.exchanges == [ParsedExchange(questioner, text, "It is.", "Jen Psaki")]


def test_a_label_alone_on_its_line_with_a_timestamp_and_bare_timestamp_lines():
    briefing = parse(
        "State Department Press Briefing on 9/16/24\n\nMatthew Miller (00:00):\n\nGood afternoon."
        "\n\n(00:12)\nOne more thing.\n\nMatt (01:49):\n\nIs that it?\n\nMatthew Miller (01:50):"
        "\n\nThat's it."
    )
    assert briefing.preamble == "Good afternoon.\n\nOne more thing."
    assert briefing.exchanges == [
        ParsedExchange("Matt", "Is that it?", "That's it.", "Matthew Miller")
    ]
    assert briefing.dropped_lines == ["(00:12)"]


def test_numbered_questions_take_the_unlabelled_paragraphs_after_them_as_their_answer():
    briefing = parse(
        "The 17th Regular Press Conference (15th October, 2020)\nQ&A\n"
        "1. VnExpress: Please comment on this matter?\nViet Nam has sovereignty.\n"
        "It is consistent.\n"
        "2. Tuoi tre: What is the program?\nWe will distribute it tomorrow."
    )
    assert [(e.questioner, e.question, e.answer) for e in briefing.exchanges] == [
        (
            "VnExpress",
            "Please comment on this matter?",
            "Viet Nam has sovereignty.\n\nIt is consistent.",
        ),
        ("Tuoi tre", "What is the program?", "We will distribute it tomorrow."),
    ]
    assert briefing.held_at == datetime.datetime(2020, 10, 15)


def test_a_numbered_point_that_asks_nothing_is_text():
    briefing = parse(
        f"{SEED_TITLE}\nCCTV: Why?\nZhao: Two reasons.\n1. Economy: it grows.\nAFP: And?"
    )
    assert briefing.exchanges[0].answer == "Two reasons.\n\n1. Economy: it grows."


@pytest.mark.parametrize(
    ("labels", "questioners"),
    [
        (("問", "答"), [""]),
        (("追問", "答"), [""]),
        # The outlet without the word for reporter, nor the title marks around its name.
        (("《环球时报》记者", "答"), ["环球时报"]),
        (("新華社記者", "答"), ["新華社"]),
    ],
)
def test_chinese_label_shapes(labels, questioners):
    question, answer = labels
    briefing = parse(
        f"2012年11月16日外交部发言人洪磊主持例行记者会\n{question}：有何评论？\n{answer}：没有。"
    )
    assert [e.questioner for e in briefing.exchanges] == questioners
    assert briefing.exchanges[0].answer == "没有。"


def test_a_capitalised_phrase_inside_an_answer_is_not_a_questioner():
    briefing = parse(
        f"{SEED_TITLE}\nCCTV: What about the report?\nZhao Lijian: Several points.\n"
        "Xinjiang: the so-called genocide is a lie.\nHong Kong: the law works.\n"
        "AFP: Next question?\nZhao Lijian: Yes."
    )
    assert [e.questioner for e in briefing.exchanges] == ["CCTV", "AFP"]
    assert briefing.exchanges[0].answer == (
        "Several points.\n\nXinjiang: the so-called genocide is a lie.\n\nHong Kong: the law works."
    )
    assert briefing.warnings == []


def test_a_questioner_seen_before_asking_again_is_a_question_even_without_a_question_mark():
    briefing = parse(f"{SEED_TITLE}\nAFP: One?\nZhao: Yes.\nAFP: Then a comment, please.")
    assert [e.questioner for e in briefing.exchanges] == ["AFP", "AFP"]


# --- Officials (#14) ------------------------------------------------------------------------------


def test_a_guest_official_answers_with_their_own_name():
    briefing = parse(
        "Press Briefing by Press Secretary Jen Psaki and National Economic Council Director "
        "Brian Deese\n\nMS. PSAKI: Hi, everyone. Brian will take a few questions.\n\n"
        "MR. DEESE: Thanks, Jen. The economy is recovering.\n\n"
        "Q    Is inflation temporary?\n\nMR. DEESE: We expect it to ease.\n\n"
        "Q    And the bill?\n\nMS. PSAKI: The President wants it passed."
    )
    assert briefing.spokesperson == "Jen Psaki"
    assert briefing.preamble == (
        "Hi, everyone. Brian will take a few questions.\n\n"
        "MR. DEESE: Thanks, Jen. The economy is recovering."
    )
    assert [(e.question, e.responder) for e in briefing.exchanges] == [
        ("Is inflation temporary?", "Brian Deese"),
        ("And the bill?", "Jen Psaki"),
    ]
    assert [(s.label, s.role, s.name) for s in briefing.speakers] == [
        ("MS. PSAKI", parsing.SPOKESPERSON, "Jen Psaki"),
        ("MR. DEESE", parsing.OFFICIAL, "Brian Deese"),
        ("Q", parsing.QUESTIONER, ""),
    ]


def test_an_official_introduced_in_the_opening_remarks_is_not_a_questioner():
    briefing = parse(
        "Press Secretary Jen Psaki White House Press Conference Transcript January 22\n"
        "Jen Psaki: Today, we are joined by National Economic Council Director, Brian Deese.\n"
        "Brian Deese: Thanks Jen. Our economy is at a precarious moment.\n"
        "Kaitlan: Is the plan enough?\nBrian Deese: It is a start."
    )
    assert [(e.questioner, e.responder) for e in briefing.exchanges] == [("Kaitlan", "Brian Deese")]
    assert "Brian Deese: Thanks Jen." in briefing.preamble


@pytest.mark.parametrize(
    "official",
    [
        "MODERATOR",
        "SENIOR ADMINISTRATION OFFICIAL",
        "SENIOR STATE DEPARTMENT OFFICIAL TWO",
        "MR. KIRBY",
        "Ms. Jean-Pierre",
        "ASSISTANT SECRETARY TOLOUI",
        "Director-General Sato",
        "Minister Kishida",
    ],
)
def test_officials_are_recognised_by_their_label(official):
    briefing = parse(
        "Department Press Briefing\nNed Price, Department Spokesperson\nMR PRICE: Hello.\n"
        f"{official}: Thanks.\nQUESTION: Why?\n{official}: Because.\nQUESTION: How?\n"
        "MR PRICE: Like this."
    )
    assert [(e.question, e.answer, e.responder) for e in briefing.exchanges] == [
        ("Why?", "Because.", official),
        ("How?", "Like this.", "Ned Price"),
    ]
    assert {s.label: s.role for s in briefing.speakers}[official] == parsing.OFFICIAL


def test_a_named_label_that_answers_the_press_is_an_official():
    briefing = parse(
        "Department Press Briefing\nMR PRICE: Hello.\nQUESTION: Why?\nMR PRICE: Because.\n"
        "QUESTION: And the visa?\nCarl Risch: The consular section will say."
    )
    assert [e.responder for e in briefing.exchanges] == ["MR PRICE", "Carl Risch"]


def test_an_outgoing_spokesperson_introducing_the_new_one_is_an_official():
    briefing = parse(
        "Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on September 5, 2022\n"
        "Wang Wenbin: Let me introduce our new colleague Mao Ning, the 33rd spokesperson.\n"
        "Mao Ning: Thank you. I am honored.\nCCTV: What is your comment?\nMao Ning: None."
    )
    assert briefing.spokesperson == "Mao Ning"
    assert [e.questioner for e in briefing.exchanges] == ["CCTV"]
    assert briefing.preamble.startswith("Wang Wenbin: Let me introduce")


def test_another_official_within_an_answer_keeps_their_label():
    briefing = parse(
        "BACKGROUND PRESS CALL\nMODERATOR: Welcome.\nQ    When?\nMODERATOR: I will hand over.\n"
        "SENIOR ADMINISTRATION OFFICIAL: Tomorrow.\nQ    Where?\n"
        "SENIOR ADMINISTRATION OFFICIAL: Here."
    )
    assert [(e.answer, e.responder) for e in briefing.exchanges] == [
        ("I will hand over.\n\nSENIOR ADMINISTRATION OFFICIAL: Tomorrow.", "MODERATOR"),
        ("Here.", "SENIOR ADMINISTRATION OFFICIAL"),
    ]


def test_staff_can_overrule_a_role():
    text = (
        f"{SEED_TITLE}\nCCTV: Why?\nZhao Lijian: Because.\nLi Wei: Let me add a figure.\n"
        "Zhao: Thank you.\nAFP: How?\nZhao: So."
    )
    assert [e.questioner for e in parse(text).exchanges] == ["CCTV", "Li Wei", "AFP"]
    overruled = parse(text, roles={"li wei": parsing.OFFICIAL})
    assert [e.questioner for e in overruled.exchanges] == ["CCTV", "AFP"]
    assert overruled.exchanges[0].answer == (
        "Because.\n\nLi Wei: Let me add a figure.\n\nZhao: Thank you."
    )
    assert {s.label: s.role for s in overruled.speakers}["Li Wei"] == parsing.OFFICIAL


def test_a_role_that_does_not_exist_is_ignored():
    text = f"{SEED_TITLE}\nCCTV: Why?\nZhao Lijian: Because."
    assert parse(text, roles={"CCTV": "editor"}).exchanges == parse(text).exchanges


# --- Dates (#14) ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Regular Press Conference\nDate: Tuesday, February 10, 2009, 9:54 a.m.",
            datetime.datetime(2009, 2, 10, 9, 54),
        ),
        (
            "Regular Press Conference\nFriday, September 29, 2023, 2:27 p.m.",
            datetime.datetime(2023, 9, 29, 14, 27),
        ),
        ("The 17th Regular Press Conference (15th October, 2020)", datetime.datetime(2020, 10, 15)),
        ("State Department Press Briefing on 9/16/24", datetime.datetime(2024, 9, 16)),
        ("Regular Press Conference\nUpdated: Sep 30, 2019", datetime.datetime(2019, 9, 30)),
        ("Regular Press Conference\n10/27/2025 | Press release", datetime.datetime(2025, 10, 27)),
        (
            "Regular Press Conference\nFebruary 8, 2021\n2:10 p.m. EST",
            datetime.datetime(2021, 2, 8, 14, 10, tzinfo=EASTERN),
        ),
        (
            "Regular Press Conference\nTHURSDAY, JANUARY 16, 1997, 11:45 A.M.",
            datetime.datetime(1997, 1, 16, 11, 45),
        ),
        (
            "Regular Press Conference\n"
            "Wednesday, July 6, 2016, 4:13 p.m.   Ministry of Foreign Affairs",
            datetime.datetime(2016, 7, 6, 16, 13),
        ),
        ("Regular Press Conference\n24 April 2015", datetime.datetime(2015, 4, 24)),
        (
            "---\ntitle: Regular Press Conference\ndate: 2021-07-28\ntags: china, press\n---",
            datetime.datetime(2021, 7, 28),
        ),
        # The page's date above the title is when it was posted, not when the briefing was held.
        (
            "Sunday, May 19, 2024\nThe 17th Regular Press Conference (15th October, 2020)",
            datetime.datetime(2020, 10, 15),
        ),
        ("July 15, 2024\nPress Briefing by Press Secretary Karine Jean-Pierre", None),
        # ... but it says the year when the title does not.
        (
            "Jan 22, 2021\n"
            "Press Secretary Jen Psaki White House Press Conference Transcript January 22",
            datetime.datetime(2021, 1, 22),
        ),
        # The Foreign Ministry publishes after midnight: the title's day wins.
        (
            "Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference on July 17, 2020"
            "\n2020-07-18 00:48",
            datetime.datetime(2020, 7, 17),
        ),
    ],
)
def test_date_forms(header, expected):
    briefing = parse(f"{header}\nCCTV: Why?\nZhao: Because.")
    assert briefing.held_at == expected
    assert briefing.exchanges[0].question == "Why?"


def test_metadata_block_gives_title_and_date_and_is_not_text():
    briefing = parse(
        "title: Regular Press Conference on July 28, 2021\ndate: 2021-07-28\n"
        "source_url: https://example.org/t\ntags: press\nCCTV: Why?\nZhao: Because."
    )
    assert briefing.title == "Regular Press Conference on July 28, 2021"
    assert briefing.held_at == datetime.datetime(2021, 7, 28)
    assert briefing.preamble == ""
    assert briefing.dropped_lines[:2] == [
        "title: Regular Press Conference on July 28, 2021",
        "date: 2021-07-28",
    ]


# --- Furniture (#14) ------------------------------------------------------------------------------


def test_a_section_name_above_the_title_is_not_the_title():
    briefing = parse(
        f"Regular Press Conference\n{SEED_TITLE}\nShare - WeChat\n12\nCCTV: Why?\nZhao: Because."
    )
    assert briefing.title == SEED_TITLE
    assert briefing.dropped_lines == ["Regular Press Conference", "Share - WeChat", "12"]


def test_place_is_not_a_spokesperson():
    briefing = parse(
        "Press Conference by Minister for Foreign Affairs Hirofumi Nakasone\n"
        "Date: Tuesday, February 10, 2009, 9:54 a.m.\nPlace: In front of the Ministers' Room\n"
        "Minister:\nAn event will be held.\nQuestion:\nWill you go?\nMinister:\nYes."
    )
    assert briefing.spokesperson == "Hirofumi Nakasone"
    assert briefing.preamble == "Place: In front of the Ministers' Room\n\nAn event will be held."
    assert briefing.exchanges == [ParsedExchange("", "Will you go?", "Yes.", "Hirofumi Nakasone")]


# --- Hard wraps (#14) -----------------------------------------------------------------------------

WRAPPED = """U.S. DEPARTMENT OF STATE DAILY PRESS BRIEFING
January 16, 1997
MR. BURNS: I just want to remind that gambling is illegal here, Sid, at
the State Department. It's illegal to gamble on Federal property. We'll
give you a warning this time. I 'm not going to -- if you were a Patriots
fan, I'd overlook it, but you're not a Patriots fan.
QUESTION: Do you stand by the statement the Secretary made in Paris on
Tuesday about the talks, or has anything changed since he spoke there?
MR. BURNS: Nothing has changed. The Secretary said what he said and we
stand by every word of it, as we have stood by it since the beginning.
QUESTION: Yeah.
MR. BURNS: I just put you On-the-Record. Good morning.
I don't think we ever had a briefing in the morning before this.
"""


def test_hard_wrapped_text_is_reflowed_into_paragraphs():
    briefing = parse(WRAPPED)
    assert briefing.preamble == (
        "I just want to remind that gambling is illegal here, Sid, at the State Department. "
        "It's illegal to gamble on Federal property. We'll give you a warning this time. I 'm "
        "not going to -- if you were a Patriots fan, I'd overlook it, but you're not a Patriots "
        "fan."
    )
    assert [e.answer for e in briefing.exchanges] == [
        "Nothing has changed. The Secretary said what he said and we stand by every word of it, "
        "as we have stood by it since the beginning.",
        "I just put you On-the-Record. Good morning.\n\n"
        "I don't think we ever had a briefing in the morning before this.",
    ]
    assert_no_text_lost(WRAPPED, briefing)


def test_text_that_is_not_wrapped_keeps_its_lines_as_paragraphs():
    text = "\n".join(
        [SEED_TITLE, "CCTV: A question of some length that ends here as asked?"]
        + [f"Zhao: Answer line {i} is a sentence of its own, full stop." for i in range(10)]
    )
    assert parse(text).exchanges[0].answer.count("\n\n") == 9


# --- Zones, as written (issue 28) ----------------------------------------------------------------

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("date_lines", "zone", "utc"),
    [
        # 1:05 P.M. EST on 20 February 2025 is 18:05 UTC, 02:05 on the 21st in Beijing.
        ("February 20, 2025\n1:05 P.M. EST", "America/New_York", (2025, 2, 20, 18, 5)),
        ("July 8, 2024\n2:00 p.m. EDT", "America/New_York", (2024, 7, 8, 18, 0)),
        ("July 8, 2024\n2:00 p.m. ET", "America/New_York", (2024, 7, 8, 18, 0)),
        ("6 July 2016, 10:00 JST", "Asia/Tokyo", (2016, 7, 6, 1, 0)),
        ("15 October 2020, 15:00 ICT", "Asia/Ho_Chi_Minh", (2020, 10, 15, 8, 0)),
        ("2023-06-08 15:00 (Beijing time)", "Asia/Shanghai", (2023, 6, 8, 7, 0)),
        ("2023年6月8日 15:00（北京时间）", "Asia/Shanghai", (2023, 6, 8, 7, 0)),
    ],
)
def test_the_time_and_its_zone_as_written_give_the_moment(date_lines, zone, utc):
    briefing = parse(f"Regular Press Conference\n{date_lines}\nCCTV: Why?\nZhao: Because.")
    assert briefing.zone == zone
    assert briefing.held_at.astimezone(UTC) == datetime.datetime(*utc, tzinfo=UTC)
    assert briefing.to_dict()["zone"] == zone
    assert briefing.preamble == ""


def test_a_time_without_a_zone_stays_naive_for_the_site_zone():
    briefing = parse("Regular Press Conference\n2021-01-28 19:34\nCCTV: Why?\nZhao: Because.")
    assert briefing.held_at == datetime.datetime(2021, 1, 28, 19, 34)
    assert briefing.zone == ""


def test_an_american_cst_names_no_zone_it_could_be_chinas():
    briefing = parse("Regular Press Conference\nMay 2, 2024 3:00 PM CST\nCCTV: Why?\nZhao: OK.")
    assert briefing.held_at == datetime.datetime(2024, 5, 2, 15, 0)
    assert briefing.zone == ""


def test_the_white_house_header_reads_right():
    """The saved page of issue 28: the title without its key and whole, the time under the
    room, and opening remarks that start with what was said there."""
    briefing = parse((GOLDEN / "white_house_metadata_est.txt").read_text(encoding="utf-8"))
    assert briefing.title == (
        "Press Briefing by Press Secretary Karoline Leavitt and National Security Advisor "
        "Mike Waltz"
    )
    assert briefing.held_at.astimezone(ZoneInfo("Asia/Shanghai")) == datetime.datetime(
        2025, 2, 21, 2, 5, tzinfo=ZoneInfo("Asia/Shanghai")
    )
    assert briefing.preamble.startswith("James S. Brady Press Briefing Room\n\nGood afternoon")
    assert "---" not in briefing.preamble and "P.M." not in briefing.preamble
    assert {s.label: s.name for s in briefing.speakers}["MR. WALTZ"] == "Mike Waltz"


def test_a_title_line_keeps_no_metadata_key():
    briefing = parse("title: Regular Press Conference\n2021-01-28\nCCTV: Why?\nZhao: Because.")
    assert briefing.title == "Regular Press Conference"


@pytest.mark.parametrize(
    ("label", "outlet"),
    [
        ("路透社记者", "路透社"),
        ("《环球时报》记者", "环球时报"),
        ("Reuters correspondent", "Reuters"),
        ("AFP reporter", "AFP"),
        ("Phóng viên TTXVN", "TTXVN"),
        ("Reporter", ""),
        ("记者", ""),
        ("1. Question from the floor", ""),
        ("The Guardian", "The Guardian"),
    ],
)
def test_outlets_are_named_without_the_word_for_reporter(label, outlet):
    briefing = parse(f"{SEED_TITLE}\n{label}: Why?\nZhao Lijian: Because.")
    assert [e.questioner for e in briefing.exchanges] == [outlet]


@pytest.mark.parametrize(
    "furniture",
    [
        "更新时间:2023-06-09 11:56:09作者:未知",
        "来源：外交部网站",
        "【字体：大 中 小】 打印本页 关闭窗口",
        "扫一扫在手机打开当前页",
        "Facebook Twitter WeChat",
        "分享到：微信 微博",
        "---",
    ],
)
def test_page_furniture_is_left_out(furniture):
    briefing = parse(f"{SEED_TITLE}\n2021-01-28\n{furniture}\nCCTV: Why?\nZhao Lijian: Because.")
    assert briefing.preamble == ""
    assert furniture in briefing.dropped_lines


def test_a_numbered_question_without_its_question_mark_is_a_question():
    briefing = parse(
        f"{SEED_TITLE}\n1. Question: Please comment on the talks.\nAnswer: They went well."
    )
    assert briefing.exchanges == [
        ParsedExchange("", "Please comment on the talks.", "They went well.", "Zhao Lijian")
    ]


def test_an_update_stamp_under_the_title_is_not_the_briefings_day():
    briefing = parse(
        "Press Briefing by Press Secretary Karoline Leavitt\nUpdated: February 21, 2025\n"
        "February 20, 2025\n1:05 P.M. EST\nMS. LEAVITT: Hello.\nQ    Why?\nMS. LEAVITT: Because."
    )
    assert briefing.held_at.date() == datetime.date(2025, 2, 20)
    assert briefing.held_at.hour == 13
    assert "Updated: February 21, 2025" in briefing.dropped_lines
    assert briefing.preamble == "Hello."


def test_the_press_thanking_at_the_end_asks_nothing():
    """ "Q    Thank you." closes a White House briefing: no exchange without an answer."""
    briefing = parse(
        "Press Briefing by Press Secretary Jen Psaki, February 1, 2021\n"
        "Q    Why?\nMS. PSAKI: Because.\nQ    Thank you."
    )
    assert briefing.exchanges == [
        ParsedExchange("", "Why?", "Because.\n\nQ: Thank you.", "Jen Psaki")
    ]
    assert briefing.warnings == []


def test_the_one_who_opens_and_answers_briefs_though_an_official_answers_more():
    """A press secretary who opens and brings in an official who then answers most is still
    the briefing's spokesperson, when no title names her (issue 28)."""
    briefing = parse(
        "Press Briefing\nFebruary 20, 2025\n1:05 P.M. EST\n"
        "MS. LEAVITT: Good afternoon. I am joined by Council Director Kevin Hassett.\n"
        "MR. HASSETT: Thank you.\nQ    Recession?\nMR. HASSETT: No.\nQ    Prices?\n"
        "MR. HASSETT: Down.\nQ    Wages?\nMR. HASSETT: Up.\nQ    Karoline, tariffs?\n"
        "MS. LEAVITT: Next month."
    )
    assert briefing.spokesperson == "MS. LEAVITT"
    assert [e.responder for e in briefing.exchanges] == [*["Kevin Hassett"] * 3, "MS. LEAVITT"]
    assert {s.label: s.role for s in briefing.speakers}["MR. HASSETT"] == "official"


def test_a_moderator_who_opens_a_background_call_does_not_brief():
    briefing = parse(
        "Background Press Call\nMODERATOR: Thanks, everyone. Our official will take questions.\n"
        "Q    Why?\nSENIOR ADMINISTRATION OFFICIAL: Because.\nMODERATOR: Next question.\n"
        "Q    When?\nSENIOR ADMINISTRATION OFFICIAL: Soon."
    )
    assert briefing.spokesperson != "MODERATOR"
