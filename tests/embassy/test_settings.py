"""Production mode refuses unsafe settings; with safe ones, `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3Jx9-vQ2mZr8TfLw4bNc7YpHs1DgUa6EoRi0XtKj5WlMq_nSzV2yBuFhCdGe8PaA"


def run_manage(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"))
    }
    full_env.update(env)
    full_env["DJANGO_SETTINGS_MODULE"] = "embassy.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"ALLOWED_HOSTS": "embassy.example"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": "embassy.example", "SECRET_KEY": "short"}, "SECRET_KEY"),
        (
            {"ALLOWED_HOSTS": "embassy.example", "SECRET_KEY": "django-insecure-" + GOOD_KEY},
            "SECRET_KEY",
        ),
        ({"ALLOWED_HOSTS": "embassy.example", "SECRET_KEY": GOOD_KEY, "DEBUG": "true"}, "DEBUG"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "embassy.example", "SECRET_KEY": GOOD_KEY, "DEBUG": "maybe"}, "DEBUG"),
        ({"ALLOWED_HOSTS_FROM_MISSIONS": "true", "SECRET_KEY": GOOD_KEY}, "SITE_URL"),
    ],
)
def test_production_refuses_unsafe_settings(env, complaint):
    result = run_manage("check", DJANGO_ENV="production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr


def test_production_with_safe_settings_passes_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="embassy.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_with_the_missions_hosts_passes_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS_FROM_MISSIONS="true",
        SITE_URL="https://mfa.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_unknown_environment_name_is_refused():
    result = run_manage("check", DJANGO_ENV="prod")
    assert result.returncode != 0
    assert "DJANGO_ENV" in result.stderr


def test_development_defaults_need_no_configuration(settings):
    assert os.environ.get("TIME_ZONE", "Asia/Shanghai") == settings.TIME_ZONE
    assert settings.SECRET_KEY
    assert "127.0.0.1" in settings.ALLOWED_HOSTS
