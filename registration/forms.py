"""Forms for the registration pages; they check input, the services in registration.py act."""

from django import forms
from django.core.validators import RegexValidator
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conference.collation import countries_in_order
from conference.languages import language_choices
from conference.plain_text import validate_text_area
from delegations.models import MAX_EXTRA_PLACES, Participant
from delegations.participant_fields import MEDIA_FIELDS
from delegations.uploads import validate_letter, validate_photo
from registration.models import ApplicantKind
from registration.services import MEMBER_FIELDS, PERSON_FIELDS

PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"

validate_phone = RegexValidator(
    r"^\+?[0-9 ()./-]{4,40}$",
    _("Enter a phone number with digits, spaces and an optional leading +."),
    code="invalid_phone",
)


class PersonForm(forms.ModelForm):
    """A participant's own details; the photo is checked here and stored by the service."""

    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        validators=[validate_photo],
        help_text=_("JPEG, PNG or WebP, at most 5 MB; used for the badge."),
        widget=forms.FileInput(attrs={"accept": PHOTO_ACCEPT}),
    )

    class Meta:
        model = Participant
        fields = PERSON_FIELDS
        widgets = {
            "name_order": forms.RadioSelect,
            # Arabic is typed right to left, Latin and Chinese left to right.
            "own_script_name": forms.TextInput(attrs={"dir": "auto"}),
        }

    def __init__(self, *args, languages: list[str], **kwargs) -> None:
        """`languages`: the conference's, the only ones offered as the preferred language; the
        page's language is the first choice made for a new person."""
        super().__init__(*args, **kwargs)
        language = self.fields["preferred_language"]
        language.choices = language_choices(languages)
        language.required = True
        if not self.instance.preferred_language:
            current = get_language()
            language.initial = current if current in languages else languages[0]
        self.fields["phone"].validators.append(validate_phone)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["given_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["family_name"].widget.attrs["autocomplete"] = "family-name"
        # Ordered when the select is drawn: checking a value needs neither order nor database.
        language = get_language()
        self.fields["nationality"].widget.choices = CallableChoiceIterator(
            lambda: [*BLANK_CHOICE_DASH, *countries_in_order(language)]
        )

    def add_service_error(self, error) -> None:
        """Show a service's ValidationError next to the field it names, or above the form."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error)


class MemberForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = MEMBER_FIELDS


class ApplicationForm(PersonForm):
    kind = forms.ChoiceField(label=_("I am applying as"), choices=ApplicantKind.choices)

    field_order = ["kind"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("kind") == ApplicantKind.MEDIA:
            for field in MEDIA_FIELDS:
                if not cleaned.get(field):
                    self.add_error(field, _("Media representatives give this."))
        else:
            # Only media are asked: what another applicant typed there is not kept.
            for field in MEDIA_FIELDS:
                cleaned[field] = ""
        return cleaned


class LetterForm(forms.Form):
    letter = forms.FileField(
        label=_("Nomination letter (PDF)"),
        validators=[validate_letter],
        help_text=_("The note verbale naming the delegation; a PDF of at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )


class QuotaRequestForm(forms.Form):
    places = forms.IntegerField(
        label=_("Extra places"), min_value=1, max_value=MAX_EXTRA_PLACES, initial=1
    )
    reason = forms.CharField(
        label=_("Why your delegation needs them"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text_area],
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text_area],
        help_text=_("The member receives it by e-mail."),
    )
