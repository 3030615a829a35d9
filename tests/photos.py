"""Photo files for tests: real JPEG bytes and a look at what is stored on disk."""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg(colour: str = "teal") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def jpeg_upload(name: str = "portrait.jpg", colour: str = "teal") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg(colour), content_type="image/jpeg")


def stored_files(root: Path | None = None) -> list[str]:
    """Every file under the private media root (or `root`), as names relative to it."""
    root = Path(root or settings.PRIVATE_MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
