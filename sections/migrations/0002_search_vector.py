"""The full-text search vector of articles: title weight A, body weight B.

The column exists on every database; on PostgreSQL only a trigger fills it on every insert and
update and a GIN index covers it (see transcripts/migrations/0002_search_vectors.py). The body
is sanitized HTML: PostgreSQL's parser skips its tags.
"""

import django.contrib.postgres.search
from django.db import migrations

POSTGRESQL_FORWARDS = """
CREATE FUNCTION sections_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.body, '')), 'B');
    RETURN NEW;
END
$$;
CREATE TRIGGER sections_article_search_vector
    BEFORE INSERT OR UPDATE OF title, body ON sections_article
    FOR EACH ROW EXECUTE FUNCTION sections_article_search_vector();
CREATE INDEX sections_article_search_vector_gin ON sections_article USING gin (search_vector);
UPDATE sections_article SET title = title;
"""

POSTGRESQL_BACKWARDS = """
DROP INDEX IF EXISTS sections_article_search_vector_gin;
DROP TRIGGER IF EXISTS sections_article_search_vector ON sections_article;
DROP FUNCTION IF EXISTS sections_article_search_vector();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('sections', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(
            on_postgresql(POSTGRESQL_FORWARDS), on_postgresql(POSTGRESQL_BACKWARDS)
        ),
    ]
