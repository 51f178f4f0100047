import gzip

import brotli
import pytest

from embassy.pagecache import compression


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip;q=1.0, br;q=0", "gzip"),
        ("GZIP", "gzip"),
        ("*", "br"),
        ("deflate", "identity"),
        ("", "identity"),
        (None, "identity"),
        ("gzip;q=zero", "identity"),
    ],
)
def test_the_best_accepted_coding_is_chosen(header, coding):
    assert compression.choose(header, {"identity", "gzip", "br"}) == coding


def test_only_what_is_there_is_chosen():
    assert compression.choose("br", {"identity", "gzip"}) == "identity"


def test_compressed_bodies_come_back_whole_and_the_same_everywhere():
    body = b"<p>Xinjiang has never been more prosperous than it is now.</p>" * 50
    assert brotli.decompress(compression.compress(body, "br")) == body
    assert gzip.decompress(compression.compress(body, "gzip")) == body
    assert compression.compress(body, "gzip") == compression.compress(body, "gzip")
    assert compression.compress(body, "identity") is body


@pytest.mark.parametrize(
    ("content_type", "size", "compressible"),
    [
        ("text/html; charset=utf-8", 5000, True),
        ("application/rss+xml; charset=utf-8", 5000, True),
        ("application/xml", 5000, True),
        ("image/png", 5000, False),
        ("text/html", 100, False),
        (None, 5000, False),
    ],
)
def test_what_is_compressed(content_type, size, compressible):
    assert compression.is_compressible(content_type, size) is compressible
