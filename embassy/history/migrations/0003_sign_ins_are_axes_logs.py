"""The sign-in log is django-axes' own (AccessLog, AccessFailureLog): the rows of history's
SignIn, which recorded the same events a second time, move there, then the table goes."""

from django.db import migrations

BATCH = 1000


def move_to_axes(apps, schema_editor):
    SignIn = apps.get_model("history", "SignIn")
    AccessLog = apps.get_model("axes", "AccessLog")
    AccessFailureLog = apps.get_model("axes", "AccessFailureLog")
    # Each row keeps the time it happened: axes' attempt_time is auto_now_add otherwise.
    fields = [model._meta.get_field("attempt_time") for model in (AccessLog, AccessFailureLog)]
    for field in fields:
        field.auto_now_add = False
    try:
        logs, failures = [], []
        for row in SignIn.objects.order_by("id").iterator(chunk_size=BATCH):
            common = {
                "username": row.username,
                "ip_address": row.address,
                "attempt_time": row.at,
                "user_agent": "",
                "http_accept": "",
                "path_info": "",
            }
            if row.succeeded:
                logs.append(AccessLog(**common))
            else:
                failures.append(AccessFailureLog(**common, locked_out=False))
        AccessLog.objects.bulk_create(logs, batch_size=BATCH)
        AccessFailureLog.objects.bulk_create(failures, batch_size=BATCH)
    finally:
        for field in fields:
            field.auto_now_add = True


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0002_corrections"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [
        migrations.RunPython(move_to_axes, migrations.RunPython.noop),
        migrations.DeleteModel(name="SignIn"),
    ]
