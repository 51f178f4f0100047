import csv
import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def export_dir(settings, tmp_path):
    settings.OPEN_DATA_EXPORT_DIR = tmp_path / "export"
    return settings.OPEN_DATA_EXPORT_DIR


def run(*args):
    out = io.StringIO()
    call_command("export_briefings", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_both_files(make_briefing, export_dir):
    make_briefing(exchanges=2)
    make_briefing(exchanges=1)
    assert run() == f"Exported 2 briefings to {export_dir}.\n"
    assert len((export_dir / "briefings.jsonl").read_text().splitlines()) == 2
    with (export_dir / "briefings.csv").open(newline="") as rows:
        assert len(list(csv.DictReader(rows))) == 3


def test_if_changed_skips_a_current_export(make_briefing, export_dir):
    make_briefing(exchanges=1)
    run()
    assert "is current; nothing written" in run("--if-changed")
    make_briefing(exchanges=1)
    assert run("--if-changed") == f"Exported 2 briefings to {export_dir}.\n"
