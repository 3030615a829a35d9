"""Model fields encrypted at rest with Fernet (AES-128-CBC with an HMAC-SHA256), keyed by
settings.CLEARANCE_ENCRYPTION_KEYS: the first key encrypts, every key decrypts (MultiFernet).

The database sees only ciphertext: no lookup, ordering or index on these fields means
anything. Written for Plenary on cryptography's MultiFernet rather than taken from
django-fernet-encrypted-fields, which returns the ciphertext itself as the value when no key
decrypts it (a key dropped too early then shows gibberish, and the next save encrypts that
gibberish: the data is silently lost), derives its keys from SECRET_KEY (rotating the key
that signs sessions and links would become a data migration), and marks a value as
decrypted by setting an attribute on the field shared by every thread. Here a value no key
decrypts is an error, and the keys are the clearance's own.
"""

import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    """The keys in force; refuses to work without any (production sets them)."""
    keys = tuple(settings.CLEARANCE_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured(
            "CLEARANCE_ENCRYPTION_KEYS is not set. With DEBUG=false the keys that encrypt "
            "passport data must come from the environment (docs/deployment.md)."
        )
    return _fernet(keys)


def encryption_configured() -> bool:
    return bool(settings.CLEARANCE_ENCRYPTION_KEYS)


class EncryptedMixin:
    """Stores the field's value as text, encrypted; None and "" are stored as they are."""

    def get_internal_type(self) -> str:
        return "TextField"

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or value == "":
            return value
        # Dates as ISO 8601 and booleans as "True"/"False", which to_python reads back.
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return fernet().encrypt(text.encode()).decode("ascii")

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return self.to_python(value) if value == "" else None
        try:
            text = fernet().decrypt(value.encode("ascii")).decode()
        except InvalidToken:
            raise ImproperlyConfigured(
                f"{self.model.__name__}.{self.name}: no key in CLEARANCE_ENCRYPTION_KEYS "
                "decrypts this value; was a key removed before every row was encrypted again?"
            ) from None
        return self.to_python(text)


class EncryptedCharField(EncryptedMixin, models.CharField):
    pass


class EncryptedDateField(EncryptedMixin, models.DateField):
    pass


# No model field uses it since the flags were stored in clear (clearance migration 0002);
# migration 0001 still names it.
class EncryptedBooleanField(EncryptedMixin, models.BooleanField):
    pass
