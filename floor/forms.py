"""Forms of the floor's pages: they check input; floor/speakers.py and floor/seating.py act."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from conference.languages import language_choices
from conference.plain_text import validate_text_area
from delegations.models import Delegation, Participant
from floor.models import Inscription


def errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form's fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


class SpeakerChangeForm(forms.Form):
    """The focal point names who speaks: a member of the delegation.

    `members` are the delegation's active members, read once for all the page's forms.
    """

    speaker = forms.TypedChoiceField(label=_("Speaker"), coerce=int)

    def __init__(self, *args, members: list[Participant], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.members = {member.pk: member for member in members}
        self.fields["speaker"].choices = [(member.pk, member.display_name) for member in members]

    def clean_speaker(self) -> Participant:
        return self.members[self.cleaned_data["speaker"]]


class InscribeForm(SpeakerChangeForm):
    """The focal point's inscription: who speaks, in which language."""

    language = forms.ChoiceField(label=_("Language of the statement"))

    def __init__(self, *args, delegation: Delegation, members: list[Participant], **kwargs) -> None:
        super().__init__(*args, members=members, **kwargs)
        conference = delegation.conference
        self.fields["language"].choices = language_choices(conference.languages)
        self.fields["language"].initial = conference.main_language


class SwapRequestForm(forms.Form):
    """The focal point asks another delegation waiting on the same list to exchange places.

    `others` are the other delegations' waiting inscriptions with their place, in order.
    """

    partner = forms.TypedChoiceField(label=_("Exchange places with"), coerce=int)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_text_area],
        help_text=_("The other delegation and the Secretariat read it."),
    )

    def __init__(self, *args, others: list[tuple[int, Inscription]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.others = {inscription.pk: inscription for _place, inscription in others}
        self.fields["partner"].choices = [
            (inscription.pk, f"{place}. {inscription.delegation.name}")
            for place, inscription in others
        ]

    def clean_partner(self) -> Inscription:
        return self.others[self.cleaned_data["partner"]]


class StaffInscribeForm(forms.Form):
    """An organiser inscribes a delegation; its Head speaks unless another member is named."""

    delegation = forms.ModelChoiceField(label=_("Delegation"), queryset=Delegation.objects.none())
    speaker_name = forms.ModelChoiceField(
        label=_("Speaker"),
        queryset=Participant.objects.none(),
        required=False,
        help_text=_("Leave empty for the Head of Delegation."),
    )
    language = forms.ChoiceField(label=_("Language of the statement"))
    on_behalf_of = forms.CharField(
        label=_("On behalf of (group statement)"), max_length=200, required=False
    )

    def __init__(self, *args, conference, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = conference.delegations.in_protocol_order()
        self.fields["speaker_name"].queryset = (
            conference.participants.active().in_protocol_order().select_related("delegation")
        )
        self.fields["speaker_name"].label_from_instance = lambda participant: (
            f"{participant.display_name} ({participant.delegation.name})"
        )
        self.fields["language"].choices = language_choices(conference.languages)
        self.fields["language"].initial = conference.main_language

    def clean(self):
        cleaned = super().clean()
        delegation, speaker = cleaned.get("delegation"), cleaned.get("speaker_name")
        if delegation and speaker is None:
            speaker = delegation.participants.active().in_protocol_order().first()
            if speaker is None:
                self.add_error("delegation", _("This delegation has no member to speak."))
        cleaned["speaker"] = speaker
        return cleaned


class MoveForm(forms.Form):
    to = forms.IntegerField(label=_("To place"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class SwapForm(forms.Form):
    other = forms.IntegerField(label=_("Swap with place"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class DrawForm(forms.Form):
    seed = forms.CharField(
        label=_("Seed"),
        max_length=32,
        required=False,
        help_text=_("Leave empty for a new random draw; give a recorded seed to repeat a draw."),
    )


class CustomOrderForm(forms.Form):
    custom_order = forms.CharField(
        label=_("Custom order"),
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[validate_text_area],
        help_text=_("The delegations' names, one per line, first seat first."),
    )


class DocumentLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, conference, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(conference.languages)
