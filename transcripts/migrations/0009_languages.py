"""Three languages (#12): a briefing's language and translation key, and search that reads
Chinese and Vietnamese (PostgreSQL).

- translation_key: every existing briefing gets its own key (a default would give them all one).
- search_text: the segmented copy of a Chinese briefing's or exchange's words, filled here for
  existing rows and by save() afterwards; the triggers index it instead of the unspaced text.
- embassy_search: english with unaccent before the stemmer (created by sections 0005 too:
  whichever runs first).
"""

import uuid

from django.db import migrations, models

import embassy.languages.models
from embassy.languages.segmenting import has_han, search_copy

SEARCH_CONFIGURATION = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'embassy_search') THEN
        CREATE TEXT SEARCH CONFIGURATION embassy_search (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION embassy_search
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
END $$;
"""


def triggers(config, with_search_copy):
    def part(number, column):
        if not with_search_copy:
            return f"coalesce(NEW.{column}, '')"
        return (
            f"CASE WHEN NEW.search_text <> '' THEN split_part(NEW.search_text, chr(31), {number}) "
            f"ELSE coalesce(NEW.{column}, '') END"
        )

    watched = ", search_text" if with_search_copy else ""
    return f"""
CREATE OR REPLACE FUNCTION transcripts_exchange_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('{config}', coalesce(
            (SELECT name FROM transcripts_outlet WHERE id = NEW.outlet_id), '')), 'A')
        || setweight(to_tsvector('{config}', {part(1, "question")}), 'A')
        || setweight(to_tsvector('{config}', {part(2, "answer")}), 'B');
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS transcripts_exchange_search_vector ON transcripts_exchange;
CREATE TRIGGER transcripts_exchange_search_vector
    BEFORE INSERT OR UPDATE OF question, answer, outlet_id{watched} ON transcripts_exchange
    FOR EACH ROW EXECUTE FUNCTION transcripts_exchange_search_vector();

CREATE OR REPLACE FUNCTION transcripts_briefing_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('{config}', {part(1, "title")}), 'A')
        || setweight(to_tsvector('{config}', {part(2, "opening_remarks")}), 'B');
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS transcripts_briefing_search_vector ON transcripts_briefing;
CREATE TRIGGER transcripts_briefing_search_vector
    BEFORE INSERT OR UPDATE OF title, opening_remarks{watched} ON transcripts_briefing
    FOR EACH ROW EXECUTE FUNCTION transcripts_briefing_search_vector();

UPDATE transcripts_exchange SET outlet_id = outlet_id;
UPDATE transcripts_briefing SET title = title;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def fill(apps, schema_editor):
    Briefing = apps.get_model("transcripts", "Briefing")
    for briefing in Briefing.objects.only("pk", "title", "opening_remarks"):
        Briefing.objects.filter(pk=briefing.pk).update(
            translation_key=uuid.uuid4(),
            search_text=search_copy(briefing.title, briefing.opening_remarks),
        )
    Exchange = apps.get_model("transcripts", "Exchange")
    for exchange in Exchange.objects.only("pk", "question", "answer").iterator():
        if has_han(exchange.question) or has_han(exchange.answer):
            Exchange.objects.filter(pk=exchange.pk).update(
                search_text=search_copy(exchange.question, exchange.answer)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("transcripts", "0008_briefing_publication_times"),
    ]

    operations = [
        migrations.AddField(
            model_name="briefing",
            name="language",
            field=models.CharField(db_index=True, default=embassy.languages.models.default_language, help_text="The language this version is written in.", max_length=15, verbose_name="language"),
        ),
        migrations.AddField(
            model_name="briefing",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="briefing",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="exchange",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="briefing",
            name="translation_key",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, help_text="Shared by the versions of one piece in different languages.", verbose_name="translation key"),
        ),
        migrations.AddConstraint(
            model_name="briefing",
            constraint=models.UniqueConstraint(fields=("translation_key", "language"), name="briefing_one_version_per_language"),
        ),
        migrations.RunPython(
            on_postgresql(SEARCH_CONFIGURATION + triggers("embassy_search", True)),
            on_postgresql(triggers("english", False)),
        ),
    ]
