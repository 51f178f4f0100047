"""The bulk export: every published briefing as JSON Lines (one briefing a line, its exchanges
inside) and as CSV (one exchange a row, its briefing's columns repeated).

The files live in settings.OPEN_DATA_EXPORT_DIR beside a stamp naming the content they were
made from: the number of published briefings and exchanges and the latest edit of a briefing
(saving a briefing in the admin or importing one touches its updated_at; a briefing that comes
into view at its time changes the count). `refresh()` rewrites them when the stamp no longer
matches; each file is written beside its final name and renamed into place, so a download
never sees half a file.
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


def directory():
    return Path(settings.OPEN_DATA_EXPORT_DIR)


def path_of(kind):
    return directory() / FILES[kind]


def published_briefings():
    return (
        Briefing.objects.published()
        .select_related("spokesperson", "section")
        .prefetch_related("tags")
        .defer("search_vector")
        .annotate(exchange_count=Count("exchanges"))
        .order_by("held_at", "pk")
    )


def content_stamp():
    """What the files must have been made from to be current (a JSON-ready dict)."""
    briefings = Briefing.objects.published().aggregate(count=Count("pk"), edited=Max("updated_at"))
    return {
        "briefings": briefings["count"],
        "edited": briefings["edited"].isoformat() if briefings["edited"] else None,
        "exchanges": Exchange.objects.published().count(),
    }


def written_stamp():
    try:
        return json.loads((directory() / STAMP).read_text())
    except (OSError, ValueError):
        return None


def is_current():
    return all(path_of(kind).exists() for kind in FILES) and written_stamp() == content_stamp()


def etag():
    """The ETag of the current files: one per content stamp."""
    stamp = written_stamp() or {}
    return (
        '"' + "-".join(str(stamp.get(part)) for part in ("briefings", "exchanges", "edited")) + '"'
    )


def briefings_with_exchanges():
    """Every published briefing, oldest first, its exchanges in `listed_exchanges`: a few
    queries per BATCH briefings, whatever their number."""
    ids = list(Briefing.objects.published().order_by("held_at", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        briefings = published_briefings().in_bulk(chunk)
        attach_translations(briefings.values(), Mission.home())
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


def write():
    """Write both files from the database as it is now; return the number of briefings."""
    target = directory()
    target.mkdir(parents=True, exist_ok=True)
    stamp = content_stamp()
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
        for briefing in briefings_with_exchanges():
            record = schemas.BriefingDetail.from_orm(briefing, context={}).model_dump(mode="json")
            temporary["jsonl"].write(json.dumps(record, ensure_ascii=False) + "\n")
            rows.writerows(csv_rows(briefing, record))
            written += 1
        for kind, handle in temporary.items():
            handle.close()
            os.replace(handle.name, path_of(kind))
    finally:
        for handle in temporary.values():
            handle.close()
            if os.path.exists(handle.name):
                os.unlink(handle.name)  # an error halfway leaves no orphan behind
    (target / STAMP).write_text(json.dumps(stamp))
    return written


def refresh():
    """Rewrite the files if the content changed since they were made. True when rewritten."""
    if is_current():
        return False
    write()
    return True
