"""Step 4, the cast: every label gets a role, the spokesperson, another official or a questioner."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from .briefing import OFFICIAL, QUESTIONER, ROLES, SPOKESPERSON, ParsedSpeaker
from .header import _Header
from .labels import _FOLLOW_UP, _Paragraph
from .lines import _Line
from .text import _CJK_ONLY, _has_cjk, _normalised, _words
from .titles import _NAME_WORD, _ROLE_PHRASE, _TITLED_PERSON

_GENERIC_QUESTION = _words(
    "q question questions reporter journalist correspondent audience participant 问 問 记者 記者 "
    "提问 提問 记者问 記者問"
)
_GENERIC_ANSWER = _words("a answer spokesperson spokesman spokeswoman 答 发言人 發言人 回答")
_PRESS_WORDS = _words("reporter journalist correspondent")
_CJK_PRESS_MARKS = ("记者", "記者", "记者问", "記者問")
# The word for reporter around an outlet's name: "路透社记者", "Reuters correspondent",
# "Phóng viên TTXVN", "Question from VnExpress". The outlet is what is left.
_REPORTER_AROUND_OUTLET = [
    re.compile(r"(?P<outlet>.+?)\s*(?:记者问|記者問|记者|記者)"),
    re.compile(r"(?P<outlet>.+?)\s+(?:reporters?|journalists?|correspondents?)", re.I),
    re.compile(
        r"(?:(?:question\s+from|câu\s+hỏi\s+của)\s+)?(?:(?:the\s+)?(?:reporter|journalist"
        r"|correspondent)s?\s+(?:from|of|with)\s+|phóng\s+viên\s+(?:báo\s+)?)?(?P<outlet>.+)",
        re.I,
    ),
]
_FROM_THE_FLOOR = _words("floor audience")  # "Question from the floor" names no outlet
_OUTLET_QUOTES = "《》「」“”\"'"
_CJK_OUTLET_ENDINGS = (
    "社",
    "台",
    "报",
    "報",
    "网",
    "網",
    "刊",
    "电视",
    "電視",
    "新闻",
    "新聞",
    "》",
)
_ROLE_WORDS = _words("spokesperson spokesman spokeswoman")
# Words of a title, never of a name: "MR PRICE" is Ned Price, "Minister Kishida" is Fumio Kishida.
_TITLE_WORDS = _words(
    "mr mrs ms miss dr mister madam spokesperson spokesman spokeswoman deputy press secretary "
    "ambassador minister foreign director general coordinator advisor adviser admiral chair "
    "administrator commissioner envoy senior official officials moderator operator assistant "
    "principal under acting chief counselor"
)
# Labels that only an official wears: "MR. DEESE", "MODERATOR", "SENIOR ADMINISTRATION OFFICIAL".
_OFFICIAL_LABELS = [
    re.compile(r"(?:mr|mrs|ms|miss|dr|mister|madam)\.?\s+[^\W\d_][\w'’.\-]*", re.I),
    re.compile(r"moderator|operator|host|the\s+president|the\s+vice\s+president", re.I),
    re.compile(r"(?:[\w.\-]+\s+){0,5}officials?(?:\s+(?:one|two|three|four|#?\d))?", re.I),
]
# A title in the label: "Foreign Press Secretary Kawamura", "ASSISTANT SECRETARY TOLOUI".
_OFFICIAL_TITLE = re.compile(
    r"\b(?:secretary|minister|director(?:-general)?|ambassador|admiral|general|coordinator"
    r"|advis[eo]r|administrator|commissioner|envoy|spokes(?:person|man|woman)|counselor"
    r"|chair(?:man|woman)?|governor|deputy|under[- ]secretary)\b",
    re.I,
)
# An official bringing someone in: "joined by National Economic Council Director, Brian Deese",
# "I'd like to introduce my new colleague", "I'll turn it over to Brian".
_INTRODUCING = re.compile(
    r"joined\s+by|introduc(?:e|ing)|turn\s+it\s+over\s+to|hand\s+it\s+over\s+to"
    r"|(?:my|our)\s+(?:new\s+)?colleague|(?:special|our)\s+guests?|介绍|介紹"
    r"|(?:pleased|happy|glad|honored|honoured)\s+to\s+(?:welcome|have)|please\s+welcome",
    re.I,
)

# Chinese answer paragraphs open with these ("第一：", "我们认为："); names and outlets do not.
_NOT_CJK_NAME_START = frozenset(
    "第一二三四五六七八九十首其最另此同总但而因所如即例注按据我你他她它这那对关在有是就要也还"
)

_WORD = re.compile(r"[^\W\d_]+")
# Words that join a title's words, never a name's: "Minister for Foreign Affairs".
_CONNECTOR_WORDS = _words("for of the and")


@functools.lru_cache(maxsize=4096)
def _name_tokens(name: str) -> frozenset[str]:
    return frozenset(_WORD.findall(name.casefold())) - _TITLE_WORDS - _CONNECTOR_WORDS


def _names_match(label: str, name: str) -> bool:
    """Whether `label` designates the person called `name`: whole name, surname, "MR PRICE"."""
    if not name or not label:
        return False
    if _has_cjk(label + name):
        return label in name or name in label  # "赵立坚", "赵", "发言人赵立坚"
    said, named = _name_tokens(label), _name_tokens(name)
    # "Zhao" and "MR PRICE" name part of the person; "Spokesperson Zhao Lijian" all of them.
    return bool(said) and bool(named) and (said <= named or named <= said)


def _is_cjk_name_shaped(label: str) -> bool:
    return (
        2 <= len(label) <= 4 and _CJK_ONLY.fullmatch(label) and label[0] not in _NOT_CJK_NAME_START
    )


def _is_generic_question(label: str) -> bool:
    norm = _normalised(label)
    return (
        norm in _GENERIC_QUESTION
        or bool(set(norm.split()) & _PRESS_WORDS)
        or label.endswith(_CJK_PRESS_MARKS)
    )


def _is_generic_answer(label: str) -> bool:
    norm = _normalised(label)
    last_word = norm.split()[-1] if norm else ""
    return (
        norm in _GENERIC_ANSWER or last_word in _ROLE_WORDS or label.endswith(("发言人", "發言人"))
    )


def _outlet_of(label: str) -> str:
    """The outlet a questioner's label names, without the word for reporter; "" when unnamed."""
    if _normalised(label) in _GENERIC_QUESTION:
        return ""
    outlet = label
    for pattern in _REPORTER_AROUND_OUTLET:
        if match := pattern.fullmatch(outlet):
            outlet = match["outlet"]
    outlet = outlet.strip().strip(_OUTLET_QUOTES).strip()
    unnamed = _normalised(outlet).removeprefix("the ") in _GENERIC_QUESTION | _FROM_THE_FLOOR
    return "" if unnamed else outlet or label


def _looks_official(label: str) -> bool:
    return any(p.fullmatch(label) for p in _OFFICIAL_LABELS) or bool(_OFFICIAL_TITLE.search(label))


_CJK_TITLED_SPOKESPERSON = re.compile(
    r"(?P<role>[\u4e00-\u9fff]{0,10}?(?:发言人|發言人))(?P<name>[\u4e00-\u9fff]{2,4}?)"
    r"(?=主持|答记者问|答記者問|就|在|表示|例行|举行|舉行|$)"
)
# Words that end a name in a title: "Jen Psaki White House Press Conference Transcript".
_AFTER_NAME = _words(
    "white house press briefing conference transcript remarks on at in for of and the with "
    "regular daily department state"
)
_BYLINE = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}?),\s+"
    rf"(?P<role>(?:[A-Z][\w.\-]*\s+)*?(?:Spokesperson|Spokesman|Spokeswoman|Press\s+Secretary)"
    rf"(?:\s+(?:for\s+the\s+)?[A-Z][\w.\-]*){{0,3}})"
)
_BRIEFER = re.compile(
    rf"(?:Briefer|Presenter|Spokesperson|Spokesman)\s*[:：]\s*(?:{_ROLE_PHRASE}\s+)?"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
)
_BRIEFING_BY = re.compile(
    rf"briefing\s+by\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}?),\s+(?P<role>(?:Deputy\s+|"
    rf"Associate\s+)?(?:Spokesperson|Spokesman|Spokeswoman))"
)
_NAME_LINE = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}")


@dataclass
class _Person:
    name: str
    role: str = ""


def _people_in_title(title: str, labels: list[str]) -> list[_Person]:
    """Everyone a title names with a role, in order: the first is the spokesperson."""
    undated = re.sub(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", "", title)
    if match := _CJK_TITLED_SPOKESPERSON.search(undated):
        return [_Person(match["name"], " ".join(match["role"].split()))]
    people = []
    for match in _TITLED_PERSON.finditer(title):
        name = _confirmed_name(match["name"].split(), labels)
        if name:
            people.append(_Person(name, " ".join(match["role"].split())))
    return people


def _confirmed_name(words: list[str], labels: list[str]) -> str:
    """The name among a title's words: the longest that a label confirms, else up to a non-name."""
    name = []
    for word in words:
        bare = word.removesuffix("'s").removesuffix("’s")
        if bare.casefold() in _AFTER_NAME:
            break
        name.append(bare)
        if bare != word:  # "Zhao Lijian's Regular Press Conference": the name ends there
            break
    for n in range(len(name), 1, -1):  # "Jen Psaki White House ...": the label says where to stop
        candidate = " ".join(name[:n])
        if any(_normalised(label) == _normalised(candidate) for label in labels):
            return candidate
    if len(name) >= 2 or (name and any(_names_match(label, name[0]) for label in labels)):
        return " ".join(name[:4])  # "Le Thi Thu Hang"
    return ""


@dataclass
class _Cast:
    """Everyone who speaks, and in which role: read once, before the exchanges are assembled."""

    spokesperson: str
    spokesperson_role: str
    speakers: dict[str, ParsedSpeaker]  # by normalised label, in order of first appearance
    # A page that gives each paragraph in Chinese and then in English names the spokesperson in
    # both: "汪文斌" for Wang Wenbin. Then a turn in the other script continues the one before.
    other_script_name: str = ""

    @property
    def bilingual(self) -> bool:
        return bool(self.other_script_name)

    @classmethod
    def identify(
        cls, header: _Header, paragraphs: list[_Paragraph], overrides: dict[str, str]
    ) -> _Cast:
        for paragraph in paragraphs:
            if paragraph.found and _label_kind(paragraph.label, "") is None:
                paragraph.unlabelled()  # "我们认为：..." opens a Chinese sentence
        labelled = [p for p in paragraphs if p.found]
        labels = [p.label for p in labelled]
        people = _people_in_title(header.title, labels)
        spokesperson, role = (people[0].name, people[0].role) if people else ("", "")
        if not people and (match := re.search(_ROLE_PHRASE, header.title)):
            role = " ".join(match["role"].split())
        if not spokesperson:
            spokesperson, role = _spokesperson_in_byline(header.zone_lines, role)
        if not spokesperson and not any(_is_generic_answer(label) for label in labels):
            spokesperson = _spokesperson_from_labels(header.zone_lines, labelled)
        other_name = _in_the_other_script(spokesperson, header.zone_lines, labels)
        for paragraph in labelled:
            label = paragraph.label
            if _has_cjk(label) and _label_kind(label, other_name or spokesperson) is None:
                paragraph.unlabelled()  # neither the spokesperson nor the press: Chinese text
        labelled = [p for p in labelled if p.found]
        cast = cls(spokesperson, role, {}, other_name)
        guests = [person.name for person in people[1:]]
        for paragraph in labelled:
            cast._meet(paragraph, guests)
        cast._introduced(labelled)
        cast._answering_the_press(labelled)
        for key, wanted in overrides.items():
            if (speaker := cast.speakers.get(_normalised(key))) and wanted in ROLES:
                speaker.role = wanted
                speaker.name = cast._name_for(speaker.label, wanted)
        _demote_headings_in_answers(paragraphs, cast, {_normalised(key) for key in overrides})
        return cast

    def _meet(self, paragraph: _Paragraph, guests: list[str]) -> None:
        key = paragraph.key
        if key in self.speakers:
            self.speakers[key].turns += 1
            return
        role = self._first_guess(paragraph, guests)
        self.speakers[key] = ParsedSpeaker(
            paragraph.label, role, self._name_for(paragraph.label, role, guests), 1
        )

    def _first_guess(self, paragraph: _Paragraph, guests: list[str]) -> str:
        label = paragraph.label
        if _FOLLOW_UP.fullmatch(label) or _is_generic_question(label):
            return QUESTIONER
        if _is_generic_answer(label) or self.names_spokesperson(label):
            return SPOKESPERSON
        if paragraph.found.numbered:
            return QUESTIONER
        if _has_cjk(label):
            return QUESTIONER  # Chinese officials are named (the spokesperson) or titled
        if _looks_official(label) or any(_names_match(label, guest) for guest in guests):
            return OFFICIAL
        return QUESTIONER

    def names_spokesperson(self, label: str) -> bool:
        if _names_match(label, self.spokesperson) or _names_match(label, self.other_script_name):
            return True
        # The bare role: "Minister:" for the Minister for Foreign Affairs.
        said = set(_normalised(label).split())
        return (
            bool(said)
            and bool(self.spokesperson_role)
            and said <= set(_normalised(self.spokesperson_role).split())
            and not _is_generic_question(label)
        )

    def _name_for(self, label: str, role: str, guests: list[str] = ()) -> str:
        if role == SPOKESPERSON:
            return self.spokesperson
        if role == QUESTIONER:
            return ""
        known = [*guests, *(s.name for s in self.speakers.values() if s.role == OFFICIAL)]
        return next((name for name in known if name and _names_match(label, name)), label)

    def _introduced(self, labelled: list[_Paragraph]) -> None:
        """Whoever an official brings in, and whoever brings someone in, is an official."""
        introduced: dict[str, str] = {}  # a name's words, as officials said them, to the name
        said = " ".join(p.rest for p in labelled if self.speakers[p.key].role != QUESTIONER)
        for paragraph in labelled:
            speaker = self.speakers[paragraph.key]
            tokens = _name_tokens(paragraph.label)
            if speaker.role == OFFICIAL and speaker.name == speaker.label and tokens:
                # "MR. MILLER" after "Deputy Chief of Staff Stephen Miller" is Stephen Miller.
                if all(token in introduced for token in tokens):
                    speaker.name = introduced[next(iter(tokens))]
                else:
                    speaker.name = _full_name(speaker.label, said) or speaker.label
            if speaker.role in (SPOKESPERSON, OFFICIAL):
                introduced.update(_names_introduced(paragraph.rest))
                continue
            if paragraph.found.numbered or _FOLLOW_UP.fullmatch(paragraph.label):
                continue
            if _is_generic_question(paragraph.label):
                continue
            if tokens and all(token in introduced for token in tokens):
                speaker.role = OFFICIAL
                speaker.name = introduced[next(iter(tokens))]
            elif _INTRODUCING.search(paragraph.rest) and self._mentions_official(paragraph.rest):
                speaker.role = OFFICIAL
                speaker.name = paragraph.label

    def _mentions_official(self, text: str) -> bool:
        names = [self.spokesperson, *(s.name for s in self.speakers.values() if s.role == OFFICIAL)]
        return any(name and name in text for name in names)

    def _answering_the_press(self, labelled: list[_Paragraph]) -> None:
        """A named label that answers the press's "Q"/"QUESTION" is an official."""
        after_question, turns = Counter(), Counter()
        previous = None
        for paragraph in labelled:
            turns[paragraph.key] += 1
            # "Reuters:" under "路透社記者:" translates the question; it answers nothing.
            if (
                previous is not None
                and _is_generic_question(previous.label)
                and _has_cjk(previous.label) == _has_cjk(paragraph.label)
            ):
                after_question[paragraph.key] += 1
            previous = paragraph
        for key, count in after_question.items():
            speaker = self.speakers[key]
            named = not _is_generic_question(speaker.label) and not _FOLLOW_UP.fullmatch(
                speaker.label
            )
            cjk = _has_cjk(speaker.label)
            if speaker.role == QUESTIONER and named and not cjk and count * 2 >= turns[key]:
                speaker.role = OFFICIAL
                speaker.name = speaker.label

    def role_of(self, paragraph: _Paragraph) -> str | None:
        speaker = self.speakers.get(paragraph.key) if paragraph.found else None
        return speaker.role if speaker else None

    def name_of(self, paragraph: _Paragraph) -> str:
        speaker = self.speakers.get(paragraph.key)
        return speaker.name if speaker else ""

    def person_of(self, paragraph: _Paragraph) -> str:
        """Who speaks, whatever the label's form: "Hua:" and "Spokesperson Hua Chunying:" agree."""
        if self.role_of(paragraph) == SPOKESPERSON:
            return SPOKESPERSON
        return _normalised(self.name_of(paragraph) or paragraph.label)

    def speakers_in_order(self) -> list[ParsedSpeaker]:
        return list(self.speakers.values())


def _in_the_other_script(spokesperson: str, zone: list[_Line], labels: list[str]) -> str:
    """The spokesperson's name in the other script when the page is written in two and says it:
    "外交部發言人汪文斌主持例行記者會" above "Foreign Ministry Spokesperson Wang Wenbin's ..."."""
    if not spokesperson or not any(_has_cjk(label) for label in labels):
        return ""
    if not all(_has_cjk(label) for label in labels if not _is_generic_question(label)):
        for line in zone:
            text = _READING.sub("", line.text)
            if _has_cjk(spokesperson):
                match = _TITLED_PERSON.search(text)
                name = _confirmed_name(match["name"].split(), labels) if match else ""
            else:
                match = _CJK_TITLED_SPOKESPERSON.search(text)
                name = match["name"] if match else ""
            if name and any(_names_match(label, name) for label in labels):
                return name
    return ""


def _full_name(label: str, text: str) -> str:
    """ "MR. MILLER" as `text` names him in full: the given name written before "Miller"."""
    surnames = [word for word in _WORD.findall(label) if word.casefold() in _name_tokens(label)]
    if len(surnames) != 1 or len(surnames[0]) < 2:
        return ""
    surname = re.escape(surnames[0])
    for match in re.finditer(rf"\b({_NAME_WORD})\s+(?i:{surname})\b", text):
        given = match[1].rstrip(".")
        if given.casefold() not in _TITLE_WORDS | _CONNECTOR_WORDS and given[1:].islower():
            return f"{given} {match[0].split()[-1]}"
    return ""


def _names_introduced(text: str) -> dict[str, str]:
    """Names an official brings in, by each of their words: "joined by National Economic
    Council Director, Brian Deese" gives {"brian": "Brian Deese", "deese": "Brian Deese"}."""
    if not (_INTRODUCING.search(text) or _OFFICIAL_TITLE.search(text)):
        return {}
    found = {}
    for cue in (*_INTRODUCING.finditer(text), *_OFFICIAL_TITLE.finditer(text)):
        after = text[cue.end() : cue.end() + 120]
        for match in re.finditer(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}", after):
            name = match.group().rstrip(".")
            for token in _name_tokens(name):
                found.setdefault(token, name)
            break
    return found


# Pages converted to Traditional Chinese by some sites annotate a character's reading:
# "發(fā)言人". The annotation is not part of the name or the role.
_READING = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


def _spokesperson_in_byline(zone: list[_Line], role: str) -> tuple[str, str]:
    for line in zone:
        if match := _CJK_TITLED_SPOKESPERSON.search(_READING.sub("", line.text)):
            return match["name"], " ".join(match["role"].split())
        if match := _BYLINE.fullmatch(line.text):
            return match["name"], " ".join(match["role"].split())
        if match := _BRIEFER.fullmatch(line.text):
            return match["name"], role
        if match := _BRIEFING_BY.search(line.text):
            return match["name"], " ".join(match["role"].split())
    return "", role


_CONTENDERS = 20


def _spokesperson_from_labels(zone: list[_Line], labelled: list[_Paragraph]) -> str:
    """The label that speaks most, ties going to the one that follows questions; its full name
    when a line of the header gives it ("John Kirby" above "MR KIRBY:")."""
    # Numbered labels ask ("1. VnExpress:"): never the spokesperson.
    speakers = [p for p in labelled if _label_kind(p.label, "") == OTHER and not p.found.numbered]
    counts = Counter(p.label for p in speakers)
    # Only the most frequent labels can win; this keeps the pairwise comparison below small.
    contenders = [label for label, _ in counts.most_common(_CONTENDERS)]
    after_question = Counter()
    previous = None
    for p in labelled:
        if (
            p.label
            and previous is not None
            and (previous.rest.endswith(("?", "？")) or _is_generic_question(previous.label))
        ):
            after_question[p.label] += 1
        previous = p

    # Labels grouped by their name's words: "Outlet1" and "Outlet2" are compared once, not 5000
    # times each.
    groups: dict[frozenset[str], list[str]] = {}
    for label in counts:
        if not _has_cjk(label):
            groups.setdefault(_name_tokens(label), []).append(label)

    def same_person_as(label: str) -> list[str]:
        if _has_cjk(label):  # Chinese names match by characters ("赵" is 赵立坚)
            return [other for other in counts if _has_cjk(other) and _names_match(other, label)]
        said = _name_tokens(label)
        if not said:
            return []
        return [
            other
            for words, labels in groups.items()
            if words and (words <= said or said <= words)
            for other in labels
        ]

    def score(label: str) -> tuple[int, int, int]:
        # "Zhao:" and "Zhao Lijian:" are one person; credit the fuller form.
        same_person = same_person_as(label)
        return (
            sum(counts[other] for other in same_person),
            sum(after_question[other] for other in same_person),
            len(label),
        )

    winner = _opener(labelled, after_question) or max(contenders, key=score, default="")
    if match := _TITLED_PERSON.fullmatch(winner):  # "Spokesperson Wang Wenbin"
        return match["name"]
    for line in zone:
        if _NAME_LINE.fullmatch(line.text) and winner and _names_match(winner, line.text):
            return line.text
    return winner


# Who only chairs: the moderator who opens a background call is not its spokesperson.
_CHAIR = re.compile(r"moderator|operator|host|the\s+(?:vice\s+)?president", re.I)


def _opener(labelled: list[_Paragraph], after_question: Counter) -> str:
    """The label that opens the briefing, when it also answers the press: the press secretary
    who opens and brings in officials who then answer more than she does."""
    first = labelled[0] if labelled else None
    if (
        first is None
        or first.found.numbered
        or _label_kind(first.label, "") != OTHER
        or "?" in first.rest
        or "？" in first.rest
        or _CHAIR.fullmatch(first.label)
        or not after_question[first.label]
    ):
        return ""
    return first.label


QUESTION, FOLLOW_UP, ANSWER, OTHER = "question", "follow-up", "answer", "other"


def _label_kind(label: str, spokesperson: str) -> str | None:
    """What a label says on its own; None when it turns out not to be a label (Chinese text)."""
    if _FOLLOW_UP.fullmatch(label):
        return FOLLOW_UP
    if _is_generic_question(label):
        return QUESTION
    if _is_generic_answer(label) or _names_match(label, spokesperson):
        return ANSWER
    if _has_cjk(label):
        if label.endswith(_CJK_OUTLET_ENDINGS) or label.startswith("《"):
            return QUESTION
        return OTHER if not spokesperson and _is_cjk_name_shaped(label) else None
    return OTHER


def _demote_headings_in_answers(
    paragraphs: list[_Paragraph], cast: _Cast, chosen: set[str]
) -> None:
    """A questioner's label inside an answer that asks nothing and gets no answer is text.

    "Xinjiang: the so-called genocide is a lie." within the spokesperson's answer is a heading,
    not a new outlet; an unanswered real question ("AFP: One?") asks something and stays.
    """
    answering = False
    asked_before: set[str] = set()
    labelled = [i for i, p in enumerate(paragraphs) if p.found]
    for position, i in enumerate(labelled):
        paragraph = paragraphs[i]
        role = cast.role_of(paragraph)
        if role in (SPOKESPERSON, OFFICIAL):
            answering = True
            continue
        if not answering or role != QUESTIONER or _is_generic_question(paragraph.label):
            asked_before.add(paragraph.key)
            answering = False
            continue
        if (
            paragraph.key in asked_before
            or paragraph.key in chosen
            or _FOLLOW_UP.fullmatch(paragraph.label)
        ):
            answering = False
            continue
        if paragraph.found.numbered:
            answering = False
            continue
        end = labelled[position + 1] if position + 1 < len(labelled) else len(paragraphs)
        asked = " ".join(p.text for p in paragraphs[i:end])
        answered = end < len(paragraphs) and cast.role_of(paragraphs[end]) in (
            SPOKESPERSON,
            OFFICIAL,
        )
        if "?" in asked or "？" in asked or answered:
            asked_before.add(paragraph.key)
            answering = False
            continue
        speaker = cast.speakers.get(paragraph.key)
        paragraph.unlabelled()  # stays in the answer, as written
        if speaker and speaker.turns <= 1:
            del cast.speakers[_normalised(speaker.label)]
        elif speaker:
            speaker.turns -= 1
