"""Secret links' tokens (invitations, applicants' links): the access and error logs, ours and
nginx's, never hold them."""

import logging
import re
from pathlib import Path

import pytest
from django.conf import settings

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


# One path of each kind of secret link (delegations/link_secrets.py).
SECRET_PATHS = [
    f"/en/invitation/{TOKEN}/members/7/",
    f"/en/meeting/apply/confirm/{TOKEN}/",
    f"/en/meeting/apply/status/{TOKEN}/",
    f"/en/meeting/security-data/{TOKEN}/",
    f"/ar/visa-letter/{TOKEN}/",
]


@pytest.mark.parametrize("path", SECRET_PATHS)
def test_every_kind_of_secret_link_is_logged_without_its_token(caplog, path):
    with caplog.at_level(logging.INFO, logger="django.server"):
        logging.getLogger("django.server").info(f'"GET {path} HTTP/1.1" 200')

    message = caplog.records[0].getMessage()
    assert TOKEN not in message
    assert path.replace(TOKEN, "…") in message


@pytest.mark.parametrize("path", SECRET_PATHS)
def test_nginx_logs_every_kind_of_secret_link_without_its_token(path):
    site = (Path(settings.BASE_DIR) / "deploy" / "nginx" / "plenary.conf").read_text()
    # The map's first pattern: "~<PCRE>" "<replacement>"; PCRE's (?<name>…) is Python's (?P<name>…).
    pattern, replacement = re.search(
        r'map \$uri \$plenary_logged_path \{\s*"~([^"]+)" "([^"]+)";', site
    ).groups()
    logged = re.sub(
        pattern.replace("(?<", "(?P<"),
        re.sub(r"\$\{(\w+)\}", r"\\g<\1>", replacement),
        path,
    )

    assert logged == path.replace(TOKEN, "…")
