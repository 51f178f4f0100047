"""Rebuilding the stored search vectors, after rows were loaded with the triggers disabled."""

from django.db import connection

from sections.models import Article
from transcripts.models import Briefing, Exchange

from .backends import on_postgresql

# A column each table's trigger watches: touching it makes the trigger recompute the vector.
WATCHED_COLUMN = {Exchange: "outlet_id", Briefing: "title", Article: "title"}


def refresh_vectors():
    """Recompute every stored vector; nothing to do on SQLite, which keeps none."""
    if not on_postgresql():
        return
    with connection.cursor() as cursor:
        for model, column in WATCHED_COLUMN.items():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"UPDATE {table} SET {column} = {column}")
