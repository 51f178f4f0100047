"""Files in an S3-compatible object store: moto's standalone S3 server on loopback, a real
HTTP server speaking S3, started as a subprocess; the site configured by MEDIA_STORAGE_URL.

Upload through the admin, then read the rendition back from the store, over HTTP at the
address the page links, and download a document through its public address.
"""

import importlib.util
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from embassy.environment import parse_media_storage_url
from embassy.media.models import Document, Image
from tests import media_files
from tests.loopback import free_port_in

BUCKET = "embassy-media"
MOTO = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("moto") is None or not Path(MOTO).exists(),
    reason="moto[server] is not installed (it is in the test extras: pip install -e '.[test]')",
)


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port_in()
    server = subprocess.Popen(
        [MOTO, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("moto_server exited at start")
                time.sleep(0.1)
        else:
            pytest.fail("moto_server did not answer within 10 seconds")
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def object_store(s3_endpoint, settings, monkeypatch):
    import boto3  # noqa: PLC0415  (only once moto is known to be there)

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    existing = [b["Name"] for b in client.list_buckets()["Buckets"]]
    if BUCKET not in existing:
        client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": parse_media_storage_url(
            f"s3://{BUCKET}?endpoint={s3_endpoint}&region=us-east-1&prefix=site&acl=public-read"
        ),
    }
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])


def keys(client):
    listing = client.list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def test_an_image_uploaded_in_the_admin_lands_in_the_store_and_reads_back(
    object_store, library_staff_client, media_root, django_capture_on_commit_callbacks
):
    response = library_staff_client.post(
        "/admin/media/image/add/",
        {
            "title": "Ambassador",
            "alt_text": "Ambassador Xiong Bo",
            "alt_language": "en",
            "file": media_files.jpeg_upload(gps=True, size=(1200, 800)),
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert type(image.file.storage._wrapped).__name__ == "S3Storage"
    stored = keys(object_store)
    assert len(stored) == 8 and all(k.startswith(f"site/images/{image.key}/") for k in stored)
    assert not list(Path(media_root).rglob("*.*"))  # nothing on the local disk

    rendition = image.renditions.get(width=960, format="WEBP")
    body = object_store.get_object(Bucket=BUCKET, Key=f"site/{rendition.file.name}")["Body"].read()
    assert body.startswith(b"RIFF") and body[8:12] == b"WEBP"
    # The address pages link is the store's, and it serves the same bytes.
    url = rendition.file.url
    assert url.startswith("http://127.0.0.1:") and f"/{BUCKET}/site/images/" in url
    with urllib.request.urlopen(url, timeout=5) as served:
        assert served.read() == body
    assert not media_files.has_gps(image.file.read())

    # Deleting it (unused) removes every object.
    with django_capture_on_commit_callbacks(execute=True):
        library_staff_client.post(f"/admin/media/image/{image.pk}/delete/", {"post": "yes"})
    assert keys(object_store) == []


def test_a_refused_upload_leaves_nothing_in_the_store(object_store, library_staff_client):
    response = library_staff_client.post(
        "/admin/media/image/add/",
        {
            "title": "Seal",
            "alt_text": "The seal",
            "alt_language": "en",
            "file": media_files.upload("seal.svg", media_files.SVG, "image/svg+xml"),
        },
    )
    assert response.status_code == 200 and not Image.objects.exists()
    assert keys(object_store) == []


def test_a_document_in_the_store_downloads_from_its_public_address(
    object_store, library_staff_client, client
):
    response = library_staff_client.post(
        "/admin/media/document/add/",
        {
            "title": "Visa application form",
            "language": "en",
            "file": media_files.upload("form.pdf", media_files.PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    download = client.get(document.get_absolute_url())
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == media_files.PDF
