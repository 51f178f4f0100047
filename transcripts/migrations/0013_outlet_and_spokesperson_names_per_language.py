"""Outlets and spokespeople named in every language on one row (#26).

Today's name goes to the column of the language it is written in (法新社记者: name_zh_hans,
else the default language's); a row the table of known names knows (AFP, 赵立坚) gets its name in
the other languages too. A language's name already held by an earlier row is not repeated
(spokespeople's are unique): rows that are one outlet under two languages' names ("AFP",
"法新社记者") stay two until staff merge them in the admin.
"""

from django.conf import settings
from django.db import migrations, models

from embassy.languages.detecting import written_language
from transcripts import known_names


def name_column(code):
    return f"name_{code.replace('-', '_')}"


def fill(apps, schema_editor):
    offered = [code for code, _name in settings.LANGUAGES]
    default_column = name_column(settings.LANGUAGE_CODE)
    for model_name, table in (
        ("Outlet", known_names.OUTLETS),
        ("Spokesperson", known_names.SPOKESPEOPLE),
    ):
        model = apps.get_model("transcripts", model_name)
        taken = {name_column(code): set() for code in offered}
        for row in model.objects.order_by("pk"):
            own_column = name_column(written_language(row.name, offered, settings.LANGUAGE_CODE))
            candidates = [(own_column, row.name)]
            entry = known_names.known(table, row.name)
            if entry:
                candidates += [
                    (name_column(code), entry.names[code])
                    for code in offered
                    if code in entry.names
                ]
            names = {}
            for column, value in candidates:
                # A language's name is unique among spokespeople: the first row keeps it.
                if column not in names and value.casefold() not in taken[column]:
                    names[column] = value
            if not names and row.name.casefold() not in taken[default_column]:
                names[default_column] = row.name  # a second 赵立坚: named, until merged
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
