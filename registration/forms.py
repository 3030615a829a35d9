"""Forms for the registration pages; they check input, the services in registration.py act."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from conference.plain_text import validate_text_area
from delegations.models import Participant
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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(validate_phone)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["given_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["family_name"].widget.attrs["autocomplete"] = "family-name"

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


class LetterForm(forms.Form):
    letter = forms.FileField(
        label=_("Nomination letter (PDF)"),
        validators=[validate_letter],
        help_text=_("The note verbale naming the delegation; a PDF of at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text_area],
        help_text=_("The member receives it by e-mail."),
    )
