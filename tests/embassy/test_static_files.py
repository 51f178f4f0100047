"""Static files in production: hashed names from the manifest, each address worked out once."""

import json

import pytest

from embassy.static_files import StaticFilesStorage


@pytest.fixture
def storage(tmp_path):
    manifest = {"version": "1.1", "paths": {"css/site.css": "css/site.0123abcd.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


def test_the_address_is_the_hashed_name_and_is_kept(storage):
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    storage.hashed_files["css/site.css"] = "css/site.ffff.css"  # not read again
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"


def test_a_file_missing_from_the_manifest_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_a_new_storage_reads_its_own_manifest(storage, tmp_path):
    storage.url("css/site.css")
    manifest = {"version": "1.1", "paths": {"css/site.css": "css/site.4567.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    fresh = StaticFilesStorage(location=tmp_path, base_url="/static/")
    assert fresh.url("css/site.css") == "/static/css/site.4567.css"
