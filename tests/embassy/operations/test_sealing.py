"""A sealed file opens whole with its key, and any other key or change is refused."""

import io

import pytest

from embassy.operations import sealing


@pytest.fixture
def key():
    return sealing.new_key()


def sealed(data, key, name="media.tar"):
    box = io.BytesIO()
    sealing.seal(io.BytesIO(data), box, key, name)
    return box.getvalue()


def opened(data, key, name="media.tar"):
    out = io.BytesIO()
    sealing.unseal(io.BytesIO(data), out, key, name)
    return out.getvalue()


@pytest.mark.parametrize("size", [0, 1, 10, 3 * 1024])
def test_what_is_sealed_opens_whole(key, size, monkeypatch):
    monkeypatch.setattr(sealing, "CHUNK_BYTES", 1024)
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    box = sealed(data, key)
    if size >= 64:
        assert data[:64] not in box
    assert opened(box, key) == data


def test_another_key_is_refused(key):
    with pytest.raises(sealing.SealError, match="sealed with another key"):
        opened(sealed(b"secret", key), sealing.new_key())


def test_a_file_sealed_under_another_name_is_refused(key):
    with pytest.raises(sealing.SealError, match="out of order or from another file"):
        opened(sealed(b"secret", key, name="manifest.json"), key, name="media.tar")


def test_dropped_or_reordered_or_cut_parts_are_refused(key, monkeypatch):
    monkeypatch.setattr(sealing, "CHUNK_BYTES", 4)
    box = sealed(b"aaaabbbbcccc", key)
    parts = []
    rest = box
    while rest:
        length = int.from_bytes(rest[:4], "big")
        parts.append(rest[: 4 + length])
        rest = rest[4 + length :]
    assert len(parts) == 3
    with pytest.raises(sealing.SealError, match="out of order"):
        opened(parts[1] + parts[0] + parts[2], key)
    with pytest.raises(sealing.SealError, match="cut short"):
        opened(parts[0] + parts[1], key)
    with pytest.raises(sealing.SealError, match="goes on after its last part"):
        opened(box + parts[0], key)
    tampered = bytearray(box)
    tampered[len(parts[0]) + 20] ^= 1
    with pytest.raises(sealing.SealError, match="changed after it was sealed"):
        opened(bytes(tampered), key)


def test_a_key_that_is_not_one_is_a_clear_error():
    with pytest.raises(ValueError, match="not a Fernet key"):
        sealing.fernet("secret")
