"""Forms of the protocol workflow: they check input; diplomacy.services acts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conference.plain_text import validate_text_area
from diplomacy.models import CredentialsIssuer, CredentialsStatus, VisaLetterRequest
from diplomacy.services import validate_credentials_pdf
from diplomacy.visas import visa_request_errors


class CredentialsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Credentials (PDF)"),
        validators=[validate_credentials_pdf],
        help_text=_(
            "The scan of the formal letter from the Head of State or Government or the "
            "Minister for Foreign Affairs; a PDF of at most 5 MB. Not the nomination note."
        ),
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )
    issued_by = forms.ChoiceField(label=_("Issued by"), choices=CredentialsIssuer.choices)


class DeclineForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Our delegation will not take part in the meeting."), required=True
    )


class CredentialsRecordForm(forms.Form):
    """The organiser's record of a delegation's credentials (admin action)."""

    status = forms.ChoiceField(label=_("Credentials"), choices=CredentialsStatus.choices)
    issued_by = forms.ChoiceField(
        label=_("Issued by"),
        choices=[("", "---------"), *CredentialsIssuer.choices],
        required=False,
    )
    remarks = forms.CharField(label=_("Remarks"), max_length=250, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") not in (None, CredentialsStatus.NONE) and not cleaned.get(
            "issued_by"
        ):
            self.add_error("issued_by", _("Say who issued the credentials received."))
        return cleaned


class ReminderForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        help_text=_("In the conference's time zone, e.g. 2023-08-20 09:00; now when left empty."),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_text_area],
        help_text=_("Added to the standard reminder, as typed, in every language."),
    )


class NotesForm(forms.Form):
    send = forms.BooleanField(
        label=_("Also e-mail each note to the delegation's focal points"), required=False
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


VISA_DATES = [
    "date_of_birth",
    "passport_issued_on",
    "passport_expires_on",
    "arrival_on",
    "departure_on",
]


class VisaRequestForm(forms.ModelForm):
    """A visa support letter's request, by the focal point or the applicant: the instance
    comes with its participant and conference; the dates are checked against the meeting."""

    class Meta:
        model = VisaLetterRequest
        fields = [
            "mission_kind",
            "mission_city",
            "mission_country",
            "passport_number",
            "nationality",
            *VISA_DATES,
        ]
        widgets = {name: DateInput() for name in VISA_DATES}

    def clean_passport_number(self) -> str:
        number = "".join(self.cleaned_data["passport_number"].split()).upper()
        if not number.isascii() or not number.isalnum() or not 5 <= len(number) <= 20:
            raise forms.ValidationError(
                _("Type the number as printed: 5 to 20 Latin letters and digits."),
                code="passport_number",
            )
        return number

    def clean(self):
        cleaned = super().clean()
        probe = VisaLetterRequest(
            conference=self.instance.conference,
            **{name: cleaned.get(name) for name in VISA_DATES},
        )
        for name, message in visa_request_errors(probe).items():
            if name in cleaned:
                self.add_error(name, message)
        return cleaned


class VisaRefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text_area],
        help_text=_("Shown to whoever asked for the letter."),
    )
