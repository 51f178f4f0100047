"""Full-text search vectors for briefings and exchanges.

The columns exist on every database. On PostgreSQL only, triggers fill them on every insert
and update (bulk_create and raw SQL included, so no code path can forget) and GIN indexes cover
them; SQLite has neither, and embassy/search/backends.py searches it another way.
Weights: A for an exchange's outlet and question and a briefing's title, B for the answer and
the opening remarks. The text search configuration is fixed to 'english' here and in search.py.
"""

import django.contrib.postgres.search
from django.db import migrations

POSTGRESQL_FORWARDS = """
CREATE FUNCTION transcripts_exchange_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(
            (SELECT name FROM transcripts_outlet WHERE id = NEW.outlet_id), '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.question, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.answer, '')), 'B');
    RETURN NEW;
END
$$;
CREATE TRIGGER transcripts_exchange_search_vector
    BEFORE INSERT OR UPDATE OF question, answer, outlet_id ON transcripts_exchange
    FOR EACH ROW EXECUTE FUNCTION transcripts_exchange_search_vector();

-- An outlet's name is part of its exchanges' vectors: renaming it refreshes them.
CREATE FUNCTION transcripts_outlet_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE transcripts_exchange SET outlet_id = outlet_id WHERE outlet_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER transcripts_outlet_renamed
    AFTER UPDATE OF name ON transcripts_outlet
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION transcripts_outlet_renamed();

CREATE FUNCTION transcripts_briefing_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.opening_remarks, '')), 'B');
    RETURN NEW;
END
$$;
CREATE TRIGGER transcripts_briefing_search_vector
    BEFORE INSERT OR UPDATE OF title, opening_remarks ON transcripts_briefing
    FOR EACH ROW EXECUTE FUNCTION transcripts_briefing_search_vector();

CREATE INDEX transcripts_exchange_search_vector_gin
    ON transcripts_exchange USING gin (search_vector);
CREATE INDEX transcripts_briefing_search_vector_gin
    ON transcripts_briefing USING gin (search_vector);

-- Rows that existed before this migration.
UPDATE transcripts_exchange SET outlet_id = outlet_id;
UPDATE transcripts_briefing SET title = title;
"""

POSTGRESQL_BACKWARDS = """
DROP INDEX IF EXISTS transcripts_briefing_search_vector_gin;
DROP INDEX IF EXISTS transcripts_exchange_search_vector_gin;
DROP TRIGGER IF EXISTS transcripts_briefing_search_vector ON transcripts_briefing;
DROP FUNCTION IF EXISTS transcripts_briefing_search_vector();
DROP TRIGGER IF EXISTS transcripts_outlet_renamed ON transcripts_outlet;
DROP FUNCTION IF EXISTS transcripts_outlet_renamed();
DROP TRIGGER IF EXISTS transcripts_exchange_search_vector ON transcripts_exchange;
DROP FUNCTION IF EXISTS transcripts_exchange_search_vector();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('transcripts', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='briefing',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='exchange',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(
            on_postgresql(POSTGRESQL_FORWARDS), on_postgresql(POSTGRESQL_BACKWARDS)
        ),
    ]
