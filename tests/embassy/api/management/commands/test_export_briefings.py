import csv
import io

import pytest
from django.core.management import CommandError, call_command

from embassy.missions.models import Mission

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
    assert run() == f"Exported 2 briefings of embassy to {export_dir / 'embassy'}.\n"
    assert len((export_dir / "embassy" / "briefings.jsonl").read_text().splitlines()) == 2
    with (export_dir / "embassy" / "briefings.csv").open(newline="") as rows:
        assert len(list(csv.DictReader(rows))) == 3


def test_if_changed_skips_a_current_export(make_briefing, export_dir):
    make_briefing(exchanges=1)
    run()
    assert "is current; nothing written" in run("--if-changed")
    make_briefing(exchanges=1)
    assert run("--if-changed") == f"Exported 2 briefings of embassy to {export_dir / 'embassy'}.\n"


def test_one_mission_or_every_mission(make_briefing, export_dir):
    Mission.home()
    consulate = Mission.objects.create(slug="hcmc", languages="en", default_language="en")
    make_briefing(exchanges=1)
    make_briefing(exchanges=1, mission=consulate)
    assert run("--mission", "hcmc") == f"Exported 2 briefings of hcmc to {export_dir / 'hcmc'}.\n"
    assert [p.name for p in export_dir.iterdir()] == ["hcmc"]
    assert run().splitlines() == [
        f"Exported 1 briefings of embassy to {export_dir / 'embassy'}.",
        f"Exported 2 briefings of hcmc to {export_dir / 'hcmc'}.",
    ]
    with pytest.raises(CommandError, match="No mission 'nowhere'; the missions are: embassy, hcmc"):
        run("--mission", "nowhere")
