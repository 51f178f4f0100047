"""Each document gets a random key for its address; existing ones each their own."""

import secrets

from django.db import migrations, models

import embassy.media.models


def give_keys(apps, schema_editor):
    Document = apps.get_model("media", "Document")
    for document in Document.objects.filter(key__isnull=True).only("pk"):
        document.key = secrets.token_hex(8)
        document.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [("media", "0002_document_recordings")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="key",
            field=models.CharField(editable=False, max_length=16, null=True),
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="document",
            name="key",
            field=models.CharField(
                default=embassy.media.models.new_key, editable=False, max_length=16, unique=True
            ),
        ),
    ]
