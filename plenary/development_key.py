"""Development keys: the SECRET_KEY, random per install, made on the first run and kept in a
file; and the clearance encryption key derived from it."""

import base64
import hashlib
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def development_secret_key(path: Path) -> str:
    """The key stored in `path`, made there (readable by its owner only) if it is missing.

    Several processes may start at once (runserver's reloader, pytest, a management
    command): the key is written to a temporary file and linked into place, which fails when
    another process got there first, so all of them end up with the same key.
    """
    if not path.exists():
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    key = path.read_text().strip()
    if not key:
        raise ImproperlyConfigured(f"{path} is empty: delete it and a new key is made.")
    return key


def development_encryption_key(secret_key: str) -> str:
    """A Fernet key derived from the development secret key: the same on every run of this
    install, never one that production could share (production sets its own)."""
    digest = hashlib.sha256(f"plenary.clearance:{secret_key}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")
