"""The production settings, less collectstatic: static files come from their source folders.

Collecting and compressing every static file takes minutes; the observatory check
(tests/embassy/test_observatory.py) needs the production headers, not the hashed names.
"""

from embassy.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
