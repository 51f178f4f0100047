"""Static files in production: WhiteNoise's compressed copies under hashed names, with each
file's address worked out once per process.

The manifest of hashed names is read when the storage is made and does not change while a
process runs, yet Django's storage works the address out again for every `{% static %}` (the
name's hash looked up, the path split, quoted and joined: about 20 µs, a few times a page). A
storage made anew (settings changed) starts with nothing kept.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        address = self._addresses.get(name)
        if address is None:
            # A file missing from the manifest raises here, every time: nothing is kept.
            address = self._addresses[name] = super().url(name)
        return address
