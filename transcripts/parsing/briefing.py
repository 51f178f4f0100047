"""What `parse()` gives: plain dataclasses, the briefing and its exchanges and speakers."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

SPOKESPERSON, OFFICIAL, QUESTIONER = "spokesperson", "official", "questioner"


ROLES = (SPOKESPERSON, OFFICIAL, QUESTIONER)


@dataclass
class ParsedExchange:
    questioner: str = ""  # the outlet as written; "" when unnamed ("Q:", "Reporter:", "问：")
    question: str = ""  # paragraphs joined by "\n\n", each stripped, text unchanged
    answer: str = ""  # same; "" when the question got no answer
    responder: str = ""  # who answered: the spokesperson's full name, another official's name


@dataclass
class ParsedSpeaker:
    """One label of the transcript and what the parser took it for."""

    label: str  # as first written: "MR. DEESE", "Xinhua News Agency", "Q"
    role: str  # SPOKESPERSON, OFFICIAL or QUESTIONER
    name: str = ""  # who, for an official: "Brian Deese"; "" for a questioner
    turns: int = 0


@dataclass
class ParsedBriefing:
    title: str = ""
    # As written: aware in the zone the text names ("1:05 P.M. EST"), naive when it names none
    # (the importer takes the site's zone then).
    held_at: datetime.datetime | None = None
    zone: str = ""  # the IANA name of the zone the time was written in: "America/New_York"
    spokesperson: str = ""
    spokesperson_role: str = ""  # "Foreign Ministry Spokesperson" when the title says so
    preamble: str = ""  # opening remarks and anything that could not be attributed
    exchanges: list[ParsedExchange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Page furniture left out (menus, breadcrumb, footer), so a reviewer can see what went.
    dropped_lines: list[str] = field(default_factory=list)
    # Every label, in order of first appearance, with its role: what the admin preview shows.
    speakers: list[ParsedSpeaker] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "held_at": self.held_at.isoformat(timespec="minutes") if self.held_at else None,
            "zone": self.zone,
            "spokesperson": self.spokesperson,
            "spokesperson_role": self.spokesperson_role,
            "preamble": self.preamble,
            "exchanges": [asdict(exchange) for exchange in self.exchanges],
            "speakers": [asdict(speaker) for speaker in self.speakers],
            "warnings": list(self.warnings),
        }


PARAGRAPH_SEPARATOR = "\n\n"
