"""The bulk export, one per mission: every published briefing the mission shows (its own, and
the ministry's it carries but those it leaves out) as JSON Lines (one briefing a line, its
exchanges inside) and as CSV (one exchange a row, its briefing's columns repeated), its links on
the mission's own host.

Each mission's files live in a folder of settings.OPEN_DATA_EXPORT_DIR named by its slug, beside
a stamp naming the content they were made from: the number of briefings and exchanges shown,
the latest edit of one (saving a briefing in the admin or importing one touches its updated_at;
a briefing that comes into view at its time, or that the mission leaves out, changes the count)
and the mission's address. `refresh()` rewrites them when the stamp no longer matches; each file
is written beside its final name and renamed into place, so a download never sees half a file.
What is stored stays one set of files per mission: `refresh_all()` removes those of a mission
no longer there (removed, or its slug changed).
"""

import csv
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max

from embassy.missions.models import Mission
from transcripts.models import Briefing, Exchange, attach_topics

from . import schemas
from .translations import attach_translations

FILES = {"jsonl": "briefings.jsonl", "csv": "briefings.csv"}
STAMP = "stamp.json"
BATCH = 500

CSV_COLUMNS = [
    "briefing_id",
    "briefing_title",
    "briefing_url",
    "held_at",
    "language",
    "spokesperson",
    "section",
    "briefing_topics",
    "exchange_id",
    "position",
    "outlet",
    "responder",
    "question",
    "answer",
    "exchange_topics",
    "exchange_url",
]


def root():
    return Path(settings.OPEN_DATA_EXPORT_DIR)


def directory(mission):
    """The folder of `mission`'s files (a slug is a safe file name: letters, digits, - and _)."""
    return root() / mission.slug


def path_of(mission, kind):
    return directory(mission) / FILES[kind]


def shown_briefings(mission):
    return Briefing.objects.shown_on(mission).published()


def published_briefings():
    return (
        Briefing.objects.published()
        .select_related("spokesperson", "section")
        .prefetch_related("tags")
        .defer("search_vector")
        .annotate(exchange_count=Count("exchanges"))
        .order_by("held_at", "pk")
    )


def content_stamp(mission, site_url=None):
    """What `mission`'s files must have been made from to be current (a JSON-ready dict)."""
    briefings = shown_briefings(mission).aggregate(count=Count("pk"), edited=Max("updated_at"))
    return {
        "briefings": briefings["count"],
        "edited": briefings["edited"].isoformat() if briefings["edited"] else None,
        "exchanges": Exchange.objects.shown_on(mission).published().count(),
        # The links in the files start with it: a new host name makes new files.
        "site": site_url or mission.address(""),
    }


def written_stamp(mission):
    try:
        return json.loads((directory(mission) / STAMP).read_text())
    except (OSError, ValueError):
        return None


def is_current(mission):
    written = all(path_of(mission, kind).exists() for kind in FILES)
    return written and written_stamp(mission) == content_stamp(mission)


def etag(mission):
    """The ETag of `mission`'s current files: one per mission and content stamp."""
    stamp = written_stamp(mission) or {}
    parts = [mission.slug] + [str(stamp.get(part)) for part in ("briefings", "exchanges", "edited")]
    return '"' + "-".join(parts) + '"'


def briefings_with_exchanges(mission):
    """Every published briefing `mission` shows, oldest first, its exchanges in
    `listed_exchanges`: a few queries per BATCH briefings, whatever their number."""
    ids = list(shown_briefings(mission).order_by("held_at", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        briefings = published_briefings().in_bulk(chunk)
        attach_translations(briefings.values(), mission)
        exchanges = attach_topics(
            Exchange.objects.filter(briefing__in=chunk)
            .select_related("outlet", "responder")
            .defer("search_vector")
            .order_by("briefing", "position", "pk")
        )
        for briefing in briefings.values():
            briefing.listed_exchanges = []
        for exchange in exchanges:
            exchange.briefing = briefings[exchange.briefing_id]
            exchange.briefing.listed_exchanges.append(exchange)
        for pk in chunk:
            if pk in briefings:  # unpublished since the ids were read
                yield briefings[pk]


def csv_rows(briefing, record):
    base = {
        "briefing_id": briefing.pk,
        "briefing_title": briefing.title,
        "briefing_url": record["url"],
        "held_at": record["held_at"],
        "language": record["language"],
        "spokesperson": briefing.spokesperson.name,
        "section": briefing.section.title,
        "briefing_topics": "; ".join(topic["name"] for topic in record["topics"]),
    }
    for exchange in record["exchanges"]:
        yield {
            **base,
            "exchange_id": exchange["id"],
            "position": exchange["position"],
            "outlet": (exchange["outlet"] or {}).get("name", ""),
            "responder": (exchange["responder"] or {}).get("name", ""),
            "question": exchange["question"],
            "answer": exchange["answer"],
            "exchange_topics": "; ".join(topic["name"] for topic in exchange["topics"]),
            "exchange_url": exchange["url"],
        }


def write(mission):
    """Write `mission`'s files from the database as it is now; return the number of
    briefings."""
    target = directory(mission)
    target.mkdir(parents=True, exist_ok=True)
    site_url = mission.address("")
    stamp = content_stamp(mission, site_url)
    context = {"site_url": site_url}
    temporary = {
        kind: tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed and renamed below)
            "w", encoding="utf-8", newline="", dir=target, prefix=f".{name}.", delete=False
        )
        for kind, name in FILES.items()
    }
    written = 0
    try:
        rows = csv.DictWriter(temporary["csv"], fieldnames=CSV_COLUMNS)
        rows.writeheader()
        for briefing in briefings_with_exchanges(mission):
            record = schemas.BriefingDetail.from_orm(briefing, context=context)
            record = record.model_dump(mode="json")
            temporary["jsonl"].write(json.dumps(record, ensure_ascii=False) + "\n")
            rows.writerows(csv_rows(briefing, record))
            written += 1
        for kind, handle in temporary.items():
            handle.close()
            os.replace(handle.name, path_of(mission, kind))
    finally:
        for handle in temporary.values():
            handle.close()
            if os.path.exists(handle.name):
                os.unlink(handle.name)  # an error halfway leaves no orphan behind
    (target / STAMP).write_text(json.dumps(stamp))
    return written


def refresh(mission):
    """Rewrite `mission`'s files if what it shows changed since they were made. True when
    rewritten."""
    if is_current(mission):
        return False
    write(mission)
    return True


def refresh_all():
    """Refresh every mission's files, and remove those of missions no longer there; return
    the number of missions whose files were rewritten."""
    missions = list(Mission.objects.all())
    rewritten = sum(refresh(mission) for mission in missions)
    forget_all_but({mission.slug for mission in missions})
    return rewritten


def forget_all_but(slugs):
    """Remove the files of every mission but those of `slugs` (a mission removed, or renamed),
    and the single set written before the export was per mission."""
    top = root()
    if not top.is_dir():
        return
    names = [*FILES.values(), STAMP]
    folders = [top] + [
        folder
        for folder in top.iterdir()
        if folder.is_dir() and folder.name not in slugs and (folder / STAMP).exists()
    ]
    for folder in folders:
        for name in names:
            (folder / name).unlink(missing_ok=True)
        if folder != top and not any(folder.iterdir()):
            folder.rmdir()
