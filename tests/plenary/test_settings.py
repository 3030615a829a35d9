import os
import secrets
import subprocess
import sys

from django.conf import settings


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


def test_development_settings_without_secret_key_use_the_development_key():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", DEBUG="true"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("django-insecure-development-only")
