import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from plenary.development_key import development_secret_key


def manage(*arguments: str, **variables: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with the test run's environment, SECRET_KEY unset."""
    # The test run's own async escape hatch is not part of a deployment.
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env={**inherited, **variables},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="plenary.example.org",
    )

    assert result.returncode == 0, result.stderr


def test_production_settings_without_secret_key_refuse_to_start():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="plenary.example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set. With DEBUG=false" in result.stderr


def print_secret_key(**variables: str) -> subprocess.CompletedProcess:
    return manage(
        "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", **variables
    )


def test_development_settings_without_secret_key_use_the_install_s_own_key_file():
    result = print_secret_key(DEBUG="true")

    assert result.returncode == 0, result.stderr
    key = result.stdout.splitlines()[-1]
    assert key == (settings.BASE_DIR / settings.DEVELOPMENT_KEY_FILE).read_text().strip()
    assert len(key) >= 50
    assert "insecure" not in key


def test_development_settings_with_secret_key_set_use_it_not_the_file():
    key = secrets.token_urlsafe(50)

    result = print_secret_key(DEBUG="true", SECRET_KEY=key)

    assert result.stdout.splitlines()[-1] == key


def test_development_key_file_is_ignored_by_git():
    result = subprocess.run(
        ["git", "check-ignore", "--quiet", settings.DEVELOPMENT_KEY_FILE],
        cwd=settings.BASE_DIR,
        check=False,
    )

    assert result.returncode == 0


def test_development_key_is_made_once_readable_by_its_owner_only_then_reused(tmp_path):
    path = tmp_path / ".secret_key"

    first = development_secret_key(path)
    second = development_secret_key(path)

    assert first == second
    assert len(first) >= 50
    assert path.stat().st_mode & 0o777 == 0o600
    assert [entry.name for entry in tmp_path.iterdir()] == [".secret_key"]


def test_development_keys_differ_between_installs(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()

    assert development_secret_key(tmp_path / "one" / "key") != development_secret_key(
        tmp_path / "two" / "key"
    )


def test_development_key_file_left_empty_is_refused(tmp_path):
    path = tmp_path / ".secret_key"
    path.write_text("")

    with pytest.raises(ImproperlyConfigured, match="is empty"):
        development_secret_key(path)
