"""Invitation links are secrets: the access and error logs never hold their tokens."""

import logging

import pytest

TOKEN = "s3cr3t-invitation-token"


@pytest.mark.django_db
def test_a_request_for_an_invitation_link_is_logged_without_its_token(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(f"/en/invitation/{TOKEN}/members/7/")

    (record,) = [record for record in caplog.records if record.name == "django.request"]
    assert TOKEN not in record.getMessage()
    assert "/en/invitation/…/members/7/" in record.getMessage()


@pytest.mark.parametrize("logger", ["django.server", "gunicorn.access", "gunicorn.error"])
def test_server_access_logs_mask_invitation_tokens(caplog, logger):
    with caplog.at_level(logging.INFO, logger=logger):
        logging.getLogger(logger).info('"%s" %s', f"GET /fr/invitation/{TOKEN}/ HTTP/1.1", 200)

    (record,) = caplog.records
    assert record.getMessage() == '"GET /fr/invitation/…/ HTTP/1.1" 200'


def test_application_confirmation_links_are_masked_too(caplog):
    with caplog.at_level(logging.INFO, logger="django.server"):
        logging.getLogger("django.server").info(f"POST /en/meeting/apply/confirm/{TOKEN}/ 200")

    assert TOKEN not in caplog.records[0].getMessage()
