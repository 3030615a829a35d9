"""The flags "carries a weapon" and "protected status" become plain booleans, so that the
admin list can filter by them (a filter on ciphertext matched nothing).

Existing values are decrypted here with cryptography's MultiFernet and the keys setting
directly, not with clearance/encryption.py, so that this migration does not change meaning
if that module does. The column then holds "True"/"False" (or "" for none given), which
PostgreSQL casts to boolean when the column's type changes.
"""

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import migrations, models

FLAGS = ("armed", "protected_status")
TABLE = "clearance_securityrecord"


def _fernet() -> MultiFernet:
    keys = list(settings.CLEARANCE_ENCRYPTION_KEYS)
    if not keys:
        raise RuntimeError(
            "CLEARANCE_ENCRYPTION_KEYS is needed to decrypt the security records' flags."
        )
    return MultiFernet([Fernet(key) for key in keys])


def decrypt_flags(apps, schema_editor):
    cursor = schema_editor.connection.cursor()
    for flag in FLAGS:
        cursor.execute(f"SELECT id, {flag} FROM {TABLE} WHERE {flag} <> ''")
        rows = cursor.fetchall()
        fernet = _fernet() if rows else None
        yes = [pk for pk, value in rows if fernet.decrypt(value.encode("ascii")) == b"True"]
        # Every row, so that those stored as "" (no value) become false as well.
        cursor.execute(
            f"UPDATE {TABLE} SET {flag} = CASE WHEN id = ANY(%s) THEN 'true' ELSE 'false' END",
            [yes],
        )
    # The updates queued the foreign keys' deferred checks, and PostgreSQL alters no table
    # with checks pending: run them now.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def encrypt_flags(apps, schema_editor):
    cursor = schema_editor.connection.cursor()
    for flag in FLAGS:
        cursor.execute(f"SELECT id, {flag} FROM {TABLE}")
        rows = cursor.fetchall()
        if not rows:
            continue
        fernet = _fernet()
        # The column is text again, holding "true"/"false" from the cast back.
        for pk, value in rows:
            text = b"True" if value == "true" else b"False"
            cursor.execute(
                f"UPDATE {TABLE} SET {flag} = %s WHERE id = %s",
                [fernet.encrypt(text).decode("ascii"), pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("clearance", "0001_security_clearance"),
    ]

    operations = [
        migrations.RunPython(decrypt_flags, encrypt_flags),
        migrations.AlterField(
            model_name="securityrecord",
            name="armed",
            field=models.BooleanField(default=False, verbose_name="carries a weapon"),
        ),
        migrations.AlterField(
            model_name="securityrecord",
            name="protected_status",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "e.g. a close-protection officer's principal or an internationally "
                    "protected person."
                ),
                verbose_name="protected status",
            ),
        ),
    ]
