"""Outlets and spokespeople named in every language on one row (#26).

name_<default> starts as today's name; a row the table of known names knows (AFP, 赵立坚)
gets its name in the other languages too, where still blank. Rows that are one outlet under
two languages' names ("AFP", "法新社记者") stay two until staff merge them in the admin.
"""

from django.conf import settings
from django.db import migrations, models

from transcripts import known_names


def fill(apps, schema_editor):
    offered = [code for code, _name in settings.LANGUAGES]
    default_column = f"name_{settings.LANGUAGE_CODE.replace('-', '_')}"
    for model_name, table in (
        ("Outlet", known_names.OUTLETS),
        ("Spokesperson", known_names.SPOKESPEOPLE),
    ):
        model = apps.get_model("transcripts", model_name)
        columns = {f.name for f in model._meta.fields}
        taken = {column: set() for column in columns if column.startswith("name_")}
        for row in model.objects.order_by("pk"):
            names = {default_column: row.name}
            entry = known_names.known(table, row.name)
            if entry:
                for code in offered:
                    if code in entry.names:
                        names.setdefault(f"name_{code.replace('-', '_')}", entry.names[code])
            # A language's name is unique among spokespeople: the first row keeps it.
            names = {
                column: value
                for column, value in names.items()
                if column in taken and value.casefold() not in taken[column]
            }
            for column, value in names.items():
                taken[column].add(value.casefold())
            model.objects.filter(pk=row.pk).update(**names)
    Spokesperson = apps.get_model("transcripts", "Spokesperson")
    Spokesperson.objects.update(**{default_column.replace("name_", "role_", 1): models.F("role")})


class Migration(migrations.Migration):
    dependencies = [
        ("transcripts", "0012_briefing_place_end_and_recording"),
    ]

    operations = [
        migrations.AddField(
            model_name="outlet",
            name="name_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="outlet",
            name="name_vi",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="outlet",
            name="name_zh_hans",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="spokesperson",
            name="name_en",
            field=models.CharField(max_length=200, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="spokesperson",
            name="name_vi",
            field=models.CharField(max_length=200, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="spokesperson",
            name="name_zh_hans",
            field=models.CharField(max_length=200, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="spokesperson",
            name="role_en",
            field=models.CharField(
                blank=True,
                help_text='For example "Foreign Ministry Spokesperson".',
                max_length=200,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="spokesperson",
            name="role_vi",
            field=models.CharField(
                blank=True,
                help_text='For example "Foreign Ministry Spokesperson".',
                max_length=200,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="spokesperson",
            name="role_zh_hans",
            field=models.CharField(
                blank=True,
                help_text='For example "Foreign Ministry Spokesperson".',
                max_length=200,
                null=True,
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
