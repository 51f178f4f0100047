"""Vietnamese found with or without its marks (#12): an article's searchable copy
(search_text) now holds its title and body whenever they have Chinese or diacritics, folded
(tiếng → tieng). Refilling it makes the trigger recompute the vector.
"""

from django.db import migrations

from embassy.languages.segmenting import search_copy


def refill(apps, schema_editor):
    Article = apps.get_model("sections", "Article")
    changed = []
    for article in Article.objects.only("pk", "search_text", "title", "body").iterator():
        copy = search_copy(article.title, article.body)
        if copy != article.search_text:
            article.search_text = copy
            changed.append(article)
    Article.objects.bulk_update(changed, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("sections", "0007_plain_labels"),
    ]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
