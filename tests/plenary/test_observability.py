"""Health checks for the proxy, request ids in logs and responses, JSON logs, Sentry reports."""

import json
import logging

import pytest
import sentry_sdk
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from sentry_sdk.transport import Transport

from conference.request_ids import current_request_id, request_id_reset, request_id_set
from delegations.services import participant_approve
from plenary.observability import JsonFormatter, RequestIdFilter, sentry_init
from tests.factories import InvitationFactory, ParticipantFactory
from tests.registration.test_portal import member_data
from tests.tasks import task_results, tasks_run

TOKEN = "s3cr3t-invitation-token-for-sentry"


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: pytest-django makes any database access an error here.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_the_database_and_the_cache(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
def test_readyz_is_unavailable_when_the_cache_server_does_not_answer(client):
    # Nothing listens on port 1 of the loopback: the connection is refused at once.
    unreachable = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
    with override_settings(CACHES={"default": unreachable, "ratelimit": unreachable}):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["cache"].startswith("error: ")


def test_each_response_names_a_new_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_client_s_own_request_id_is_not_taken_without_a_trusted_proxy(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="chosen-by-the-client")

    assert response["X-Request-ID"] != "chosen-by-the-client"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_trusted_proxy_s_request_id_is_kept(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="0af7651916cd43dd8448eb211c80319c")

    assert response["X-Request-ID"] == "0af7651916cd43dd8448eb211c80319c"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_request_id_that_could_forge_a_log_line_is_replaced(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID='x"\n{"level": "ERROR"}')

    assert len(response["X-Request-ID"]) == 32
    assert "\n" not in response["X-Request-ID"]


def json_lines(records: list[logging.LogRecord]) -> list[dict]:
    formatter, request_id = JsonFormatter(), RequestIdFilter()
    lines = []
    for record in records:
        request_id.filter(record)
        lines.append(json.loads(formatter.format(record)))
    return lines


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_log_records_written_during_a_request_carry_its_id_as_json(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/en/no-such-conference/agenda/", HTTP_X_REQUEST_ID="req-404-test")

    (line,) = [line for line in json_lines(caplog.records) if line["logger"] == "django.request"]
    assert line["request_id"] == "req-404-test"
    assert line["level"] == "WARNING"
    assert line["message"].startswith("Not Found: /en/no-such-conference/agenda/")
    assert line["time"].endswith("Z")


@pytest.mark.django_db
def test_a_queued_task_is_logged_with_its_id_and_the_request_s(caplog):
    participant = ParticipantFactory()
    token = request_id_set("req-that-queued")
    try:
        with caplog.at_level(logging.INFO, logger="plenary.tasks"):
            participant_approve(participant=participant)
    finally:
        request_id_reset(token)

    (line,) = json_lines([r for r in caplog.records if r.name == "plenary.tasks"])
    assert line["request_id"] == "req-that-queued"
    assert line["task"].endswith("participant_state_email")
    assert line["task_id"] in line["message"]


class LinesOfTheWorker(logging.Handler):
    """Keeps each record with the request id the console handler would write with it."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.addFilter(RequestIdFilter())
        self.lines: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(JsonFormatter().format(record)))


@pytest.mark.django_db(transaction=True)
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_every_line_the_worker_logs_for_a_task_names_the_request_that_queued_it(client):
    InvitationFactory(token="our-token")
    response = client.post(
        reverse("registration:member_add", kwargs={"token": "our-token"}),
        member_data(),
        HTTP_X_REQUEST_ID="req-that-queued",
    )
    assert response.status_code == 302
    (queued,) = task_results("participant_state_email")
    assert queued.args_kwargs["kwargs"]["request_id"] == "req-that-queued"

    worker = LinesOfTheWorker()
    logging.getLogger().addHandler(worker)
    try:
        tasks_run()
    finally:
        logging.getLogger().removeHandler(worker)

    # The e-mail went (the task's function never saw the id), and django-tasks' own lines
    # of the task, from "state=RUNNING" to "state=SUCCESSFUL", name the request.
    assert mail.outbox[0].to == [member_data()["email"]]
    of_the_task = [line for line in worker.lines if str(queued.id) in line["message"]]
    assert [line["message"].rsplit("=", 1)[1] for line in of_the_task] == [
        "RUNNING",
        "SUCCESSFUL",
    ]
    assert {line["request_id"] for line in of_the_task} == {"req-that-queued"}
    # And once the task is done the worker's lines belong to no request.
    assert current_request_id() == ""


def test_json_formatter_writes_one_line_with_the_exception():
    try:
        raise ValueError("broken")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed %s", ("here",), sys.exc_info()
        )
    text = JsonFormatter().format(record)

    assert "\n" not in text
    entry = json.loads(text)
    assert entry["message"] == "failed here"
    assert "ValueError: broken" in entry["exception"]


class CapturingTransport(Transport):
    """Keeps what the SDK would send, instead of sending it."""

    sent: list[bytes] = []

    def capture_envelope(self, envelope) -> None:
        CapturingTransport.sent.append(envelope.serialize())


@pytest.fixture
def sentry_events():
    CapturingTransport.sent = []
    sentry_init("https://public@sentry.invalid/1", transport=CapturingTransport)
    yield CapturingTransport.sent
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.plenary.error_urls")
def test_an_error_goes_to_sentry_without_the_link_s_token_or_personal_data(sentry_events):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a-staff-session"

    response = client.get(f"/en/invitation/{TOKEN}/boom/?email=someone@example.org")
    sentry_sdk.flush()

    assert response.status_code == 500
    (envelope,) = sentry_events
    text = envelope.decode()
    assert "RuntimeError" in text
    assert "/en/invitation/\u2026/boom/" in text or "/en/invitation/\\u2026/boom/" in text
    assert TOKEN not in text
    assert "a-staff-session" not in text
