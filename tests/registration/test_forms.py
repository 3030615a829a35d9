import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from delegations.models import Participant, Role
from registration.forms import ApplicationForm, LetterForm, MemberForm
from registration.services import MEMBER_FIELDS
from tests.factories import InvitationFactory

TOKEN = "forms-token"
LATIN_NAMES = [
    ("José", "Núñez-Ångström"),
    ("Zoë 🌍", "O'Brien"),
    ("Çağla", "Yılmaz"),  # noqa: RUF001 (Turkish dotless i)
    ("Văn Minh", "Nguyễn"),
]
OWN_SCRIPT_NAMES = ["محمد العلي", "王小明", "Ольга Коваленко", "山田太郎", "김민준"]


def member_data(**fields) -> dict:
    return {
        "given_name": "Amina",
        "family_name": "Diallo",
        "name_order": "given_first",
        "role": Role.REPRESENTATIVE,
        "category": "delegate",
        "email": "amina@example.org",
        "preferred_language": "en",
        **fields,
    }


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels, as a decompression bomb does."""
    data = bytearray(png(1, 1))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(("given_name", "family_name"), LATIN_NAMES)
def test_member_form_latin_names_with_accents_are_accepted(given_name, family_name):
    form = MemberForm(member_data(given_name=given_name, family_name=family_name), languages=["en"])

    assert form.is_valid(), form.errors
    assert form.cleaned_data["family_name"] == family_name


@pytest.mark.parametrize("name", OWN_SCRIPT_NAMES)
def test_member_form_own_script_name_in_any_script_is_accepted(name):
    form = MemberForm(member_data(own_script_name=name), languages=["en"])

    assert form.is_valid(), form.errors
    assert form.cleaned_data["own_script_name"] == name


@pytest.mark.parametrize("field", ["given_name", "family_name"])
@pytest.mark.parametrize("name", ["王", "Ольга", "محمد", "Γιώργος"])
def test_member_form_latin_name_fields_refuse_other_scripts_with_a_field_error(field, name):
    form = MemberForm(member_data(**{field: name}), languages=["en"])

    assert not form.is_valid()
    assert list(form.errors) == [field]
    assert "Latin letters" in form.errors[field][0]
    assert "Name in own script" in form.errors[field][0]


def test_member_form_forged_name_order_is_a_field_error():
    form = MemberForm(member_data(name_order="surname_last"), languages=["en"])

    assert list(form.errors) == ["name_order"]


def test_member_form_offers_the_name_order_as_radio_buttons_with_examples():
    html = str(MemberForm(languages=["en"])["name_order"])

    assert 'type="radio"' in html
    assert "Given name first (Anna Lindqvist)" in html
    assert "Family name first (WANG Wei)" in html


@pytest.mark.django_db
def test_portal_shows_the_latin_name_in_its_order_and_the_own_script_name(client):
    InvitationFactory(token=TOKEN)

    client.post(
        reverse("registration:member_add", args=[TOKEN]),
        member_data(
            given_name="Wei", family_name="Wang", name_order="family_first", own_script_name="王伟"
        ),
    )
    page = client.get(reverse("registration:portal", args=[TOKEN])).content.decode()

    assert "WANG Wei (\u2068王伟\u2069)" in page
    assert "Wei Wang" not in page


@pytest.mark.django_db
def test_member_add_with_a_name_in_another_script_keeps_what_was_typed(client):
    InvitationFactory(token=TOKEN)

    response = client.post(
        reverse("registration:member_add", args=[TOKEN]),
        member_data(given_name="伟", family_name="王", email="wang@example.org"),
    )

    assert response.status_code == 400
    assert not Participant.objects.exists()
    assert response.context["form"].errors.keys() == {"given_name", "family_name"}
    assert 'value="wang@example.org"' in response.content.decode()


def test_member_form_nul_byte_is_a_field_error():
    form = MemberForm(member_data(family_name="Dia\x00llo"), languages=["en"])

    assert not form.is_valid()
    assert "family_name" in form.errors


def test_member_form_oversized_name_is_a_field_error():
    form = MemberForm(member_data(given_name="A" * 151), languages=["en"])

    assert form.errors["given_name"] == [
        "Ensure this value has at most 150 characters (it has 151)."
    ]


def test_member_form_forged_role_is_a_field_error():
    form = MemberForm(member_data(role="emperor"), languages=["en"])

    assert list(form.errors) == ["role"]


def test_application_form_forged_kind_is_a_field_error():
    form = ApplicationForm({**member_data(), "kind": "delegate"}, languages=["en"])

    assert list(form.errors) == ["kind"]


def test_application_form_does_not_let_applicants_choose_a_role():
    form = ApplicationForm({**member_data(role=Role.HEAD), "kind": "expert"}, languages=["en"])

    assert form.is_valid()
    assert "role" not in form.cleaned_data


def test_member_forms_share_their_class_choice_lists_instead_of_copying_them():
    first = MemberForm(member_data(), languages=["en"])
    second = ApplicationForm({**member_data(), "kind": "expert"}, languages=["en"])

    assert first.fields["role"].choices is MemberForm.base_fields["role"].choices
    assert first.fields["role"].widget.choices is MemberForm.base_fields["role"].choices
    assert second.fields["kind"].choices is ApplicationForm.base_fields["kind"].choices


def test_member_form_shared_choices_are_drawn_in_the_page_language():
    with translation.override("fr"):
        french = str(MemberForm(member_data(), languages=["en", "fr"])["role"])
    english = str(MemberForm(member_data(), languages=["en", "fr"])["role"])

    assert ">Chef de délégation<" in french
    assert ">Head of Delegation<" in english


def test_member_form_phone_with_letters_is_a_field_error():
    form = MemberForm(member_data(phone="call me maybe"), languages=["en"])

    assert list(form.errors) == ["phone"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"this is not an image", "Upload a photo as a JPEG, PNG or WebP image."),
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\ntruncated",
            "Upload a photo as a JPEG, PNG or WebP image.",
        ),
        ("huge.png", png_claiming(30_000, 30_000), "The photo has too many pixels"),
        ("big.png", png_claiming(10_000, 10_000), "The photo has too many pixels"),
        ("wide.png", png_claiming(6_000, 5_000), "The photo has too many pixels"),
    ],
)
def test_member_form_bad_photo_is_a_field_error(name, content, message):
    form = MemberForm(member_data(), {"photo": upload(name, content)}, languages=["en"])

    assert not form.is_valid()
    assert form.errors["photo"][0].startswith(message)


def test_member_form_gif_photo_is_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")

    form = MemberForm(
        member_data(), {"photo": upload("photo.gif", buffer.getvalue())}, languages=["en"]
    )

    assert list(form.errors) == ["photo"]


def test_letter_form_pdf_named_file_with_other_content_is_refused():
    form = LetterForm({}, {"letter": upload("letter.pdf", b"MZ\x90\x00", "application/pdf")})

    assert form.errors["letter"] == ["Upload the letter as a PDF file."]


def test_letter_form_oversized_pdf_is_refused():
    content = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)

    form = LetterForm({}, {"letter": upload("letter.pdf", content, "application/pdf")})

    assert form.errors["letter"] == ["The letter is too large: at most 5 MB."]


@pytest.mark.django_db
def test_member_add_photo_is_resized_on_save(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    InvitationFactory(token=TOKEN)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("registration:member_add", args=[TOKEN]),
            {**member_data(), "photo": upload("portrait.png", png(2400, 1200))},
        )

    member = Participant.objects.get()
    with Image.open(member.photo.path) as stored:
        assert (stored.format, stored.size) == ("JPEG", (800, 400))


@pytest.mark.django_db
def test_member_add_decompression_bomb_is_a_form_error_not_a_crash(client):
    InvitationFactory(token=TOKEN)

    response = client.post(
        reverse("registration:member_add", args=[TOKEN]),
        {**member_data(), "photo": upload("bomb.png", png_claiming(30_000, 30_000))},
    )

    assert response.status_code == 400
    assert "too many pixels" in response.content.decode()
    assert not Participant.objects.exists()


@pytest.mark.django_db
def test_member_add_oversized_request_is_refused_not_a_crash(client):
    InvitationFactory(token=TOKEN)

    response = client.post(
        reverse("registration:member_add", args=[TOKEN]),
        member_data(given_name="A" * 3_000_000),
    )

    assert response.status_code == 400
    assert not Participant.objects.exists()


form_values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", "\x00", "head", "delegate", "a@b.org", "+41 22 917 1234"]),
)


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=75, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.fixed_dictionaries(
        dict.fromkeys(
            [field for field in MEMBER_FIELDS if field != "consents_to_public_listing"],
            form_values,
        )
    )
)
def test_member_form_any_input_is_either_clean_or_a_field_error(data):
    form = MemberForm(data, languages=["en"])

    if form.is_valid():
        assert form.cleaned_data["role"] in Role.values
        assert "\x00" not in "".join(str(value) for value in form.cleaned_data.values())
        assert len(form.cleaned_data["given_name"]) <= 150
    else:
        assert set(form.errors) <= set(form.fields) | {"__all__"}


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=form_values, given_name=form_values, email=form_values)
def test_application_form_any_input_is_either_clean_or_a_field_error(kind, given_name, email):
    form = ApplicationForm(
        {**member_data(given_name=given_name, email=email), "kind": kind}, languages=["en"]
    )

    if form.is_valid():
        assert form.cleaned_data["kind"] in ("expert", "observer", "media")
    else:
        assert set(form.errors) <= {"kind", "given_name", "email"}


def nationality_names(language: str) -> list[str]:
    with translation.override(language):
        return [
            name
            for code, name in MemberForm(languages=["en"]).fields["nationality"].widget.choices
            if code
        ]


@pytest.mark.django_db
def test_member_form_lists_nationalities_in_french_alphabetical_order():
    names = nationality_names("fr")

    positions = [names.index(name) for name in ("Afrique du Sud", "Égypte", "Espagne", "Éthiopie")]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_member_form_lists_nationalities_in_chinese_pinyin_order(settings):
    settings.LANGUAGES = [("en", "English"), ("zh-hans", "Chinese")]

    names = nationality_names("zh-hans")

    # A-fu-han, De-guo, Ri-ben, Zhong-guo.
    positions = [names.index(name) for name in ("阿富汗", "德国", "日本", "中国")]
    assert positions == sorted(positions)
