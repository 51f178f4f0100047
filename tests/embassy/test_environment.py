"""EMAIL_URL, CACHE_URL and the rate limits' shared cache, as settings.py reads them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from embassy.environment import (
    FILE_BACKEND,
    FILESYSTEM_BACKEND,
    S3_BACKEND,
    env_admins,
    parse_cache_url,
    parse_email_url,
    parse_media_storage_url,
)
from embassy.environment import SMTP_BACKEND as SMTP
from tests.embassy.test_settings import run_manage

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://mailer:s3cret@smtp.example:587?tls=true",
            ("smtp.example", 587, "mailer", "s3cret", True, False),
        ),
        ("smtp://smtp.example?tls=true", ("smtp.example", 587, "", "", True, False)),
        ("smtp://localhost", ("localhost", 25, "", "", False, False)),
        (
            "smtps://user%40example.org:p%40ss%3Aw%2Fd@smtp.example",
            ("smtp.example", 465, "user@example.org", "p@ss:w/d", False, True),
        ),
        ("smtp://smtp.example:2525?ssl=yes", ("smtp.example", 2525, "", "", False, True)),
    ],
)
def test_email_url_gives_django_settings(url, expected):
    parsed = parse_email_url(url)
    assert parsed["EMAIL_BACKEND"] == SMTP
    assert (
        parsed["EMAIL_HOST"],
        parsed["EMAIL_PORT"],
        parsed["EMAIL_HOST_USER"],
        parsed["EMAIL_HOST_PASSWORD"],
        parsed["EMAIL_USE_TLS"],
        parsed["EMAIL_USE_SSL"],
    ) == expected


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("http://smtp.example", "must start with smtp:// or smtps://, not http:"),
        ("smtp.example:25", "must start with smtp://"),
        ("smtp://", "needs a host"),
        ("smtp://smtp.example:port", "the port must be a number"),
        ("smtp://smtp.example?tls=maybe", "must be true or false"),
        ("smtps://smtp.example?tls=true", "choose TLS from the start"),
        ("smtp://smtp.example?timeout=5", "unknown option(s) timeout"),
    ],
)
def test_a_bad_email_url_is_refused_with_a_reason(url, complaint):
    with pytest.raises(ImproperlyConfigured, match=None) as refused:
        parse_email_url(url)
    assert complaint in str(refused.value)


def test_a_refused_email_url_does_not_echo_its_password():
    with pytest.raises(ImproperlyConfigured) as refused:
        parse_email_url("smpt://mailer:hunter2@smtp.example")
    assert "hunter2" not in str(refused.value)


def test_cache_url():
    assert parse_cache_url("redis://cache:6379/1") == {
        "BACKEND": "embassy.redis_cache.SharedClientRedisCache",
        "LOCATION": "redis://cache:6379/1",
    }
    assert parse_cache_url("rediss://cache:6380/0")["LOCATION"] == "rediss://cache:6380/0"
    assert parse_cache_url("locmem://")["BACKEND"].endswith("LocMemCache")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start with redis://"):
        parse_cache_url("memcached://cache:11211")


def settings_in_a_fresh_process(names, **env):
    full_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "EMAIL_", "CACHE_URL", "REDIS_URL"))
    }
    full_env.update(env, DJANGO_SETTINGS_MODULE="embassy.settings")
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True
    )


def test_email_url_configures_smtp_in_settings():
    result = settings_in_a_fresh_process(
        ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_USE_TLS"],
        EMAIL_URL="smtp://mailer:pw@smtp.example:587?tls=true",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "smtp.example",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_USE_TLS": True,
    }


def test_locally_mail_goes_to_files_under_var_mail():
    result = settings_in_a_fresh_process(["EMAIL_BACKEND", "EMAIL_FILE_PATH", "VAR_DIR"])
    values = json.loads(result.stdout)
    assert values["EMAIL_BACKEND"] == FILE_BACKEND
    assert values["EMAIL_FILE_PATH"] == str(Path(values["VAR_DIR"]) / "mail")


def test_email_url_mixed_with_email_host_is_refused():
    result = settings_in_a_fresh_process(
        ["EMAIL_HOST"], EMAIL_URL="smtp://smtp.example", EMAIL_HOST="other.example"
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set EMAIL_URL or EMAIL_HOST, not both" in result.stderr


def test_a_bad_email_url_stops_the_site():
    result = settings_in_a_fresh_process(["EMAIL_HOST"], EMAIL_URL="smpt://smtp.example")
    assert result.returncode != 0
    assert "ImproperlyConfigured: EMAIL_URL must start with smtp://" in result.stderr


def test_redis_url_or_cache_url_gives_a_shared_cache():
    for variable in ("CACHE_URL", "REDIS_URL"):
        result = settings_in_a_fresh_process(["CACHES"], **{variable: "redis://cache:6379/2"})
        assert result.returncode == 0, result.stderr
        cache = json.loads(result.stdout)["CACHES"]["default"]
        assert cache == {
            "BACKEND": "embassy.redis_cache.SharedClientRedisCache",
            "LOCATION": "redis://cache:6379/2",
        }
    default = json.loads(settings_in_a_fresh_process(["CACHES"]).stdout)["CACHES"]["default"]
    assert default["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_suggest_limit_comes_from_the_environment():
    result = settings_in_a_fresh_process(["SUGGEST_RATE_LIMIT"], SUGGEST_LIMIT_PER_HOUR="12")
    assert json.loads(result.stdout)["SUGGEST_RATE_LIMIT"] == {"sends": 12, "period": 3600}


@pytest.mark.django_db
def test_with_a_shared_cache_the_limit_holds_across_processes(
    client, make_briefing, settings, redis_url
):
    shared = {"BACKEND": "embassy.redis_cache.SharedClientRedisCache", "LOCATION": redis_url}
    settings.CACHES = {"default": shared, "limits": shared}
    settings.SUGGEST_RATE_LIMIT = {"sends": 3, "period": 3600}
    url = make_briefing().get_absolute_url() + "suggest/"
    form = {
        "name": "Alice",
        "email": "alice@example.org",
        "friends": "a@example.net, b@example.net",
    }
    assert client.post(url, form).status_code == 302

    # Another process, as another gunicorn worker would be, sees the two sends.
    code = (
        "import django; django.setup()\n"
        "from embassy.suggesting import limits\n"
        "try:\n"
        "    friends = ['x@example.net', 'y@example.net']\n"
        "    limits.reserve('198.51.100.7', 'alice@example.org', friends)\n"
        "    print('allowed')\n"
        "except limits.LimitReached as refusal:\n"
        "    print('refused', refusal.remaining)\n"
    )
    env = {**os.environ, "CACHE_URL": redis_url, "DJANGO_SETTINGS_MODULE": "embassy.settings"}
    env.pop("REDIS_URL", None)
    env["SUGGEST_LIMIT_PER_HOUR"] = "3"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "refused 1", result.stderr


@pytest.mark.parametrize(
    ("env", "page_cache"),
    [
        ({}, True),  # development: one process, its own cache is exact
        ({"DJANGO_ENV": "production"}, False),  # each worker would keep its own copy
        ({"DJANGO_ENV": "production", "CACHE_URL": "redis://cache:6379/0"}, True),
        ({"CACHE_URL": "redis://cache:6379/0", "PAGE_CACHE": "false"}, False),
    ],
)
def test_the_page_cache_is_on_where_it_is_exact(env, page_cache):
    if env.get("DJANGO_ENV") == "production":
        env = {**env, "SECRET_KEY": "k3Jx9-vQ2mZr8TfLw4bNc7YpHs1DgUa6EoRi0XtKj5WlMq_nSzV2y"}
        env["ALLOWED_HOSTS"] = "embassy.example"
    result = settings_in_a_fresh_process(["PAGE_CACHE"], **env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"PAGE_CACHE": page_cache}


def test_production_refuses_a_page_cache_of_its_own_per_process():
    result = settings_in_a_fresh_process(
        ["PAGE_CACHE"],
        DJANGO_ENV="production",
        SECRET_KEY="k3Jx9-vQ2mZr8TfLw4bNc7YpHs1DgUa6EoRi0XtKj5WlMq_nSzV2y",
        ALLOWED_HOSTS="embassy.example",
        PAGE_CACHE="true",
    )
    assert result.returncode != 0 and "PAGE_CACHE in production needs" in result.stderr


def test_admins_are_read_with_or_without_names(monkeypatch):
    monkeypatch.setenv("ADMINS", "Duty Officer <duty@embassy.example>, ops@embassy.example")
    assert env_admins("ADMINS") == [
        ("Duty Officer", "duty@embassy.example"),
        ("ops@embassy.example", "ops@embassy.example"),
    ]
    monkeypatch.setenv("ADMINS", "Duty Officer")
    with pytest.raises(ImproperlyConfigured, match="no email address"):
        env_admins("ADMINS")


def test_sentry_is_off_unless_a_dsn_is_given(tmp_path):
    code = "import django; django.setup()\nimport sentry_sdk\nprint(sentry_sdk.is_initialized())"
    off = run_manage("shell", "-c", code, VAR_DIR=str(tmp_path))
    assert off.stdout.strip().splitlines()[-1] == "False"
    # A DSN on a loopback port nobody serves: configured, nothing needs to be reachable.
    on = run_manage(
        "shell", "-c", code, VAR_DIR=str(tmp_path), SENTRY_DSN="http://key@127.0.0.1:9/1"
    )
    assert on.returncode == 0, on.stderr
    assert on.stdout.strip().splitlines()[-1] == "True"


def test_media_storage_is_the_local_folder_without_a_url():
    assert parse_media_storage_url("") == {"BACKEND": FILESYSTEM_BACKEND}


def test_media_storage_url_names_an_s3_compatible_store():
    storage = parse_media_storage_url(
        "s3://embassy-media?endpoint=https://s3.example.org&region=eu-west-1&prefix=/site/"
        "&custom_domain=media.example.org&acl=public-read"
    )
    assert storage == {
        "BACKEND": S3_BACKEND,
        "OPTIONS": {
            "bucket_name": "embassy-media",
            "file_overwrite": False,
            "querystring_auth": False,
            "endpoint_url": "https://s3.example.org",
            "addressing_style": "path",
            "region_name": "eu-west-1",
            "location": "site",
            "custom_domain": "media.example.org",
            "default_acl": "public-read",
        },
    }
    assert parse_media_storage_url("s3://b?signed=true")["OPTIONS"]["querystring_auth"] is True
    assert parse_media_storage_url("s3://b")["OPTIONS"]["addressing_style"] == "auto"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://bucket", "must start with s3://, not ftp:"),
        ("s3://key:secret@bucket", "must not hold keys"),
        ("s3://?endpoint=https://x", "needs a bucket"),
        ("s3://bucket?endpont=https://x", "unknown option(s) endpont"),
        ("s3://bucket?endpoint=s3.example.org", "must be an http:// or https:// URL"),
        ("s3://bucket?signed=maybe", "?signed= must be true or false"),
        ("s3://bucket?addressing=sideways", "path, virtual or auto"),
    ],
)
def test_a_wrong_media_storage_url_says_what_is_wrong(url, message):
    with pytest.raises(ImproperlyConfigured) as error:
        parse_media_storage_url(url)
    assert message in str(error.value)
    assert "secret" not in str(error.value)
