"""Notes verbales: one PDF per delegation, in its language, with its reference number, the
portal link and a QR code to it; made in a batch by a task."""

import re

import pytest
import zxingcpp
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from pypdfium2 import PdfDocument

from delegations.models import Invitation
from delegations.task_documents import DocumentStatus
from diplomacy.models import NoteVerbale, ProtocolJob, ResponseStep, Step
from diplomacy.services import notes_request
from diplomacy.tasks import note_make_one
from tests.diplomacy.conftest import SITE
from tests.factories import (
    DelegationFactory,
    FocalPointFactory,
    InvitationFactory,
    StaffUserFactory,
)
from tests.pdf import pdf_text
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https://plenary\.example\.org/\S+/invitation/\S+/")


def make(delegation, protocol, *, send=False, callbacks=None):
    with callbacks(execute=True):
        note_make_one(delegation=delegation, settings=protocol, site_url=SITE, send=send, by=None)
    return NoteVerbale.objects.get(delegation=delegation)


def read(note: NoteVerbale) -> bytes:
    with note.file.open("rb") as opened:
        return opened.read()


def test_note_has_reference_recipient_formulas_and_link(
    ghana, protocol, django_capture_on_commit_callbacks
):
    note = make(ghana, protocol, callbacks=django_capture_on_commit_callbacks)

    text = " ".join(pdf_text(read(note)).split())
    assert note.reference == f"PKMPM/{protocol.conference.start_date.year}/001"
    assert note.reference in text
    assert "presents its compliments to the Permanent Mission of Ghana" in text
    assert "avails itself of this opportunity to renew" in text
    assert "highest consideration" in text
    assert LINK.search(text.replace(" ", ""))


def test_note_link_and_qr_code_open_the_portal(
    client, ghana, protocol, django_capture_on_commit_callbacks
):
    note = make(ghana, protocol, callbacks=django_capture_on_commit_callbacks)
    image = PdfDocument(read(note))[0].render(scale=3).to_pil()

    [qr] = zxingcpp.read_barcodes(image)

    assert qr.text.startswith(SITE)
    response = client.get(qr.text.removeprefix(SITE.rstrip("/")))
    assert response.status_code == 200
    assert note.link_is_current()


def test_a_new_note_replaces_the_old_link_and_keeps_the_number(
    client, ghana, protocol, django_capture_on_commit_callbacks
):
    first = make(ghana, protocol, callbacks=django_capture_on_commit_callbacks)
    [old_qr] = zxingcpp.read_barcodes(PdfDocument(read(first))[0].render(scale=3).to_pil())

    second = make(ghana, protocol, callbacks=django_capture_on_commit_callbacks)

    assert second.reference == first.reference
    assert client.get(old_qr.text.removeprefix(SITE.rstrip("/"))).status_code == 404


def test_numbers_follow_each_other_per_conference(
    ghana, protocol, django_capture_on_commit_callbacks
):
    japan = DelegationFactory(conference=protocol.conference, country="JP")
    make(ghana, protocol, callbacks=django_capture_on_commit_callbacks)

    note = make(japan, protocol, callbacks=django_capture_on_commit_callbacks)

    assert note.number == 2
    assert note.reference.endswith("/002")


def test_note_is_in_the_focal_points_language(protocol, django_capture_on_commit_callbacks):
    protocol.conference.languages = ["en", "fr", "ar"]
    protocol.conference.save()
    senegal = DelegationFactory(conference=protocol.conference, country="SN")
    FocalPointFactory(delegation=senegal, preferred_language="fr")

    note = make(senegal, protocol, callbacks=django_capture_on_commit_callbacks)

    text = " ".join(pdf_text(read(note)).split())
    assert note.language == "fr"
    assert "présente ses compliments" in text
    assert "sa plus haute considération" in text


def test_note_prints_the_letterhead_sender_and_place_in_its_language(
    protocol, django_capture_on_commit_callbacks
):
    protocol.conference.languages = ["en", "fr"]
    protocol.conference.save()
    protocol.letterhead_translations = {"fr": "Ministère des affaires étrangères\nIslamabad"}
    protocol.sender_translations = {"fr": "Le Ministère des affaires étrangères du Pakistan"}
    protocol.place_translations = {"fr": "Islamabad (Pakistan)"}
    protocol.full_clean()
    protocol.save()
    senegal = DelegationFactory(conference=protocol.conference, country="SN")
    FocalPointFactory(delegation=senegal, preferred_language="fr")
    ghana = DelegationFactory(conference=protocol.conference, country="GH")
    FocalPointFactory(delegation=ghana, preferred_language="en")

    french = " ".join(
        pdf_text(
            read(make(senegal, protocol, callbacks=django_capture_on_commit_callbacks))
        ).split()
    )
    english = " ".join(
        pdf_text(read(make(ghana, protocol, callbacks=django_capture_on_commit_callbacks))).split()
    )

    assert "Ministère des affaires étrangères" in french
    assert "Le Ministère des affaires étrangères du Pakistan présente ses compliments" in french
    assert "Islamabad (Pakistan)," in french
    assert "The Ministry of Foreign Affairs of the Islamic Republic of Pakistan presents" in english
    assert "Ministère" not in english


def test_a_letterhead_in_a_language_the_conference_lacks_is_refused(protocol):
    protocol.sender_translations = {"ru": "Министерство иностранных дел"}

    with pytest.raises(ValidationError) as raised:
        protocol.full_clean()

    assert list(raised.value.error_dict) == ["sender_translations"]


def test_the_admin_offers_a_box_per_language_of_the_conference(admin_client, protocol):
    protocol.conference.languages = ["en", "fr", "ar"]
    protocol.conference.save()

    page = admin_client.get(
        reverse("admin:diplomacy_protocolsettings_change", args=[protocol.pk])
    ).content.decode()

    assert 'name="sender_translations_fr"' in page
    assert 'name="sender_translations_ar"' in page
    assert 'name="sender_translations_ru"' not in page


def test_note_in_arabic_runs_right_to_left(protocol, django_capture_on_commit_callbacks):
    protocol.conference.languages = ["en", "ar"]
    protocol.conference.save()
    egypt = DelegationFactory(conference=protocol.conference, country="EG")
    FocalPointFactory(delegation=egypt, preferred_language="ar")

    note = make(egypt, protocol, callbacks=django_capture_on_commit_callbacks)

    text = pdf_text(read(note))
    assert note.language == "ar"
    assert "تهدي" in text


def test_sending_a_note_mails_it_with_the_pdf_to_the_focal_points(
    ghana, protocol, django_capture_on_commit_callbacks
):
    note = make(ghana, protocol, send=True, callbacks=django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.to == ["focal@ghana.example.org"]
    assert note.reference in message.subject
    [(filename, _content, mimetype)] = message.attachments
    assert (filename, mimetype) == (
        "PKMPM-" + note.reference.split("/", 1)[1].replace("/", "-") + ".pdf",
        "application/pdf",
    )
    assert LINK.search(message.body)
    assert note.sent_at is not None


def test_making_a_note_records_the_invitation_step(
    ghana, protocol, django_capture_on_commit_callbacks
):
    make(ghana, protocol, callbacks=django_capture_on_commit_callbacks)

    assert ResponseStep.objects.filter(delegation=ghana, step=Step.INVITED).exists()


def test_notes_without_protocol_settings_are_refused():
    delegation = DelegationFactory()

    with pytest.raises(Exception, match="protocol settings"):
        notes_request(delegations=[delegation], send=False, site_url=SITE)

    assert not ProtocolJob.objects.exists()


def test_notes_of_two_conferences_at_once_are_refused(ghana):
    with pytest.raises(Exception, match="one conference"):
        notes_request(delegations=[ghana, DelegationFactory()], send=False, site_url=SITE)


def test_a_reference_number_is_used_once_per_conference(ghana, protocol):
    japan = DelegationFactory(conference=protocol.conference, country="JP")
    NoteVerbale.objects.create(
        conference=protocol.conference,
        delegation=ghana,
        number=1,
        reference="PKMPM/2023/001",
        language="en",
    )

    with pytest.raises(IntegrityError, match="note_verbale_number_once_per_conference"):
        NoteVerbale.objects.create(
            conference=protocol.conference,
            delegation=japan,
            number=1,
            reference="X/1",
            language="en",
        )


def test_a_reference_is_unique_whatever_its_case(ghana, protocol):
    japan = DelegationFactory(conference=protocol.conference, country="JP")
    NoteVerbale.objects.create(
        conference=protocol.conference,
        delegation=ghana,
        number=1,
        reference="PKMPM/2023/001",
        language="en",
    )

    with pytest.raises(IntegrityError, match="note_verbale_reference_once_per_conference"):
        NoteVerbale.objects.create(
            conference=protocol.conference,
            delegation=japan,
            number=2,
            reference="pkmpm/2023/001",
            language="en",
        )


def test_a_reference_prefix_with_slashes_is_refused_by_the_database(protocol):
    protocol.reference_prefix = "PK/MPM"

    with pytest.raises(IntegrityError, match="protocol_settings_reference_prefix_plain"):
        protocol.save()


@pytest.mark.django_db(transaction=True)
def test_admin_action_queues_the_batch_and_the_worker_makes_every_note(client, protocol_tx):
    conference, delegations = protocol_tx
    client.force_login(StaffUserFactory())
    changelist = reverse("admin:delegations_delegation_changelist")
    selected = [delegation.pk for delegation in delegations]

    response = client.post(
        changelist,
        {"action": "make_notes", "_selected_action": selected, "apply": "1", "send": "on"},
    )
    tasks_run()

    job = ProtocolJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total) == (DocumentStatus.DONE, 2, 2)
    assert NoteVerbale.objects.filter(conference=conference).count() == 2
    assert len(mail.outbox) == 2
    assert client.get(job.get_absolute_url()).status_code == 200


@pytest.fixture
def protocol_tx(request):
    """For transactional tests: a conference with settings and two invited delegations."""
    from diplomacy.models import ProtocolSettings
    from tests.factories import OpenConferenceFactory

    conference = OpenConferenceFactory()
    ProtocolSettings.objects.create(
        conference=conference,
        letterhead="Ministry of Foreign Affairs",
        sender="The Ministry of Foreign Affairs of Pakistan",
        place="Islamabad",
        reference_prefix="PKMPM",
    )
    delegations = [DelegationFactory(conference=conference, country=code) for code in ("GH", "JP")]
    for delegation in delegations:
        FocalPointFactory(delegation=delegation)
    return conference, delegations


def test_staff_without_permission_cannot_download_a_note(
    client, ghana, protocol, django_capture_on_commit_callbacks
):
    from tests.factories import StaffMemberFactory

    note = make(ghana, protocol, callbacks=django_capture_on_commit_callbacks)
    url = reverse("diplomacy:note_file", args=[note.pk])
    client.force_login(StaffMemberFactory(permissions=["delegations.view_delegation"]))

    assert client.get(url).status_code == 403
    client.force_login(StaffMemberFactory(permissions=["diplomacy.view_noteverbale"]))
    response = client.get(url)
    response.close()
    assert response.status_code == 200


def test_invitation_used_by_the_note_is_recorded_as_sent(
    ghana, protocol, django_capture_on_commit_callbacks
):
    make(ghana, protocol, callbacks=django_capture_on_commit_callbacks)

    invitation = Invitation.objects.get(delegation=ghana)
    assert invitation.sent_at is not None
    assert invitation.send_count == 1
    assert InvitationFactory._meta.model is Invitation
