from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """Storage for confidential uploads (nomination letters), outside the public web root."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
