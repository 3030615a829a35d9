"""The focal point's forms; the services decide, the forms only collect and show errors."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bilaterals.selectors import Time, other_delegations, time_from_key, time_key
from conference.local_time import local_time_range
from delegations.models import Delegation


def time_choices(times: list[Time], delegation: Delegation) -> list[tuple[str, str]]:
    zone = delegation.conference.tzinfo
    return [(time_key(time), local_time_range(time[0], time[1], zone)) for time in times]


class DelegationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, delegation: Delegation) -> str:
        return delegation.name


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, participant) -> str:
        return participant.display_name


class ServiceErrorsMixin:
    def add_service_error(self, error: ValidationError) -> None:
        """Put the service's errors on the fields it names, the others above the form."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


class _TimesAndAttendees(ServiceErrorsMixin, forms.Form):
    def __init__(self, *args, delegation: Delegation, times: list[Time], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"] = MemberChoiceField(
            label=_("Who attends for your delegation"),
            queryset=delegation.participants.active().order_by("family_name", "given_name"),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["times"] = forms.MultipleChoiceField(
            label=_("Times you propose"),
            help_text=_("The times at which the organisers offer rooms; choose one or more."),
            choices=time_choices(times, delegation),
            widget=forms.CheckboxSelectMultiple,
        )
        self.order_fields(["invitee", "times", "attendees", "topic"])

    def clean_times(self) -> list[Time]:
        return [time_from_key(key) for key in self.cleaned_data["times"]]


class RequestForm(_TimesAndAttendees):
    topic = forms.CharField(
        label=_("Topic"),
        help_text=_("Optional; only your two delegations see it."),
        max_length=300,
        required=False,
    )

    def __init__(self, *args, delegation: Delegation, times: list[Time], **kwargs):
        super().__init__(*args, delegation=delegation, times=times, **kwargs)
        self.fields["invitee"] = DelegationChoiceField(
            label=_("Delegation to meet"), queryset=other_delegations(delegation=delegation)
        )
        self.order_fields(["invitee", "times", "attendees", "topic"])


class ProposeForm(_TimesAndAttendees):
    pass


class AcceptForm(ServiceErrorsMixin, forms.Form):
    def __init__(self, *args, delegation: Delegation, times: list[Time], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time"] = forms.ChoiceField(
            label=_("Time"), choices=time_choices(times, delegation), widget=forms.RadioSelect
        )
        self.fields["attendees"] = MemberChoiceField(
            label=_("Who attends for your delegation"),
            queryset=delegation.participants.active().order_by("family_name", "given_name"),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def clean_time(self) -> Time:
        return time_from_key(self.cleaned_data["time"])
