"""E-mails organisers write: a conference's own wording of an e-mail Plenary sends, per language.

Each kind of e-mail (the invitation, the registration received, approved...) has a default
text in the catalogues. An organiser may replace it for one conference and one language with
an EmailTemplate. Its language is deliberately tiny: `{{ placeholder }}` and nothing else,
from the list of the kind's placeholders, so a template can neither reach an attribute, call
anything nor loop; what an organiser types is text, never markup (the HTML part escapes it).

Apps register the kinds of e-mail they send (`email_kind_register`, from their
AppConfig.ready()); the core's own are registered below.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
# Anything that looks like template syntax but is not a plain placeholder.
TEMPLATE_SYNTAX = re.compile(r"\{[{%#]|[}%#]\}")


@dataclass(frozen=True)
class EmailKind:
    """One kind of e-mail organisers may reword.

    `placeholders`: name → what it stands for. `sample`: given a conference, the values of
    the placeholders for a real recipient of that conference (for the preview and the test
    e-mail), or None when the conference has nobody to show it with yet.
    """

    key: str
    label: str | Promise
    placeholders: dict[str, str | Promise] = field(default_factory=dict)
    sample: Callable[..., dict[str, str] | None] | None = None
    # Placeholders the body must carry (a link without which the e-mail is useless).
    required: frozenset[str] = frozenset()


_kinds: dict[str, EmailKind] = {}


def email_kind_register(kind: EmailKind) -> None:
    _kinds[kind.key] = kind


def email_kinds() -> dict[str, EmailKind]:
    return dict(_kinds)


def email_kind_choices() -> list[tuple[str, str]]:
    return [(key, str(kind.label)) for key, kind in _kinds.items()]


def required_placeholders_check(text: str, *, kind: EmailKind) -> None:
    missing = sorted(kind.required - set(PLACEHOLDER.findall(text)))
    if missing:
        raise ValidationError(
            _("This e-mail must contain %(names)s.")
            % {"names": ", ".join(f"{{{{ {name} }}}}" for name in missing)},
            code="required_placeholder",
        )


def placeholders_check(text: str, *, kind: EmailKind) -> None:
    """Refuse anything but the kind's own placeholders, naming what is wrong."""
    unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in kind.placeholders})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. This e-mail offers: %(offered)s.")
            % {
                "names": ", ".join(f"{{{{ {name} }}}}" for name in unknown),
                "offered": ", ".join(f"{{{{ {name} }}}}" for name in kind.placeholders),
            },
            code="unknown_placeholder",
        )
    if TEMPLATE_SYNTAX.search(PLACEHOLDER.sub("", text)):
        raise ValidationError(
            _("Only placeholders such as {{ conference }} may be used, with nothing else inside."),
            code="template_syntax",
        )


def email_template_sample(written) -> dict[str, str] | None:
    """The placeholders' values of `written` for a real recipient of its conference, in the
    active language; None when the conference has nobody to show it with yet."""
    kind = _kinds.get(written.kind)
    if kind is None or kind.sample is None:
        return None
    return kind.sample(conference=written.conference)


def placeholders_fill(text: str, values: dict[str, str]) -> str:
    """`text` with each {{ placeholder }} replaced by its value (unknown ones by nothing)."""
    return PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), "")), text)


# The core's own e-mails. Their sample values come from the first delegation or participant
# of the conference, so a preview shows what a real recipient would read.
RECIPIENT_PLACEHOLDERS = {
    "name": _("the participant's name, as printed on the badge"),
    "delegation": _("the delegation's name"),
    "conference": _("the conference's title"),
    "reason": _("the reason the organisers gave (rejection, withdrawal), else empty"),
}


def _participant_sample(*, conference, state: str) -> dict[str, str] | None:
    participant = conference.participants.select_related("delegation").first()
    if participant is None:
        return None
    return participant_state_placeholders(participant=participant, reason=_("(the reason)"))


def participant_state_placeholders(*, participant, reason: str) -> dict[str, str]:
    return {
        "name": participant.display_name,
        "delegation": participant.delegation.name,
        "conference": participant.conference.translated_title,
        "reason": reason,
    }


def _invitation_sample(*, conference, state: str = "") -> dict[str, str] | None:
    delegation = conference.delegations.first()
    if delegation is None:
        return None
    return invitation_placeholders(
        delegation=delegation, url="https://example.org/invitation/(the delegation's link)/"
    )


def invitation_placeholders(*, delegation, url: str) -> dict[str, str]:
    return {
        "delegation": delegation.name,
        "conference": delegation.conference.translated_title,
        "portal_link": url,
    }


INVITATION = "invitation"
PARTICIPANT_STATE_KINDS = {
    "pending": "participant_pending",
    "approved": "participant_approved",
    "rejected": "participant_rejected",
    "withdrawn": "participant_withdrawn",
}

email_kind_register(
    EmailKind(
        key=INVITATION,
        label=_("Invitation to a delegation's focal points"),
        placeholders={
            "delegation": _("the delegation's name"),
            "conference": _("the conference's title"),
            "portal_link": _("the delegation's personal registration link (required)"),
        },
        sample=_invitation_sample,
        required=frozenset({"portal_link"}),
    )
)
for state, key, label in [
    ("pending", "participant_pending", _("Registration received")),
    ("approved", "participant_approved", _("Registration approved (the badge is attached)")),
    ("rejected", "participant_rejected", _("Registration not accepted")),
    ("withdrawn", "participant_withdrawn", _("Registration withdrawn")),
]:
    email_kind_register(
        EmailKind(
            key=key,
            label=label,
            placeholders=RECIPIENT_PLACEHOLDERS,
            sample=lambda conference, state=state: _participant_sample(
                conference=conference, state=state
            ),
        )
    )
