"""A parsed transcript becomes rows: one briefing and its exchanges, in one transaction.

Outlets and spokespeople are matched to existing rows ignoring case and created when missing,
so that "XINHUA NEWS AGENCY" and "Xinhua News Agency" are one outlet.

The admin's import page, `manage.py import_briefing` and `load_demo` all go through
`read_transcript()` then `save_briefing()`, so the three give the same briefing.
"""

import dataclasses
import functools
import operator
import re

import reversion
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_noop
from modeltranslation.utils import build_localized_fieldname

from embassy.languages.detecting import written_language
from embassy.languages.models import language_name
from embassy.pages.dates import in_range, out_of_range_message
from embassy.pages.publishing import Status

from . import known_names
from .models import Briefing, Exchange, Outlet, Spokesperson
from .parsing import markdown_to_text, parse
from .parsing.dates import PLACE_ZONES

SLUG_MAX_LENGTH = 200
# A long briefing is about 50 KB of text; anything far beyond that is not a transcript.
MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024
DEFAULT_SPOKESPERSON = "Spokesperson"
# The parser's time grows with the paragraphs (about 1 s for 5,000 under load): a long briefing
# has a few hundred, and 60 exchanges; these caps leave ten times that and bound the cost of
# a hostile file (2 MB of 200,000 tiny exchanges once took 15 s and 342 MB).
MAX_PARAGRAPHS = 10_000
MAX_EXCHANGES = 500
_PARAGRAPH_STARTS = re.compile(
    r"^[ \t]*\S|<(?:p|br|div|li|tr|h[1-6])\b", re.IGNORECASE | re.MULTILINE
)


# Where briefings go unless staff choose another section: the seed's "Spokesperson's Remarks".
REMARKS_SECTION_SLUG = "spokespersons-remarks"


class TranscriptError(ValueError):
    """A transcript that cannot be imported; the message tells the person importing it why."""


def check_size(size: int) -> None:
    if size > MAX_TRANSCRIPT_BYTES:
        raise TranscriptError(
            f"The file is too large ({size / 1024 / 1024:.1f} MB); "
            f"a transcript may be at most {MAX_TRANSCRIPT_BYTES // 1024 // 1024} MB."
        )


def decode_transcript(data: bytes) -> str:
    """The text of an uploaded or read file: UTF-8 (with or without BOM), not binary, not huge."""
    check_size(len(data))
    if b"\x00" in data:
        raise TranscriptError(
            "This is a binary file, not a transcript: upload the text (.txt) or the web page "
            "(.html)."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TranscriptError(
            f"The file is not UTF-8 text (unexpected byte at position {error.start}); "
            "save it as UTF-8 and try again."
        ) from None


def check_paragraphs(text: str) -> None:
    """Refuse, before parsing, a text with more paragraphs (non-blank lines, or HTML blocks)
    than any briefing has: counted in one pass, without building a list of them."""
    for count, _ in enumerate(_PARAGRAPH_STARTS.finditer(text), start=1):
        if count > MAX_PARAGRAPHS:
            raise TranscriptError(
                f"The transcript has more than {MAX_PARAGRAPHS:,} paragraphs; a briefing has a "
                "few hundred. Split it into several transcripts."
            )


def read_transcript(text: str, roles=None, *, markdown=False):
    """The ParsedBriefing of `text`, or TranscriptError when there is nothing to import.

    `roles` overrules the parser's reading of some speakers ({label: role}): staff's choice in
    the import preview. `markdown` reads a .md file's text without its markup.
    """
    if not text or not text.strip():
        raise TranscriptError("The transcript is empty.")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TRANSCRIPT_BYTES:
        raise TranscriptError(
            f"The transcript is too long; it may be at most "
            f"{MAX_TRANSCRIPT_BYTES // 1024 // 1024} MB."
        )
    if "\x00" in text:
        # PostgreSQL cannot store it, and no transcript contains it.
        raise TranscriptError("The transcript contains a NUL character: it is not text.")
    check_paragraphs(text)
    parsed = parse(markdown_to_text(text) if markdown else text, roles)
    if len(parsed.exchanges) > MAX_EXCHANGES:
        raise TranscriptError(
            f"The transcript has {len(parsed.exchanges):,} questions and answers; one briefing "
            f"may have at most {MAX_EXCHANGES:,}. Split it into several transcripts."
        )
    if not parsed.exchanges:
        raise TranscriptError(
            "No question and answer was found. Each question should start with its asker "
            '("CCTV:", "Q:") and each answer with who answers ("Zhao Lijian:", "A:").'
        )
    return parsed


def date_problem(held_at):
    """Why the transcript's date cannot be saved, or None: a date outside the site's range
    (year 1, year 9999) is a typo in the file, and would break every list of briefings."""
    if held_at is not None and not in_range(held_at):
        return f"its date {held_at:%Y-%m-%d} is out of range. {out_of_range_message()}"
    return None


def name_key(name):
    """The one comparison of outlet and spokesperson names: spaces folded, case folded in every
    script ("Straße" and "STRASSE" are one outlet), the reporter's title dropped ("法新社记者" is
    the outlet 法新社)."""
    return known_names.key(name)


# Who knows each kind's names in every language.
KNOWN_NAMES = {Outlet: known_names.OUTLETS, Spokesperson: known_names.SPOKESPEOPLE}


def _keys_of(row):
    """The keys of every name `row` has, in any language."""
    return {name_key(name) for name in [row.__dict__.get("name"), *row.names().values()] if name}


def _spellings(model, name):
    """The keys under which the outlet or person `name` may be filed already: its own, and every
    spelling the table of known names has for it ("法新社记者": AFP, Agence France-Presse…)."""
    entry = known_names.known(KNOWN_NAMES[model], name)
    own = name_key(name)
    return [own, *sorted({name_key(s) for s in entry.spellings()} - {own})] if entry else [own]


def is_named(row, name):
    """Whether `name` names `row`, in any of the languages: "赵立坚" is Zhao Lijian."""
    return bool(set(_spellings(type(row), name)) & _keys_of(row))


def _matching(model, names):
    """Existing rows of `model` named like any of `names`, by name_key(name).

    A row matches by its name in any language, or by any spelling of the table of known names
    ("法新社" finds the row named "AFP"). Matched in Python over every row, in one query:
    outlets and spokespeople number in the hundreds at most, and SQLite's case-insensitive
    comparison folds only ASCII ("ÉCHO" is not "écho" there), where Python folds every script
    alike.
    """
    names = list(names)
    if not any(name_key(name) for name in names):
        return {}
    by_key = {}
    for row in model.objects.order_by("pk"):
        for key in _keys_of(row):
            by_key.setdefault(key, row)
    found = {}
    for name in names:
        if name_key(name) and name_key(name) not in found:
            row = next((by_key[k] for k in _spellings(model, name) if k in by_key), None)
            if row is not None:
                found[name_key(name)] = row
    return found


def matching_outlets(names):
    return _matching(Outlet, names)


def matching_spokespeople(names):
    return _matching(Spokesperson, names)


def _names_to_write(model, name):
    """{column: name} of a row for `name`: every language's name from the table of known names,
    else the name as written (without the reporter's title) in the language it is written in."""
    offered = [code for code, _name in settings.LANGUAGES]
    entry = known_names.known(KNOWN_NAMES[model], name)
    if entry:
        names = {code: entry.names[code] for code in offered if code in entry.names}
    else:
        written = known_names.press_name(name)
        names = {written_language(written, offered, settings.LANGUAGE_CODE): written}
    return {build_localized_fieldname("name", code): value for code, value in names.items()}


def _slug_base(text):
    # Unicode slugs: an outlet called 彭博社 gets /outlets/彭博社/, not /outlets/item/.
    return slugify(text, allow_unicode=True)[: SLUG_MAX_LENGTH - 6].strip("-") or "item"


def _free_slug(base, taken):
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def unique_slug(queryset, text):
    """A slug from `text` that no row of `queryset` has yet: name, name-2, name-3..."""
    base = _slug_base(text)
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    return _free_slug(base, taken)


def _named(model, names, **fields):
    """Rows of `model` for `names` by name_key(name): the existing ones, the others created,
    named in every language the table of known names knows (staff name the rest in the
    admin)."""
    rows = _matching(model, names)
    missing = {}
    for name in names:
        name = " ".join(name.split())
        if name and name_key(name) not in rows:
            missing.setdefault(name_key(name), name)  # the first spelling met names the new row
    if missing:
        columns = {key: _names_to_write(model, name) for key, name in missing.items()}
        default_column = build_localized_fieldname("name", settings.LANGUAGE_CODE)
        # The address is from the default language's name where there is one: /outlets/afp/.
        bases = {
            key: _slug_base(names.get(default_column) or next(iter(names.values())))
            for key, names in columns.items()
        }
        condition = functools.reduce(
            operator.or_, (Q(slug__startswith=base) for base in set(bases.values()))
        )
        taken = set(model.objects.filter(condition).values_list("slug", flat=True))
        new_rows = []
        for key in missing:
            slug = _free_slug(bases[key], taken)
            taken.add(slug)
            row = model(slug=slug, **fields, **columns[key])
            first = next(iter(row.names().values()))
            row.__dict__["name"] = first  # bulk_create skips save(), which sets it
            if model is Outlet:
                row.fill_search_names()  # likewise
            new_rows.append(row)
        for key, row in zip(missing, model.objects.bulk_create(new_rows), strict=True):
            rows[key] = row
            if reversion.is_active():
                # bulk_create sends no post_save: a new outlet or spokesperson is recorded here.
                reversion.add_to_revision(row)
    return rows


def outlet_named(name):
    """The outlet called `name` (in any language, any case), created if new; None for an
    unnamed questioner."""
    return _named(Outlet, [name]).get(name_key(name))


def spokesperson_named(name, role=""):
    """The spokesperson called `name` (in any language, any case), created with `role` if new;
    None if no name."""
    return _named(Spokesperson, [name], role=role).get(name_key(name))


def with_spokesperson(parsed, name):
    """`parsed` briefed by `name` instead of whoever the text named: their answers too."""
    name = " ".join(name.split())
    detected = name_key(parsed.spokesperson)
    exchanges = [
        dataclasses.replace(exchange, responder=name)
        if detected and name_key(exchange.responder) == detected
        else exchange
        for exchange in parsed.exchanges
    ]
    return dataclasses.replace(parsed, spokesperson=name, exchanges=exchanges)


def transcript_language(parsed):
    """The site language the transcript is written in, from its words (a Chinese transcript is
    mostly Han characters): what staff get unless they choose another."""
    parts = [parsed.title, parsed.preamble]
    parts += [
        part for exchange in parsed.exchanges for part in (exchange.question, exchange.answer)
    ]
    text = "\n".join(part for part in parts if part)
    return written_language(text, [code for code, _ in settings.LANGUAGES], settings.LANGUAGE_CODE)


def translation_problem(original, language, mission=None):
    """Why the new briefing, `mission`'s (None: the ministry's), cannot be `original`'s version
    in `language`, or None. Another owner's version is no hindrance: a mission's own
    translation stands in for the ministry's on its site."""
    if original is None:
        return None
    existing = original.versions().filter(language=language, mission=mission).first()
    if existing is not None:
        return (
            f"“{original.title}” already has its {language_name(language)} version: "
            f"“{existing.title}”. Choose another briefing or another language."
        )
    return None


def likely_original(parsed, language, among=None):
    """The briefing the transcript most likely translates: held the same day, in another
    language, without a version in `language` yet (of `among`, when given). None when there
    is none."""
    if parsed.held_at is None or not in_range(parsed.held_at):
        return None
    day = Briefing(held_at=aware(parsed.held_at), held_in_zone=place_zone(parsed)).local_date
    translated = Briefing.objects.filter(language=language).values("translation_key")
    return (
        (Briefing.objects.all() if among is None else among)
        .on_day(day)
        .exclude(language=language)
        .exclude(translation_key__in=translated)
        .order_by("held_at", "pk")
        .first()
    )


def place_zone(parsed):
    """The zone the transcript wrote its time in, as the briefing keeps it (its address is
    dated by the day there); "" (the site's) when it names none the site knows."""
    zone = getattr(parsed, "zone", "")
    return zone if zone in PLACE_ZONES else ""


def find_duplicate(title, held_at, among=None):
    """An existing briefing with this title on the same day, if any (of `among`, the briefings
    the importer sees, when given)."""
    day = timezone.localtime(aware(held_at)).date()
    briefings = Briefing.objects.all() if among is None else among
    return briefings.on_day(day).filter(title__iexact=title.strip()).first()


def aware(held_at):
    if held_at is None:
        return timezone.now()
    if timezone.is_naive(held_at):
        return timezone.make_aware(held_at)
    return held_at


# A history entry's words, shown in the reader's language (embassy/history/entries.py).
IMPORTED = gettext_noop("Imported from a transcript.")


@transaction.atomic
def save_briefing(
    parsed,
    *,
    section,
    spokesperson=None,
    status=Status.DRAFT,
    source_url="",
    comment=IMPORTED,
    language=None,
    translation_of=None,
    mission=None,
):
    """Create the briefing and all its exchanges from a ParsedBriefing; all or nothing.

    `mission`: the mission whose own briefing it is; None, the ministry's (shown on every
    mission that carries its briefings).

    `spokesperson` overrides the one the parser found (the admin lets staff choose).
    `language` is the one the text is written in unless given; `translation_of`, an existing
    briefing, makes the new one its version in that language (TranscriptError if it has one).
    A naive `held_at` is taken as the site's local time. The briefing and its exchanges are
    recorded as one revision (joining the caller's, when there is one, which names the user).
    """
    language = language or transcript_language(parsed)
    if problem := translation_problem(translation_of, language, mission):
        raise TranscriptError(problem)
    with reversion.create_revision():
        if not reversion.get_comment():
            reversion.set_comment(comment)
        briefing = _create_briefing(
            parsed, section, spokesperson, status, source_url, language, translation_of, mission
        )
        # bulk_create sends no post_save: the exchanges join the revision by the briefing's
        # `follow`, now that they exist.
        reversion.add_to_revision(briefing)
    return briefing


def _create_briefing(
    parsed, section, spokesperson, status, source_url, language, translation_of, mission=None
):
    if spokesperson is None:
        spokesperson = spokesperson_named(
            parsed.spokesperson or DEFAULT_SPOKESPERSON, getattr(parsed, "spokesperson_role", "")
        )
    held_at = aware(parsed.held_at)
    zone = place_zone(parsed)
    same_day = Briefing.objects.on_day(Briefing(held_at=held_at, held_in_zone=zone).local_date)
    briefing = Briefing.objects.create(
        title=parsed.title.strip(),
        slug=unique_slug(same_day, parsed.title),
        spokesperson=spokesperson,
        held_at=held_at,
        held_in_zone=zone,
        section=section,
        mission=mission,
        status=status,
        source_url=source_url,
        opening_remarks=parsed.preamble,
        language=language,
        **({"translation_key": translation_of.translation_key} if translation_of else {}),
    )
    outlets = _named(Outlet, [exchange.questioner for exchange in parsed.exchanges])
    # Someone other than the briefing's spokesperson who answers (a guest, a deputy) is recorded
    # on the exchange; the spokesperson's own answers are not.
    other_responders = [
        exchange.responder
        for exchange in parsed.exchanges
        if name_key(exchange.responder) and not is_named(spokesperson, exchange.responder)
    ]
    responders = _named(Spokesperson, other_responders) if other_responders else {}
    Exchange.objects.bulk_create(
        Exchange(
            briefing=briefing,
            position=position,
            outlet=outlets.get(name_key(exchange.questioner)),
            question=exchange.question,
            answer=exchange.answer,
            responder=responders.get(name_key(exchange.responder)),
        ).fill_search_text()  # bulk_create skips save(), which fills it: Chinese is searched so
        for position, exchange in enumerate(parsed.exchanges, start=1)
    )
    return briefing
