"""Where confidential uploads live, and when files are written and removed.

Files follow the database: a file is written once the row naming it has committed and
removed once no committed row names it any more, so a refused or rolled-back save leaves
no personal data behind on disk.
"""

import os

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile


class PrivateStorage(FileSystemStorage):
    """Storage outside the public web root; its files are served only by views that check access."""

    # Read at every use rather than once at start-up, so that tests can point it elsewhere.
    @property
    def base_location(self) -> str:
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        # A media URL would bypass the access checks: fail loudly wherever one is asked for.
        raise ValueError("Private files have no public URL; link to a view that checks access.")


def private_storage() -> PrivateStorage:
    """Storage for nomination letters and participants' and applicants' photos."""
    return PrivateStorage()


def file_delete_on_commit(*, storage: Storage, name: str) -> None:
    """Delete the stored file `name` once the transaction commits; a rollback keeps it."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def file_replace_on_commit(*, field_file: FieldFile, content: File) -> None:
    """Point the row at a new file now, and write it (deleting the one it replaces) on commit.

    The caller saves the row in the same transaction; if that fails or rolls back, nothing
    is written.
    """
    storage, old_name = field_file.storage, field_file.name
    name = field_file.field.generate_filename(field_file.instance, content.name)
    setattr(field_file.instance, field_file.field.attname, name)

    def write() -> None:
        # Uploads get random names, so the name saved is the one the row already holds.
        storage.save(name, content)
        if old_name:
            storage.delete(old_name)

    transaction.on_commit(write)
