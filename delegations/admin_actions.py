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
from delegations.services import TransitionNotAllowed, participants_transition


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
