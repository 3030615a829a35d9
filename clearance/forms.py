from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clearance.models import SecurityRecord
from clearance.services import validate_data_page


class DateInput(forms.DateInput):
    input_type = "date"


class SecurityDataForm(forms.ModelForm):
    """The security data a focal point or applicant gives for one person; the service
    (security_data_save) checks it as a whole, against the conference's dates. Built with
    `initial` from the record, never `instance`: the service compares the record as stored
    with what was typed."""

    nationality = forms.ChoiceField(label=_("Nationality (as in the passport)"), choices=())
    issuing_country = forms.ChoiceField(label=_("Issuing country"), choices=())
    data_page = forms.FileField(
        label=_("Passport data page"),
        required=False,
        help_text=_(
            "A scan or photo of the page with the photo: PDF, JPEG, PNG or WebP, at most 5 MB."
        ),
    )

    class Meta:
        model = SecurityRecord
        fields = [
            "birth_date",
            "birth_place",
            "nationality",
            "document_number",
            "issuing_country",
            "document_expiry",
            "armed",
            "protected_status",
        ]
        widgets = {"birth_date": DateInput, "document_expiry": DateInput}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "---------"), *countries]
        for name in ("nationality", "issuing_country"):
            self.fields[name].choices = choices
        for name in ("birth_date", "birth_place", "document_number", "document_expiry"):
            self.fields[name].required = True
        self.order_fields([*self.Meta.fields[:6], "data_page", *self.Meta.fields[6:]])

    def clean_data_page(self):
        upload = self.cleaned_data.get("data_page")
        if upload:
            validate_data_page(upload)
        return upload

    def security_data(self) -> dict:
        """The cleaned values for security_data_save (the scan apart)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class VettingImportForm(forms.Form):
    file = forms.FileField(
        label=_("The vetting authority's answers (XLSX)"),
        help_text=_(
            "The exported file with the columns “decision” (cleared or refused) and “reason” "
            "filled in."
        ),
    )


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusal"), widget=forms.Textarea(attrs={"rows": 3})
    )
