"""What was published before alerts existed is not news: mark it announced, so that the first
pass does not mail the whole archive to the first subscribers."""

from django.db import migrations
from django.utils import timezone


def announce_the_archive(apps, schema_editor):
    Briefing = apps.get_model("transcripts", "Briefing")
    Announcement = apps.get_model("alerts", "Announcement")
    published = Briefing.objects.filter(status="published", held_at__lte=timezone.now())
    Announcement.objects.bulk_create(
        (Announcement(briefing_id=pk) for pk in published.values_list("pk", flat=True)),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial")]

    operations = [migrations.RunPython(announce_the_archive, migrations.RunPython.noop)]
