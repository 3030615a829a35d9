"""Forms for the pledge pages; they check input, pledges/services.py acts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conference.plain_text import validate_text_area
from pledges.models import MAX_QUANTITY, Capability, Pledge
from pledges.services import CONTENT_FIELDS


class PledgeForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = CONTENT_FIELDS
        widgets = {
            "deployable_from": forms.DateInput(attrs={"type": "date"}),
            "caveats": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        offered = Capability.objects.filter(is_active=True)
        if self.instance.capability_id:
            offered = offered | Capability.objects.filter(pk=self.instance.capability_id)
        self.fields["capability"].queryset = offered.order_by("order", "name")
        quantity = self.fields["quantity"]
        quantity.min_value = 1
        quantity.max_value = MAX_QUANTITY
        quantity.validators = [
            *quantity.validators,
            *forms.IntegerField(min_value=1, max_value=MAX_QUANTITY).validators,
        ]
        quantity.widget.attrs.update({"min": 1, "max": MAX_QUANTITY})
        self.fields["caveats"].validators.append(validate_text_area)
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"

    def add_service_error(self, error) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
