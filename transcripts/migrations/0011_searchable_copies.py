"""Vietnamese found with or without its marks (#12): the searchable copy (search_text) now
holds every briefing's and exchange's text that has Chinese or diacritics, folded (tiếng →
tieng), not only Chinese. The triggers index the copy when there is one; refilling it here
recomputes their vectors.
"""

from django.db import migrations

from embassy.languages.segmenting import search_copy

BATCH = 2000


def refill(apps, schema_editor):
    for model_name, fields in (
        ("Briefing", ("title", "opening_remarks")),
        ("Exchange", ("question", "answer")),
    ):
        model = apps.get_model("transcripts", model_name)
        changed = []
        for row in model.objects.only("pk", "search_text", *fields).iterator(chunk_size=BATCH):
            copy = search_copy(*(getattr(row, field) for field in fields))
            if copy != row.search_text:
                row.search_text = copy
                changed.append(row)
        model.objects.bulk_update(changed, ["search_text"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("transcripts", "0010_topics_and_plain_labels"),
    ]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
