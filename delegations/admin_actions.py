"""Admin actions that move participants between registration states.

Every move goes through delegations.services, one participant at a time: each succeeds or is
refused on its own, and the organiser is told which and why.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conference.plain_text import validate_text_area
from delegations.models import Participant, State
from delegations.services import (
    FORMER_HEAD_ROLES,
    TransitionNotAllowed,
    delegation_head_replace,
    participants_transition,
)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text_area],
        help_text=_("The participants will see it."),
    )


def _refusal(participant: Participant, error: ValidationError) -> str:
    text = " ".join(error.messages)
    # A refused transition names the participant already; other refusals (a second Head of
    # Delegation, a reused e-mail address) do not.
    return text if isinstance(error, TransitionNotAllowed) else f"{participant.full_name}: {text}"


def _move(request, queryset: QuerySet[Participant], *, to_state: str, reason: str = "") -> None:
    moved, refused = participants_transition(
        participants=queryset, to_state=to_state, by=request.user, reason=reason
    )
    if moved:
        messages.success(
            request,
            ngettext(
                "%(count)d participant is now “%(state)s”.",
                "%(count)d participants are now “%(state)s”.",
                len(moved),
            )
            % {"count": len(moved), "state": State(to_state).label},
        )
    if refused:
        messages.error(
            request,
            ngettext(
                "%(count)d participant was not moved: %(refusals)s",
                "%(count)d participants were not moved: %(refusals)s",
                len(refused),
            )
            % {
                "count": len(refused),
                "refusals": " ".join(_refusal(*refusal) for refusal in refused),
            },
        )


def _move_with_reason(modeladmin, request, queryset, *, action: str, to_state: str, title: str):
    """Ask for the reason on a confirmation page first; move once it is given."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        _move(request, queryset, to_state=to_state, reason=form.cleaned_data["reason"])
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.model._meta,
        "form": form,
        "participants": queryset.select_related("delegation"),
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(
        request, "admin/delegations/participant/transition_reason.html", context
    )


@admin.action(description=_("Approve selected participants"), permissions=["change"])
def approve_selected(modeladmin, request, queryset):
    _move(request, queryset, to_state=State.APPROVED)


@admin.action(description=_("Reject selected participants…"), permissions=["change"])
def reject_selected(modeladmin, request, queryset):
    return _move_with_reason(
        modeladmin,
        request,
        queryset,
        action="reject_selected",
        to_state=State.REJECTED,
        title=_("Reject participants"),
    )


@admin.action(description=_("Withdraw selected participants…"), permissions=["change"])
def withdraw_selected(modeladmin, request, queryset):
    return _move_with_reason(
        modeladmin,
        request,
        queryset,
        action="withdraw_selected",
        to_state=State.WITHDRAWN,
        title=_("Withdraw participants"),
    )


@admin.action(description=_("Reset selected participants to pending"), permissions=["change"])
def reset_selected(modeladmin, request, queryset):
    _move(request, queryset, to_state=State.PENDING)


class FormerHeadForm(forms.Form):
    """What the current Head of Delegation becomes when an organiser names another."""

    WITHDRAW = "withdraw"

    former_head_role = forms.ChoiceField(
        label=_("The current Head of Delegation"),
        choices=[
            *[(role.value, role.label) for role in FORMER_HEAD_ROLES],
            (WITHDRAW, _("is withdrawn from the delegation")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text_area],
        help_text=_("Needed when the current Head is withdrawn; they receive it by e-mail."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("former_head_role") == self.WITHDRAW and not cleaned.get("reason"):
            self.add_error("reason", _("Give a reason: the participant will see it."))
        return cleaned


@admin.action(description=_("Make Head of Delegation…"), permissions=["change"])
def make_head(modeladmin, request, queryset):
    """Name the one selected (active) participant Head of Delegation in one step; the current
    Head takes the role chosen, or is withdrawn. Approvals are kept: the organiser decides."""
    if queryset.count() != 1:
        messages.error(request, _("Select the one participant who becomes Head of Delegation."))
        return None
    participant = queryset.select_related("delegation").get()
    form = FormerHeadForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        role = form.cleaned_data["former_head_role"]
        try:
            delegation_head_replace(
                delegation=participant.delegation,
                new_head=participant,
                former_head_role=None if role == FormerHeadForm.WITHDRAW else role,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s is now the Head of Delegation.") % {"name": participant.full_name},
            )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Make Head of Delegation"),
        "opts": modeladmin.model._meta,
        "form": form,
        "participants": queryset.select_related("delegation"),
        "action": "make_head",
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(
        request, "admin/delegations/participant/transition_reason.html", context
    )
