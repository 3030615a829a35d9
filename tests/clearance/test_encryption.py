"""The security data is encrypted at rest: the database row holds ciphertext only; keys
rotate without losing data; a value no key opens is an error, never shown as it is."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from clearance.models import SecurityRecord
from clearance.services import security_data_save
from tests.clearance.conftest import PASSPORT, scan, valid_data

pytestmark = pytest.mark.django_db


def raw_row(record: SecurityRecord) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM clearance_securityrecord WHERE id = %s", [record.pk])
        names = [column.name for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def test_the_raw_row_holds_no_plain_passport_data(member):
    record = security_data_save(participant=member, data=valid_data(), data_page=scan())

    row = raw_row(record)

    stored = " ".join(str(value) for value in row.values())
    for plain in (PASSPORT, "Kumasi", "1975-03-14", "2031-06-30"):
        assert plain not in stored
    assert row["document_number"].startswith("gAAAAA")  # a Fernet token
    assert SecurityRecord.objects.get(pk=record.pk).document_number == PASSPORT


def test_a_new_first_key_still_reads_the_old_and_reencrypt_moves_every_row(member, settings):
    record = security_data_save(participant=member, data=valid_data(), data_page=scan())
    old_key = settings.CLEARANCE_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.CLEARANCE_ENCRYPTION_KEYS = [new_key, old_key]

    call_command("clearance_reencrypt", stdout=io.StringIO())

    settings.CLEARANCE_ENCRYPTION_KEYS = [new_key]
    assert SecurityRecord.objects.get(pk=record.pk).document_number == PASSPORT


def test_a_value_no_key_opens_is_an_error_not_the_ciphertext(member, settings):
    record = security_data_save(participant=member, data=valid_data(), data_page=scan())
    settings.CLEARANCE_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(ImproperlyConfigured):
        SecurityRecord.objects.get(pk=record.pk)


def test_without_keys_nothing_is_written(member, settings):
    settings.CLEARANCE_ENCRYPTION_KEYS = []

    with pytest.raises(ImproperlyConfigured):
        security_data_save(participant=member, data=valid_data(), data_page=scan())

    assert not SecurityRecord.objects.exists()
