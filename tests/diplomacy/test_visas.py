"""Visa support letters: requested by the focal point (for a member) or the applicant (for
themselves), approved in bulk or refused with a reason, made as a PDF by a task in the host's
and the requester's language, and e-mailed; listed by mission; purged with retention."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from clearance.views import applicant_url
from conference.retention import personal_data_purge
from delegations.models import DelegationKind, EmailTemplate, State
from delegations.task_documents import DocumentStatus
from diplomacy.models import (
    JobKind,
    ProtocolJob,
    ProtocolSettings,
    VisaLetterRequest,
    VisaState,
)
from diplomacy.tasks import visa_letter_make_one
from diplomacy.visas import (
    applicant_token,
    visa_request_for,
    visa_request_submit,
    visa_requests_approve,
    visa_requests_refuse,
)
from registration.services import application_confirm
from tests.factories import (
    ApplicationFactory,
    ConferenceFactory,
    DelegationFactory,
    FocalPointFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
    StaffUserFactory,
)
from tests.pdf import pdf_text
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db

TOKEN = "visa-token"
# The conference's today (ConferenceFactory's time zone): the rules count from it, and it is
# a day ahead of UTC's for part of each day.
TODAY = timezone.localdate(timezone=zoneinfo.ZoneInfo(ConferenceFactory.time_zone))
FIRST_DAY = TODAY + datetime.timedelta(days=40)
LAST_DAY = FIRST_DAY + datetime.timedelta(days=1)
CHANGELIST = reverse("admin:diplomacy_visaletterrequest_changelist")


def settings_for(conference) -> ProtocolSettings:
    return ProtocolSettings.objects.create(
        conference=conference,
        letterhead="Ministry of Foreign Affairs\nAccra",
        letterhead_translations={"fr": "Ministère des affaires étrangères\nAccra"},
        sender="The Ministry of Foreign Affairs of the Republic of Ghana",
        sender_translations={
            "fr": "Le Ministère des affaires étrangères de la République du Ghana"
        },
        place="Accra",
        reference_prefix="GHMIN",
    )


@pytest.fixture
def conference():
    conference = OpenConferenceFactory(
        start_date=FIRST_DAY, end_date=LAST_DAY, languages=["en", "fr"]
    )
    settings_for(conference)
    return conference


@pytest.fixture
def japan(conference):
    delegation = DelegationFactory(conference=conference, country="JP")
    FocalPointFactory(
        delegation=delegation, email="focal@japan.example.org", preferred_language="fr"
    )
    InvitationFactory(delegation=delegation, token=TOKEN)
    return delegation


@pytest.fixture
def member(japan):
    return ParticipantFactory(delegation=japan, given_name="Kenji", family_name="Ito")


def form_data(**changes) -> dict:
    data = {
        "mission_kind": "embassy",
        "mission_city": "Tokyo",
        "mission_country": "JP",
        "passport_number": "tk 1234567",
        "nationality": "JP",
        "date_of_birth": "1980-04-02",
        "passport_issued_on": "2020-01-15",
        "passport_expires_on": str(LAST_DAY + datetime.timedelta(days=400)),
        "arrival_on": str(FIRST_DAY - datetime.timedelta(days=1)),
        "departure_on": str(LAST_DAY + datetime.timedelta(days=1)),
    }
    return {**data, **changes}


def visa_url(participant, token=TOKEN) -> str:
    return reverse("diplomacy:portal_visa", kwargs={"token": token, "pk": participant.pk})


def requested(participant, **changes) -> VisaLetterRequest:
    """A request as the focal point would send it."""
    visa_request = visa_request_for(participant=participant)
    data = form_data(**changes)
    for name, value in data.items():
        if name.endswith("_on") or name == "date_of_birth":
            value = datetime.date.fromisoformat(value)
        setattr(visa_request, name, value)
    visa_request.passport_number = "TK1234567"
    return visa_request_submit(visa_request=visa_request, by_applicant=False)


def made(visa_request, callbacks) -> VisaLetterRequest:
    settings = ProtocolSettings.objects.get(conference=visa_request.conference)
    with callbacks(execute=True):
        visa_letter_make_one(visa_request_id=visa_request.pk, settings=settings)
    visa_request.refresh_from_db()
    return visa_request


def letter_text(visa_request) -> str:
    with visa_request.file.open("rb") as opened:
        return " ".join(pdf_text(opened.read()).split())


# The request ---------------------------------------------------------------------------------


def test_focal_point_asks_for_a_members_letter_from_the_portal(client, member):
    response = client.post(visa_url(member), form_data())

    visa_request = VisaLetterRequest.objects.get(participant=member)
    assert response.status_code == 302
    assert visa_request.state == VisaState.REQUESTED
    assert visa_request.passport_number == "TK1234567"
    assert visa_request.conference == member.conference
    assert not visa_request.by_applicant
    assert visa_request.language == "fr"  # the focal point's


def test_the_portal_lists_the_page_and_the_members_states(client, member):
    requested(member)

    home = client.get(reverse("registration:portal", kwargs={"token": TOKEN})).content.decode()
    page = client.get(reverse("diplomacy:portal_visas", kwargs={"token": TOKEN})).content.decode()

    assert reverse("diplomacy:portal_visas", kwargs={"token": TOKEN}) in home
    assert "Kenji Ito" in page
    assert "Requested" in page
    assert "Embassy, Tokyo (Japan)" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("passport_expires_on", str(LAST_DAY), "valid beyond the end of the meeting"),
        ("arrival_on", str(FIRST_DAY + datetime.timedelta(days=1)), "Arrive on the first day"),
        ("arrival_on", str(FIRST_DAY - datetime.timedelta(days=30)), "at most 14 days before"),
        ("departure_on", str(FIRST_DAY), "Leave on the last day"),
        ("passport_issued_on", str(TODAY + datetime.timedelta(days=1)), "issued in the future"),
        ("date_of_birth", str(TODAY), "must be in the past"),
        ("passport_number", "TK-12/34", "5 to 20 Latin letters and digits"),
        ("mission_city", "", "This field is required."),
    ],
)
def test_bad_input_is_refused_with_an_error_on_its_field(client, member, field, value, message):
    response = client.post(visa_url(member), form_data(**{field: value}))

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not VisaLetterRequest.objects.exists()


def test_the_database_refuses_dates_out_of_order(member):
    visa_request = requested(member)
    visa_request.arrival_on = visa_request.departure_on + datetime.timedelta(days=1)

    with pytest.raises(IntegrityError, match="visa_request_dates_in_order"):
        visa_request.save()


def test_focal_point_of_another_delegation_gets_404(client, member):
    other = DelegationFactory(conference=member.conference, country="FR")
    InvitationFactory(delegation=other, token="other-token")
    requested(member)

    got = client.get(visa_url(member, token="other-token"))
    posted = client.post(visa_url(member, token="other-token"), form_data(mission_city="Paris"))
    listing = client.get(reverse("diplomacy:portal_visas", kwargs={"token": "other-token"}))

    assert (got.status_code, posted.status_code) == (404, 404)
    assert "Ito" not in listing.content.decode()
    assert VisaLetterRequest.objects.get().mission_city == "Tokyo"


def test_a_withdrawn_member_cannot_have_a_letter(client, member):
    member.state = State.WITHDRAWN
    member.save()

    assert client.get(visa_url(member)).status_code == 404


@pytest.mark.parametrize("rows", [1, 3])
def test_portal_visa_page_query_count_does_not_grow(client, japan, rows, django_assert_num_queries):
    for _ in range(rows):
        requested(ParticipantFactory(delegation=japan))
    url = reverse("diplomacy:portal_visas", kwargs={"token": TOKEN})
    client.get(url)

    # The invitation with its delegation and conference; the members with their requests.
    with django_assert_num_queries(2):
        response = client.get(url)

    assert response.status_code == 200


# Decisions -----------------------------------------------------------------------------------


def test_bulk_approval_numbers_the_letters_and_queues_one_job(admin_client, japan):
    first, second = (
        requested(ParticipantFactory(delegation=japan)),
        requested(ParticipantFactory(delegation=japan)),
    )

    response = admin_client.post(
        CHANGELIST,
        {"action": "approve_visa_letters", "_selected_action": [first.pk, second.pk]},
    )

    job = ProtocolJob.objects.get()
    year = japan.conference.start_date.year
    references = set(VisaLetterRequest.objects.values_list("state", "reference"))
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.progress_total) == (JobKind.VISA_LETTERS, 2)
    assert references == {
        (VisaState.APPROVED, f"GHMIN/VISA/{year}/001"),
        (VisaState.APPROVED, f"GHMIN/VISA/{year}/002"),
    }


def test_approving_again_leaves_approved_and_sent_letters_alone(member):
    visa_request = requested(member)
    visa_requests_approve(visa_requests=VisaLetterRequest.objects.all())

    count, job = visa_requests_approve(visa_requests=VisaLetterRequest.objects.all())

    assert (count, job) == (0, None)
    assert ProtocolJob.objects.count() == 1
    visa_request.refresh_from_db()
    assert visa_request.number == 1


def test_approval_needs_the_protocol_settings(member):
    requested(member)
    ProtocolSettings.objects.all().delete()

    with pytest.raises(ValidationError, match="protocol settings"):
        visa_requests_approve(visa_requests=VisaLetterRequest.objects.all())


def test_refusal_needs_a_reason_and_the_requester_may_correct_and_ask_again(client, member):
    requested(member)
    with pytest.raises(ValidationError):
        visa_requests_refuse(visa_requests=VisaLetterRequest.objects.all(), reason=" ")

    visa_requests_refuse(
        visa_requests=VisaLetterRequest.objects.all(), reason="The passport number is wrong."
    )
    page = client.get(visa_url(member)).content.decode()
    client.post(visa_url(member), form_data(passport_number="TK7654321"))

    visa_request = VisaLetterRequest.objects.get()
    assert "The passport number is wrong." in page
    assert (visa_request.state, visa_request.refusal_reason) == (VisaState.REQUESTED, "")
    assert visa_request.passport_number == "TK7654321"


def test_refuse_action_asks_for_the_reason_then_refuses(admin_client, member):
    visa_request = requested(member)
    selected = {"action": "refuse_visa_letters", "_selected_action": [visa_request.pk]}

    asked = admin_client.post(CHANGELIST, selected)
    missing = admin_client.post(CHANGELIST, {**selected, "apply": "1", "reason": ""})
    done = admin_client.post(CHANGELIST, {**selected, "apply": "1", "reason": "No such embassy."})

    visa_request.refresh_from_db()
    assert asked.status_code == missing.status_code == 200
    assert missing.context["form"].errors["reason"]
    assert done.status_code == 302
    assert (visa_request.state, visa_request.refusal_reason) == ("refused", "No such embassy.")


def test_the_refusal_asks_on_the_admin_s_shared_action_page(admin_client, member):
    visa_request = requested(member)

    asked = admin_client.post(
        CHANGELIST, {"action": "refuse_visa_letters", "_selected_action": [visa_request.pk]}
    )

    page = asked.content.decode()
    assert "admin/action_form.html" in [template.name for template in asked.templates]
    assert f'name="_selected_action" value="{visa_request.pk}"' in page
    assert 'value="Refuse visa support letters"' in page


@pytest.mark.django_db(transaction=True)
def test_the_requester_is_told_of_a_refusal_and_its_reason_in_their_language(member):
    requested(member)

    refused = visa_requests_refuse(
        visa_requests=VisaLetterRequest.objects.all(), reason="Aucune ambassade à Tokyo."
    )
    again = visa_requests_refuse(
        visa_requests=VisaLetterRequest.objects.all(), reason="Aucune ambassade à Tokyo."
    )
    tasks_run()

    [email] = mail.outbox
    assert (refused, again) == (1, 0)
    assert email.to == ["focal@japan.example.org"]
    assert email.subject.startswith("Lettre d\N{RIGHT SINGLE QUOTATION MARK}appui à la demande")
    assert "Motif indiqué : Aucune ambassade à Tokyo." in email.body
    assert "Kenji" in email.body


def test_an_approved_request_can_no_longer_be_changed_by_its_requester(client, member):
    requested(member)
    visa_requests_approve(visa_requests=VisaLetterRequest.objects.all())

    page = client.get(visa_url(member)).content.decode()
    posted = client.post(visa_url(member), form_data(mission_city="Osaka"))

    assert "for any change, contact them" in page
    assert posted.status_code == 400
    assert VisaLetterRequest.objects.get().mission_city == "Tokyo"
    with pytest.raises(ValidationError, match="approved already"):
        requested(member, mission_city="Osaka")


# The letter ----------------------------------------------------------------------------------


def test_the_letter_is_in_both_languages_and_mailed_to_the_focal_point(
    member, django_capture_on_commit_callbacks
):
    requested(member)
    visa_requests_approve(visa_requests=VisaLetterRequest.objects.all())

    visa_request = made(VisaLetterRequest.objects.get(), django_capture_on_commit_callbacks)

    text = letter_text(visa_request)
    assert visa_request.state == VisaState.SENT
    assert visa_request.sent_at is not None
    assert visa_request.reference in text
    assert "Kenji Ito" in text
    assert "TK1234567" in text
    assert "presents its compliments to the Embassy in Tokyo, Japan" in text
    assert "highest consideration" in text
    # The host's language, then the focal point's: the letterhead and sender in French too.
    assert "Ministère des affaires étrangères" in text
    assert "Le Ministère des affaires étrangères de la République du Ghana" in text
    [message] = mail.outbox
    assert message.to == ["focal@japan.example.org"]
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == (
        visa_request.reference.replace("/", "-") + ".pdf",
        "application/pdf",
    )
    assert content.startswith(b"%PDF")


def test_a_letter_refused_before_the_task_ran_is_not_made(
    member, django_capture_on_commit_callbacks
):
    requested(member)
    visa_requests_approve(visa_requests=VisaLetterRequest.objects.all())
    visa_requests_refuse(visa_requests=VisaLetterRequest.objects.all(), reason="Withdrawn.")

    visa_request = made(VisaLetterRequest.objects.get(), django_capture_on_commit_callbacks)

    assert visa_request.state == VisaState.REFUSED
    assert not visa_request.file
    assert not mail.outbox


def test_the_organisers_wording_of_the_email_is_used(member, django_capture_on_commit_callbacks):
    EmailTemplate.objects.create(
        conference=member.conference,
        kind="visa_letter",
        language="fr",
        subject="Lettre {{ reference }}",
        body="Voici la lettre de {{ name }} pour {{ mission }}.",
    )
    requested(member)
    visa_requests_approve(visa_requests=VisaLetterRequest.objects.all())

    visa_request = made(VisaLetterRequest.objects.get(), django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.subject == f"Lettre {visa_request.reference}"
    assert "Voici la lettre de Kenji Ito pour l" in message.body
    assert message.attachments


def test_staff_download_the_letter_and_see_it_listed_by_mission(
    admin_client, member, django_capture_on_commit_callbacks
):
    requested(member)
    other = requested(ParticipantFactory(delegation=member.delegation), mission_city="Osaka")
    visa_requests_approve(visa_requests=VisaLetterRequest.objects.filter(participant=member))
    visa_request = made(
        VisaLetterRequest.objects.get(participant=member), django_capture_on_commit_callbacks
    )

    pdf = admin_client.get(reverse("diplomacy:visa_letter_file", args=[visa_request.pk]))
    summary = admin_client.get(
        reverse("admin:diplomacy_visaletterrequest_by_mission")
    ).content.decode()
    filtered = admin_client.get(CHANGELIST, {"state": "requested"})

    assert pdf.status_code == 200
    pdf.close()
    assert "Embassy, Tokyo (Japan)" in summary
    assert "Embassy, Osaka (Japan)" in summary
    assert visa_request.reference in summary
    assert "1 request, 1 letter sent, 0 waiting" in summary
    assert list(filtered.context["cl"].result_list) == [other]


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_and_sends_every_approved_letter(client):
    conference = OpenConferenceFactory(start_date=FIRST_DAY, end_date=LAST_DAY)
    settings_for(conference)
    delegation = DelegationFactory(conference=conference, country="JP")
    FocalPointFactory(delegation=delegation)
    for _ in range(2):
        requested(ParticipantFactory(delegation=delegation))
    client.force_login(StaffUserFactory())

    client.post(
        CHANGELIST,
        {
            "action": "approve_visa_letters",
            "_selected_action": list(VisaLetterRequest.objects.values_list("pk", flat=True)),
        },
    )
    tasks_run()

    job = ProtocolJob.objects.get()
    assert (job.status, job.progress_done) == (DocumentStatus.DONE, 2)
    assert set(VisaLetterRequest.objects.values_list("state", flat=True)) == {VisaState.SENT}
    assert len(mail.outbox) == 2
    assert "See the visa letter requests" in client.get(job.get_absolute_url()).content.decode()


# The applicant -------------------------------------------------------------------------------


@pytest.fixture
def applicant(conference):
    application = ApplicationFactory(
        conference=conference,
        email="amina@university.example.org",
        data={"given_name": "Amina", "family_name": "Diallo", "nationality": "SN"},
    )
    return application_confirm(token=application.confirmation_token())


def test_an_applicant_asks_from_the_link_on_their_status_page(
    client, applicant, django_capture_on_commit_callbacks
):
    status = reverse(
        "registration:apply_status",
        kwargs={"conference": applicant.conference.slug, "token": applicant.status_token()},
    )
    page = client.get(status).content.decode()
    link = reverse(
        "diplomacy:applicant_visa", kwargs={"token": applicant_token(applicant.participant)}
    )

    assert f'href="{link}"' in page
    response = client.post(link, form_data(mission_city="Dakar", mission_country="SN"))
    visa_request = VisaLetterRequest.objects.get()
    assert response.status_code == 302
    assert "no-cache" in response["Cache-Control"]
    assert visa_request.by_applicant
    assert visa_request.participant.delegation.kind == DelegationKind.EXPERTS

    visa_requests_approve(visa_requests=VisaLetterRequest.objects.all())
    visa_request = made(visa_request, django_capture_on_commit_callbacks)
    assert "registered as an individual participant" in letter_text(visa_request)
    assert mail.outbox[-1].to == ["amina@university.example.org"]


def test_a_forged_applicant_link_opens_nothing(client, applicant):
    forged = reverse("diplomacy:applicant_visa", kwargs={"token": "forged"})

    assert client.get(forged).status_code == 404


def test_an_applicant_link_altered_to_name_another_member_opens_nothing(client, applicant):
    other = ParticipantFactory(delegation=applicant.participant.delegation)
    token = applicant_token(applicant.participant)
    other_row = applicant_token(other).split(":")[0]
    altered = f"{other_row}:{token.rsplit(':', 1)[1]}"

    assert client.get(visa_page(token)).status_code == 200
    assert client.get(visa_page(altered)).status_code == 404


def test_a_link_made_for_another_page_opens_no_visa_request(client, applicant):
    security_data_link = applicant_url(applicant.participant)
    security_data_token = security_data_link.rstrip("/").rsplit("/", 1)[1]

    assert client.get(visa_page(security_data_token)).status_code == 404


def visa_page(token: str) -> str:
    return reverse("diplomacy:applicant_visa", kwargs={"token": token})


# Retention -----------------------------------------------------------------------------------


def test_retention_purges_the_requests_and_their_letters(
    member, django_capture_on_commit_callbacks
):
    requested(member)
    visa_requests_approve(visa_requests=VisaLetterRequest.objects.all())
    visa_request = made(VisaLetterRequest.objects.get(), django_capture_on_commit_callbacks)
    storage, name = visa_request.file.storage, visa_request.file.name

    with django_capture_on_commit_callbacks(execute=True):
        report = personal_data_purge(conference=member.conference)

    assert report.count("visa letter requests") == 1
    assert not VisaLetterRequest.objects.exists()
    assert not storage.exists(name)
