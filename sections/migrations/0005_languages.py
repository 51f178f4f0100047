"""Three languages (#12): an article's language and translation key, the menu sections' titles
and intros per language (django-modeltranslation), and search that reads Chinese and
Vietnamese (PostgreSQL).

- translation_key: every existing article gets its own key (a default would give them all one).
- title_en/intro_en (the default language's columns) start as today's title and intro.
- PostgreSQL: the configuration embassy_search is english with unaccent before the stemmer
  (tiếng and tieng are one word; questions still finds question), and the trigger indexes the
  segmented copy (search_text) of a Chinese article instead of its unspaced text.
"""

import uuid

from django.db import migrations, models

import embassy.languages.models
from embassy.languages.segmenting import search_copy

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

POSTGRESQL_FORWARDS = SEARCH_CONFIGURATION + """
CREATE OR REPLACE FUNCTION sections_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('embassy_search', CASE WHEN NEW.search_text <> ''
            THEN split_part(NEW.search_text, chr(31), 1) ELSE coalesce(NEW.title, '') END), 'A')
        || setweight(to_tsvector('embassy_search', CASE WHEN NEW.search_text <> ''
            THEN split_part(NEW.search_text, chr(31), 2) ELSE coalesce(NEW.body, '') END), 'B');
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS sections_article_search_vector ON sections_article;
CREATE TRIGGER sections_article_search_vector
    BEFORE INSERT OR UPDATE OF title, body, search_text ON sections_article
    FOR EACH ROW EXECUTE FUNCTION sections_article_search_vector();
UPDATE sections_article SET title = title;
"""

POSTGRESQL_BACKWARDS = """
CREATE OR REPLACE FUNCTION sections_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.body, '')), 'B');
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS sections_article_search_vector ON sections_article;
CREATE TRIGGER sections_article_search_vector
    BEFORE INSERT OR UPDATE OF title, body ON sections_article
    FOR EACH ROW EXECUTE FUNCTION sections_article_search_vector();
UPDATE sections_article SET title = title;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def fill(apps, schema_editor):
    Article = apps.get_model("sections", "Article")
    for article in Article.objects.only("pk", "title", "body"):
        Article.objects.filter(pk=article.pk).update(
            translation_key=uuid.uuid4(), search_text=search_copy(article.title, article.body)
        )
    Section = apps.get_model("sections", "Section")
    Section.objects.update(title_en=models.F("title"), intro_en=models.F("intro"))


class Migration(migrations.Migration):
    dependencies = [
        ("sections", "0004_article_withdraw_at_publish_permission_section_updated_at"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="article",
            name="article_slug_per_section",
        ),
        migrations.AddField(
            model_name="article",
            name="language",
            field=models.CharField(db_index=True, default=embassy.languages.models.default_language, help_text="The language this version is written in.", max_length=15, verbose_name="language"),
        ),
        migrations.AddField(
            model_name="article",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="section",
            name="intro_en",
            field=models.TextField(blank=True, help_text="Plain text; blank lines separate paragraphs.", null=True),
        ),
        migrations.AddField(
            model_name="section",
            name="intro_vi",
            field=models.TextField(blank=True, help_text="Plain text; blank lines separate paragraphs.", null=True),
        ),
        migrations.AddField(
            model_name="section",
            name="intro_zh_hans",
            field=models.TextField(blank=True, help_text="Plain text; blank lines separate paragraphs.", null=True),
        ),
        migrations.AddField(
            model_name="section",
            name="title_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="section",
            name="title_vi",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="section",
            name="title_zh_hans",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="translation_key",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, help_text="Shared by the versions of one piece in different languages.", verbose_name="translation key"),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(fields=("section", "slug", "language"), name="article_slug_per_section_language"),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(fields=("translation_key", "language"), name="article_one_version_per_language"),
        ),
        migrations.RunPython(
            on_postgresql(POSTGRESQL_FORWARDS), on_postgresql(POSTGRESQL_BACKWARDS)
        ),
    ]
