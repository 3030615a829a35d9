import pypdfium2
import pytest

from conference.retention import personal_data_purge
from floor.documents import document_request, place_cards_pdf, speakers_list_pdf
from floor.models import FloorDocument, ReservedFor, ReservedSeat, RoomLayout, SeatingPlan
from floor.seating import seating_draw
from floor.speakers import inscription_add, speaker_call_next
from tests.factories import ConferenceFactory, DelegationFactory, RoomFactory, StaffUserFactory
from tests.floor.helpers import delegation_with_head, plenary
from tests.pdf import pdf_text, pdf_word_left
from tests.tasks import tasks_run


def inscribed_list():
    session = plenary()
    for country in ["GH", "JP", "EG"]:
        delegation, head = delegation_with_head(session.conference, country=country)
        inscription_add(session=session, delegation=delegation, speaker=head, language="en")
    return session.speakers_list


@pytest.mark.django_db
def test_list_of_speakers_pdf_in_french_names_the_delegations_in_french():
    speakers_list = inscribed_list()

    text = pdf_text(speakers_list_pdf(speakers_list=speakers_list, language="fr", delivered=False))

    assert "Liste des orateurs" in text
    assert "Égypte" in text
    assert "Japon" in text


@pytest.mark.django_db
def test_delivered_pdf_lists_only_the_statements_made_in_their_order():
    speakers_list = inscribed_list()
    speaker_call_next(speakers_list=speakers_list)
    speaker_call_next(speakers_list=speakers_list)

    text = pdf_text(speakers_list_pdf(speakers_list=speakers_list, language="en", delivered=True))

    assert "Ghana" in text
    assert "Japan" not in text  # still speaking
    assert "Egypt" not in text


def drawn_plan():
    conference = ConferenceFactory(languages=["en", "ar"])
    room = RoomFactory(venue=conference.venue)
    RoomLayout.objects.create(room=room, rows=3, seats_per_row=10)
    for country in ["EG", "JP", "PK"]:
        DelegationFactory(conference=conference, country=country)
    plan = SeatingPlan.objects.create(conference=conference, room=room, seats_per_delegation=3)
    return seating_draw(plan=plan, by=None, seed="cards")


@pytest.mark.django_db
def test_place_cards_one_page_per_delegation_name_twice_in_capitals():
    plan = drawn_plan()

    pdf = place_cards_pdf(plan=plan, language="en")

    text = pdf_text(pdf)
    assert text.count("PAKISTAN") == 2
    assert text.count("JAPAN") == 2
    assert len(pypdfium2.PdfDocument(pdf)) == 3


@pytest.mark.django_db
def test_place_cards_in_arabic_carry_the_arabic_names_on_both_faces():
    plan = drawn_plan()

    text = pdf_text(place_cards_pdf(plan=plan, language="ar"))

    assert text.count("اليابان") == 2  # Japan
    assert text.count("باكستان") == 2  # Pakistan


@pytest.mark.django_db
def test_list_of_speakers_in_arabic_runs_right_to_left():
    speakers_list = inscribed_list()

    pdf = speakers_list_pdf(speakers_list=speakers_list, language="ar", delivered=False)

    # The speaker's column comes before the language's: right of it, right to left.
    assert pdf_word_left(pdf, "HeadGH") > pdf_word_left(pdf, "English")


@pytest.mark.django_db(transaction=True)
def test_worker_makes_the_place_cards_asked_for():
    plan = drawn_plan()

    document = document_request(
        conference=plan.conference,
        kind="place_cards",
        language="en",
        seating_plan=plan,
        by=StaffUserFactory(),
    )
    tasks_run()

    document = FloorDocument.objects.get(pk=document.pk)
    assert document.status == "done"
    with document.file.open("rb") as file:
        assert "EGYPT" in pdf_text(file.read())


@pytest.mark.django_db(transaction=True)
def test_retention_purge_removes_the_floors_pdfs_and_keeps_the_list():
    plan = drawn_plan()
    document_request(
        conference=plan.conference,
        kind="place_cards",
        language="en",
        seating_plan=plan,
        by=StaffUserFactory(),
    )
    tasks_run()
    document = FloorDocument.objects.get()
    storage, name = document.file.storage, document.file.name

    report = personal_data_purge(conference=plan.conference)

    assert report.count("PDFs of the floor made for staff") == 1
    assert not FloorDocument.objects.exists()
    assert not storage.exists(name)
    assert plan.seats.count() == 3


@pytest.mark.django_db
def test_place_cards_are_printed_for_the_head_table_first_in_the_cards_language():
    plan = drawn_plan()
    ReservedSeat.objects.create(plan=plan, reserved_for=ReservedFor.CHAIR, order=1)
    ReservedSeat.objects.create(
        plan=plan,
        reserved_for=ReservedFor.DELEGATION,
        delegation=DelegationFactory(conference=plan.conference, country="GH"),
        order=2,
    )
    ReservedSeat.objects.create(plan=plan, reserved_for=ReservedFor.SECRETARIAT, order=3)

    pdf = place_cards_pdf(plan=plan, language="fr")

    text = pdf_text(pdf)
    assert len(pypdfium2.PdfDocument(pdf)) == 6
    assert text.count("PRÉSIDENCE") == 2
    assert text.count("GHANA") == 2
    assert text.count("SECRÉTARIAT") == 2
    assert text.index("PRÉSIDENCE") < text.index("GHANA") < text.index("SECRÉTARIAT")
    assert text.index("SECRÉTARIAT") < text.index("JAPON")
