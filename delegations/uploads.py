"""Checks and processing for uploaded files: nomination letters (PDF) and photos."""

import io
import posixpath
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

LETTER_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_BYTES = 5 * 1024 * 1024
# A passport photo needs far fewer; anything larger is refused before it is decoded.
PHOTO_MAX_PIXELS = 24_000_000
PHOTO_MAX_SIDE = 800
PHOTO_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})


@deconstructible
class RandomFileName:
    """An upload_to that files uploads as `<directory>/<year>/<random>.<extension>`.

    Whoever uploads, portal or admin, the uploader's file name (often a person's name) never
    reaches the disk, and stored names cannot be guessed.
    """

    def __init__(self, directory: str) -> None:
        self.directory = directory

    def __call__(self, instance: Model, filename: str) -> str:
        extension = posixpath.splitext(filename)[1].lower()
        return f"{self.directory}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomFileName) and other.directory == self.directory


def validate_letter(file: UploadedFile) -> None:
    """Accept only a PDF (by its content, not its name) of at most LETTER_MAX_BYTES."""
    if file.size > LETTER_MAX_BYTES:
        raise ValidationError(
            _("The letter is too large: at most %(mb)d MB.") % {"mb": LETTER_MAX_BYTES >> 20},
            code="too_large",
        )
    file.seek(0)
    magic = file.read(5)
    file.seek(0)
    if magic != b"%PDF-":
        raise ValidationError(_("Upload the letter as a PDF file."), code="not_pdf")


def validate_photo(file: UploadedFile) -> None:
    """Accept a JPEG, PNG or WebP photo that decodes fully and is not a decompression bomb."""
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is too large: at most %(mb)d MB.") % {"mb": PHOTO_MAX_BYTES >> 20},
            code="too_large",
        )
    invalid = ValidationError(
        _("Upload a photo as a JPEG, PNG or WebP image."), code="invalid_image"
    )
    file.seek(0)
    try:
        # Pillow only warns between its limit and twice that; treat the warning as an error.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.format not in PHOTO_FORMATS:
                    raise invalid
                if image.width * image.height > PHOTO_MAX_PIXELS:
                    raise ValidationError(
                        _("The photo has too many pixels; a smaller image is enough."),
                        code="too_many_pixels",
                    )
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The photo has too many pixels; a smaller image is enough."),
            code="too_many_pixels",
        ) from None
    except ValidationError:
        raise
    except Exception:
        # Pillow raises many kinds of errors for damaged or disguised files.
        raise invalid from None
    finally:
        file.seek(0)


def photo_resized(file: UploadedFile) -> ContentFile:
    """A JPEG copy of a validated photo, upright and at most PHOTO_MAX_SIDE pixels a side."""
    file.seek(0)
    with Image.open(file) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="JPEG", quality=85)
    # The field's upload_to gives it a random name; only the extension counts here.
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def letter_renamed(file: UploadedFile) -> ContentFile:
    """The letter under a random name: the uploader's file name is never used on disk."""
    file.seek(0)
    return ContentFile(file.read(), name=f"{uuid.uuid4().hex}.pdf")
