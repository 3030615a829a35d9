import io

import pypdfium2
import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from accreditation.badges import (
    badge_level,
    badge_sheets_pdf,
    badges_for_printing,
    badges_mark_printed,
    participant_badge_pdf,
)
from accreditation.models import CategoryColour
from accreditation.qr import badge_token_sign, badge_token_unsign
from delegations.models import Category, Participant, RepresentationLevel, Role, State
from delegations.names import NameOrder
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    ParticipantFactory,
    ZoneFactory,
)
from tests.pdf import pdf_text, pdf_word_left

pytestmark = pytest.mark.django_db

A4_POINTS = (595, 842)


def page_image(pdf: bytes, page: int = 0):
    return pypdfium2.PdfDocument(pdf)[page].render(scale=3).to_pil()


@pytest.mark.parametrize(
    ("given_name", "family_name", "name_order", "own_script_name", "latin"),
    [
        ("Kwame", "Mensah", NameOrder.GIVEN_FIRST, "", "Kwame Mensah"),
        ("Sergey", "Lavrov", NameOrder.GIVEN_FIRST, "Сергей Лавров", "Sergey Lavrov"),
        ("Wei", "Wang", NameOrder.FAMILY_FIRST, "王伟", "WANG Wei"),
        ("Ahmed", "Aboul Gheit", NameOrder.GIVEN_FIRST, "أحمد أبو الغيط", "Ahmed Aboul Gheit"),
        ("Min-jun", "Kim", NameOrder.FAMILY_FIRST, "김민준", "KIM Min-jun"),
    ],
)
def test_badge_pdf_shows_the_latin_name_in_its_order_and_the_own_script_as_written(
    given_name, family_name, name_order, own_script_name, latin
):
    participant = ApprovedParticipantFactory(
        given_name=given_name,
        family_name=family_name,
        name_order=name_order,
        own_script_name=own_script_name,
    )

    lines = pdf_text(participant_badge_pdf(participant=participant)).splitlines()

    # The own-script name, when there is one, right under the Latin one.
    below = lines[lines.index(latin) + 1]
    assert below == (own_script_name or participant.delegation.name)


def test_badge_pdf_sets_an_arabic_name_right_to_left():
    participant = ApprovedParticipantFactory(
        given_name="Mohamed", family_name="Elhusseini", own_script_name="محمد الحسيني"
    )

    pdf = participant_badge_pdf(participant=participant)

    assert pdf_word_left(pdf, "محمد") > pdf_word_left(pdf, "الحسيني")


def test_badge_pdf_shows_delegation_title_and_conference():
    participant = ApprovedParticipantFactory(
        honorific="H.E.", functional_title="Minister of Defence", delegation__country="GH"
    )

    text = pdf_text(participant_badge_pdf(participant=participant))

    assert "H.E." in text
    assert "Minister of Defence" in text
    assert "Ghana" in text
    assert participant.conference.title in text


def test_badge_names_the_conference_in_the_participants_language():
    conference = ConferenceFactory(
        languages=["en", "fr"],
        short_title="Peacekeeping Preparatory Meeting",
        short_title_translations={"fr": "Réunion préparatoire"},
    )
    french = ApprovedParticipantFactory(delegation__conference=conference, preferred_language="fr")
    english = ApprovedParticipantFactory(delegation__conference=conference, preferred_language="en")

    assert "Réunion préparatoire" in pdf_text(participant_badge_pdf(participant=french))
    assert "Peacekeeping Preparatory Meeting" in pdf_text(
        participant_badge_pdf(participant=english)
    )


def embedded_font_names(pdf: bytes) -> set[str]:
    """Names of the fonts on the first page whose glyphs are embedded in the file."""
    names = set()
    for font in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        if "/FontFile2" in descendant["/FontDescriptor"]:
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[1])
    return names


def test_badge_pdf_embeds_a_font_for_chinese_and_one_for_other_scripts():
    participant = ApprovedParticipantFactory(own_script_name="王伟", functional_title="Посол")

    names = embedded_font_names(participant_badge_pdf(participant=participant))

    assert any(name.startswith("DejaVu-Sans") for name in names)
    assert any(name.startswith("WenQuanYi-Micro-Hei") for name in names)


def test_badge_qr_code_decodes_to_the_signed_badge_token():
    participant = ApprovedParticipantFactory()

    [barcode] = zxingcpp.read_barcodes(page_image(participant_badge_pdf(participant=participant)))

    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert barcode.text == badge_token_sign(participant=participant)
    assert badge_token_unsign(value=barcode.text) == participant.badge_token


def test_badge_qr_code_holds_no_personal_data():
    participant = ApprovedParticipantFactory(given_name="Kwame", family_name="Mensah")

    [barcode] = zxingcpp.read_barcodes(page_image(participant_badge_pdf(participant=participant)))

    assert "Kwame" not in barcode.text
    assert "Mensah" not in barcode.text
    assert participant.email not in barcode.text


def test_badge_token_unsign_refuses_a_forged_token():
    participant = ApprovedParticipantFactory()
    forged = badge_token_sign(participant=participant)[:-2] + "xx"

    assert badge_token_unsign(value=forged) is None


def test_badge_band_takes_the_conference_colour_of_the_category():
    participant = ApprovedParticipantFactory(category=Category.MEDIA)
    CategoryColour.objects.create(
        conference=participant.conference, category=Category.MEDIA, colour="#FF0000"
    )

    image = page_image(participant_badge_pdf(participant=participant)).convert("RGB")

    assert image.getpixel((20, image.height - 20)) == (255, 0, 0)


def badge_sheets(conference) -> bytes:
    approved = badges_for_printing(conference=conference, participants=Participant.objects.all())
    return badge_sheets_pdf(conference=conference, participants=approved)


def test_badge_sheets_put_four_badges_on_each_a4_sheet():
    conference = ConferenceFactory()
    ApprovedParticipantFactory.create_batch(5, delegation__conference=conference)

    pdf = badge_sheets(conference)

    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 2
    assert tuple(round(float(side)) for side in pages[0].mediabox[2:]) == A4_POINTS


def test_badge_sheets_decode_every_qr_code_on_a_sheet():
    conference = ConferenceFactory()
    participants = ApprovedParticipantFactory.create_batch(4, delegation__conference=conference)

    pdf = badge_sheets(conference)

    decoded = {barcode.text for barcode in zxingcpp.read_barcodes(page_image(pdf))}
    assert decoded == {badge_token_sign(participant=p) for p in participants}


def test_badge_sheets_report_progress_after_each_step_and_keep_every_page():
    conference = ConferenceFactory()
    ApprovedParticipantFactory.create_batch(25, delegation__conference=conference)
    approved = badges_for_printing(conference=conference, participants=Participant.objects.all())
    steps = []

    pdf = badge_sheets_pdf(
        conference=conference,
        participants=approved,
        progress=lambda done, total: steps.append((done, total)),
    )

    assert steps == [(20, 25), (25, 25)]
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 7
    assert f"{approved[-1].given_name} {approved[-1].family_name}" in pdf_text(pdf)


def test_badge_sheets_mark_nobody_printed():
    participant = ApprovedParticipantFactory()

    badge_sheets(participant.conference)

    participant.refresh_from_db()
    assert participant.badge_printed_at is None


def test_badges_mark_printed_records_when_each_badge_was_printed():
    participant = ApprovedParticipantFactory()

    badges_mark_printed(participants=[participant])

    participant.refresh_from_db()
    assert participant.badge_printed_at is not None


def test_badges_for_printing_are_in_protocol_order():
    conference = ConferenceFactory()
    adviser = ApprovedParticipantFactory(
        delegation__conference=conference, delegation__country="GH", role=Role.ADVISER
    )
    head = ApprovedParticipantFactory(delegation=adviser.delegation, role=Role.HEAD)
    austria = ApprovedParticipantFactory(
        delegation__conference=conference, delegation__country="AT"
    )

    approved = badges_for_printing(conference=conference, participants=Participant.objects.all())

    assert approved == [austria, head, adviser]


@pytest.mark.parametrize("state", [State.PENDING, State.REJECTED, State.WITHDRAWN])
def test_badges_for_printing_leave_out_participants_not_approved(state):
    approved = ApprovedParticipantFactory(given_name="Approved")
    ParticipantFactory(delegation=approved.delegation, state=state, given_name="Other")

    text = pdf_text(badge_sheets(approved.conference))

    assert "Approved" in text
    assert "Other" not in text


def test_badges_for_printing_refuse_a_selection_with_nobody_approved():
    participant = ParticipantFactory(state=State.PENDING)

    with pytest.raises(ValidationError):
        badges_for_printing(
            conference=participant.conference, participants=Participant.objects.all()
        )


def first_character_x(pdf: bytes, text: str) -> float:
    """Where `text` begins on the first page, from the page's left edge (points)."""
    text_page = pypdfium2.PdfDocument(pdf)[0].get_textpage()
    index, _count = text_page.search(text).get_next()
    left, _bottom, _right, _top = text_page.get_charbox(index)
    return left


def test_badge_in_arabic_reads_right_to_left_and_in_english_left_to_right():
    participant = ApprovedParticipantFactory(
        category=Category.DELEGATE, delegation__conference__languages=["ar", "en"]
    )
    participant.preferred_language = "ar"
    arabic = participant_badge_pdf(participant=participant)
    participant.preferred_language = "en"
    english = participant_badge_pdf(participant=participant)

    # The category band's label starts at the badge's right edge in Arabic (90 mm = 255 pt).
    assert first_character_x(arabic, "مندوب") > 200
    assert first_character_x(english, "Delegate") < 55
    assert "مندوب" in pdf_text(arabic)
    assert "Delegate" not in pdf_text(arabic)


def test_badge_prints_the_zones_the_participant_may_enter_in_their_colours():
    participant = ApprovedParticipantFactory(category=Category.MEDIA, role=Role.REPRESENTATIVE)
    conference = participant.conference
    ZoneFactory(conference=conference, code="1", colour="#00AA00", order=0)
    ZoneFactory(conference=conference, code="V", categories=[Category.ORGANISER], roles=[Role.HEAD])
    ZoneFactory(conference=conference, code="M", categories=[Category.MEDIA], order=2)

    pdf = participant_badge_pdf(participant=participant)

    words = pdf_text(pdf).split()
    assert "1" in words
    assert "M" in words
    assert "V" not in words
    # The zone's colour fills its box along the band's edge.
    image = page_image(pdf).convert("RGB")
    green = sum(1 for pixel in image.get_flattened_data() if pixel == (0, 170, 0))
    assert green > 100


@pytest.mark.parametrize(
    ("role", "level", "printed"),
    [
        (Role.HEAD, RepresentationLevel.HEAD_OF_STATE, "VIP 1"),
        (Role.HEAD, RepresentationLevel.MINISTER, "VIP 2"),
        (Role.HEAD, RepresentationLevel.AMBASSADOR, ""),
        (Role.DEPUTY, RepresentationLevel.HEAD_OF_STATE, ""),
    ],
)
def test_badge_level_for_heads_of_delegation_of_ministerial_rank(role, level, printed):
    participant = ApprovedParticipantFactory(role=role, delegation__representation_level=level)

    assert badge_level(participant) == printed
    assert ("VIP" in pdf_text(participant_badge_pdf(participant=participant))) == bool(printed)
