"""Participants' and applicants' photos move to private storage, under random names.

Photos already uploaded move from MEDIA_ROOT to PRIVATE_MEDIA_ROOT under the same names, so
the rows keep pointing at them. A photo not found in MEDIA_ROOT (the media volume is not
mounted where migrate runs, or it was moved by hand) is skipped: docs/operations.md says
what the operator moves then.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import delegations.storage
import delegations.uploads

MODELS_WITH_PHOTOS = ("participant", "application")


def _move_photos(apps, source: Path, target: Path) -> None:
    for model_name in MODELS_WITH_PHOTOS:
        model = apps.get_model("delegations", model_name)
        for name in model.objects.exclude(photo="").values_list("photo", flat=True).iterator():
            # A confirmed application and its participant may name the same file.
            old, new = source / name, target / name
            if old.is_file() and not new.exists():
                new.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(old, new)


def photos_to_private(apps, schema_editor) -> None:
    _move_photos(apps, Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))


def photos_to_public(apps, schema_editor) -> None:
    _move_photos(apps, Path(settings.PRIVATE_MEDIA_ROOT), Path(settings.MEDIA_ROOT))


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0005_participant_same_conference_as_delegation"),
    ]

    operations = [
        migrations.AlterField(
            model_name="application",
            name="photo",
            field=models.ImageField(
                blank=True,
                storage=delegations.storage.private_storage,
                upload_to=delegations.uploads.RandomFileName("application-photos"),
                verbose_name="photo",
            ),
        ),
        migrations.AlterField(
            model_name="participant",
            name="photo",
            field=models.ImageField(
                blank=True,
                storage=delegations.storage.private_storage,
                upload_to=delegations.uploads.RandomFileName("participant-photos"),
                verbose_name="photo",
            ),
        ),
        migrations.RunPython(photos_to_private, photos_to_public),
    ]
