"""An outlet found by its name in every language (PostgreSQL).

The exchanges' trigger indexed only the outlet's untranslated `name` column (its name in the
first language it was named in): a search for "Hãng thông tấn Pháp" or "法新社" did not find
AFP's questions. It now indexes `search_names`, the outlet's names in every language as search
reads them (filled by Outlet.save() and the importer), and a trigger on the outlets reindexes an
outlet's exchanges when its names change (a name added in the admin, two rows merged).
SQLite has no stored vectors: it matches every name column already (embassy/search/kinds.py).
"""

import importlib

from django.conf import settings
from django.db import migrations, models
from modeltranslation.utils import build_localized_fieldname

from embassy.languages.segmenting import searchable

earlier = importlib.import_module("transcripts.migrations.0009_languages")


def exchange_trigger(outlet_words):
    return f"""
CREATE OR REPLACE FUNCTION transcripts_exchange_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('embassy_search', coalesce(
            (SELECT {outlet_words} FROM transcripts_outlet WHERE id = NEW.outlet_id), '')), 'A')
        || setweight(to_tsvector('embassy_search', CASE WHEN NEW.search_text <> ''
            THEN split_part(NEW.search_text, chr(31), 1) ELSE coalesce(NEW.question, '') END), 'A')
        || setweight(to_tsvector('embassy_search', CASE WHEN NEW.search_text <> ''
            THEN split_part(NEW.search_text, chr(31), 2) ELSE coalesce(NEW.answer, '') END), 'B');
    RETURN NEW;
END
$$;
"""


FORWARD = (
    exchange_trigger("search_names")
    + """
CREATE OR REPLACE FUNCTION transcripts_outlet_reindex_exchanges() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE transcripts_exchange SET outlet_id = outlet_id WHERE outlet_id = NEW.id;
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS transcripts_outlet_reindex_exchanges ON transcripts_outlet;
CREATE TRIGGER transcripts_outlet_reindex_exchanges
    AFTER UPDATE OF search_names ON transcripts_outlet
    FOR EACH ROW WHEN (OLD.search_names IS DISTINCT FROM NEW.search_names)
    EXECUTE FUNCTION transcripts_outlet_reindex_exchanges();
UPDATE transcripts_exchange SET outlet_id = outlet_id;
"""
)

BACKWARD = (
    """
DROP TRIGGER IF EXISTS transcripts_outlet_reindex_exchanges ON transcripts_outlet;
DROP FUNCTION IF EXISTS transcripts_outlet_reindex_exchanges();
"""
    + exchange_trigger("name")
    + "UPDATE transcripts_exchange SET outlet_id = outlet_id;\n"
)


def fill(apps, schema_editor):
    """Each outlet's names as Outlet.fill_search_names() writes them (the historical model has
    no methods): the trigger that reindexes its exchanges does not exist yet, FORWARD does."""
    Outlet = apps.get_model("transcripts", "Outlet")
    columns = [build_localized_fieldname("name", code) for code, _name in settings.LANGUAGES]
    present = {field.name for field in Outlet._meta.get_fields()}
    columns = [column for column in columns if column in present]
    for outlet in Outlet.objects.only("pk", *columns):
        names = [getattr(outlet, column) for column in columns]
        words = searchable(" ".join(dict.fromkeys(name for name in names if name)))
        Outlet.objects.filter(pk=outlet.pk).update(search_names=words)


class Migration(migrations.Migration):
    dependencies = [
        ("transcripts", "0016_topic_names_per_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="outlet",
            name="search_names",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(earlier.on_postgresql(FORWARD), earlier.on_postgresql(BACKWARD)),
    ]
