"""A backup file sealed with a Fernet key (AES-128-CBC and HMAC-SHA256), read back only whole.

Fernet seals one message in memory, and a media archive can be gigabytes, so a file is sealed
in chunks, each its own Fernet token, written as a 4-byte length and the token. Each chunk's
sealed text starts with the file's name, the chunk's number and whether it is the last, so
that chunks cannot be dropped, reordered, cut short or moved between files without the
unsealing failing. No Django here: it takes paths and a key.
"""

import struct

from cryptography.fernet import Fernet, InvalidToken

CHUNK_BYTES = 4 * 1024 * 1024
_LENGTH = struct.Struct(">I")
_POSITION = struct.Struct(">Q?")


class SealError(Exception):
    """The file is not what was sealed with this key under this name."""


def new_key():
    return Fernet.generate_key().decode()


def fernet(key):
    """The Fernet of `key` (44 characters of URL-safe base64); ValueError when it is not one."""
    try:
        return Fernet(key.encode() if isinstance(key, str) else key)
    except (ValueError, TypeError):
        raise ValueError("not a Fernet key (44 characters of URL-safe base64)") from None


def _prefix(name, index, last):
    return name.encode() + b"\0" + _POSITION.pack(index, last)


def seal(source, target, key, name):
    """Write `source` sealed to `target` (both opened files), as the file called `name`."""
    box = fernet(key)
    index = 0
    chunk = source.read(CHUNK_BYTES)
    while True:
        following = source.read(CHUNK_BYTES)
        last = not following
        token = box.encrypt(_prefix(name, index, last) + chunk)
        target.write(_LENGTH.pack(len(token)) + token)
        if last:
            return
        chunk, index = following, index + 1


def unseal(source, target, key, name):
    """Write what `seal` sealed as `name` to `target`; SealError for another key or a change."""
    box = fernet(key)
    index = 0
    while True:
        header = source.read(_LENGTH.size)
        if len(header) < _LENGTH.size:
            raise SealError(f"{name} is cut short.")
        (length,) = _LENGTH.unpack(header)
        token = source.read(length)
        try:
            plain = box.decrypt(token)
        except InvalidToken:
            if index == 0:
                raise SealError(f"{name} was sealed with another key.") from None
            raise SealError(f"{name} was changed after it was sealed.") from None
        last_prefix = _prefix(name, index, True)
        if plain.startswith(last_prefix):
            target.write(plain[len(last_prefix) :])
            if source.read(1):
                raise SealError(f"{name} goes on after its last part.")
            return
        prefix = _prefix(name, index, False)
        if not plain.startswith(prefix):
            raise SealError(f"{name}'s parts are out of order or from another file.")
        target.write(plain[len(prefix) :])
        index += 1
