"""Forms for the registration pages; they check input, the services in registration.py act."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conference.countries import FrozenChoices, country_choices
from conference.languages import language_choices
from conference.plain_text import validate_text_area
from delegations.models import MAX_EXTRA_PLACES, Category, Participant
from delegations.participant_fields import MEDIA_FIELDS
from delegations.services import FORMER_HEAD_ROLES
from delegations.uploads import validate_letter, validate_photo
from registration.models import ApplicantKind
from registration.services import MEMBER_FIELDS, PERSON_FIELDS

PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"

validate_phone = RegexValidator(
    r"^\+?[0-9 ()./-]{4,40}$",
    _("Enter a phone number with digits, spaces and an optional leading +."),
    code="invalid_phone",
)


def choices_shared(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    """Django gives every form a deep copy of its class's fields, each choice list copied
    pair by pair: about 0.1 ms of CPU per registration form, for lists nobody changes. Frozen on
    the class, the lists are shared by the copies; a form that offers other choices assigns
    new ones (as PersonForm and MemberForm do for their own lists, left empty here)."""
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.ChoiceField):
            replaced = name in form_class.CHOICES_SET_PER_FORM
            field.choices = FrozenChoices(() if replaced else field.choices)
    return form_class


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

    # __init__ gives each form these lists (the conference's languages, the countries in the
    # page's language, the delegation's categories).
    CHOICES_SET_PER_FORM = {"preferred_language", "nationality", "category"}

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
        # In the page's language's alphabetical order, made once per process and language.
        self.fields["nationality"].choices = country_choices(get_language())

    def add_service_error(self, error) -> None:
        """Show a service's ValidationError next to the field it names, or above the form."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error)


@choices_shared
class MemberForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = MEMBER_FIELDS

    def __init__(self, *args, categories: list[str] | None = None, **kwargs) -> None:
        """`categories`: those the organisers allow the delegation's focal point (a member
        already in another one, given by the organisers, keeps it); the services refuse any
        other whatever the form offered."""
        super().__init__(*args, **kwargs)
        categories = Category.values if categories is None else categories
        offered = set(categories)
        if self.instance.pk:
            offered.add(self.instance.category)
        self.fields["category"].choices = [
            (value, label) for value, label in Category.choices if value in offered
        ]
        if self.fields["category"].initial not in offered:
            self.fields["category"].initial = categories[0] if categories else None


class HeadReplaceForm(forms.Form):
    """The focal point's swap of the Head of Delegation: who takes over, what the Head becomes."""

    WITHDRAW = "withdraw"

    new_head = forms.ModelChoiceField(
        label=_("New Head of Delegation"), queryset=Participant.objects.none()
    )
    former_head_role = forms.ChoiceField(
        label=_("The current Head of Delegation"),
        choices=[
            *[(role.value, role.label) for role in FORMER_HEAD_ROLES],
            (WITHDRAW, _("is withdrawn from the delegation")),
        ],
        help_text=_("Stays in the delegation in this role, or is withdrawn."),
    )
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text_area],
        help_text=_("Needed when the current Head is withdrawn; they receive it by e-mail."),
    )

    def __init__(self, *args, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_head"].queryset = members
        self.fields["new_head"].label_from_instance = lambda member: member.full_name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("former_head_role") == self.WITHDRAW and not cleaned.get("reason"):
            self.add_error("reason", _("Give a reason: the participant will see it."))
        return cleaned

    def role_for_former_head(self) -> str | None:
        role = self.cleaned_data["former_head_role"]
        return None if role == self.WITHDRAW else role

    def add_service_error(self, error) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error)


@choices_shared
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
