"""Responses that hand a private file (a photo, a nomination letter) to someone allowed it.

The views decide who is allowed; these make sure no shared or browser cache keeps a copy.
"""

import posixpath

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.cache import add_never_cache_headers

# Only these are sent as images; anything else is a download (nosniff is set globally).
PHOTO_CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}


def private_file_response(
    file: FieldFile, *, content_type: str, download_name: str = ""
) -> FileResponse:
    """The file with `Cache-Control: private, no-store`; 404 when there is none.

    With `download_name` it is sent as an attachment under that name.
    """
    if not file:
        raise Http404
    try:
        opened = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        opened,
        content_type=content_type,
        as_attachment=bool(download_name),
        filename=download_name,
    )
    add_never_cache_headers(response)
    return response


def photo_response(photo: FieldFile) -> FileResponse:
    extension = posixpath.splitext(photo.name or "")[1].lower()
    content_type = PHOTO_CONTENT_TYPES.get(extension, "application/octet-stream")
    return private_file_response(photo, content_type=content_type)
