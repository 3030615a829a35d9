"""Bilaterals' work off the request path: the focal points' e-mails (one digest for news that
arrives together) and the door signs."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bilaterals.models import BilateralNotice, DoorSign
from conference.local_time import local_time_range
from conference.task_retries import retrying_task
from delegations.emails import email_send, focal_points_by_language
from delegations.models import Delegation
from delegations.task_documents import document_task


@retrying_task(queue_name="email")
def notices_send(*, delegation_id: int) -> None:
    """E-mail the delegation's focal points, each in their language, everything unsent about
    its bilaterals: one message, a digest when there are several."""
    with transaction.atomic():
        notices = list(
            BilateralNotice.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(delegation_id=delegation_id, sent_at__isnull=True)
            .select_related("bilateral__requester", "bilateral__invitee", "bilateral__room")
            .order_by("created_at", "pk")
        )
        if not notices:
            return  # Sent by another run meanwhile.
        delegation = Delegation.objects.select_related("conference").get(pk=delegation_id)
        conference = delegation.conference
        for language, emails in focal_points_by_language(delegation).items():
            with translation.override(language):
                items = [_notice_line(notice, delegation) for notice in notices]
                if len(items) == 1:
                    subject = _("Bilateral meetings: %(news)s") % {"news": items[0]}
                else:
                    subject = ngettext(
                        "Bilateral meetings: %(count)d update",
                        "Bilateral meetings: %(count)d updates",
                        len(items),
                    ) % {"count": len(items)}
                email_send(
                    template="bilaterals/emails/notices",
                    subject=subject,
                    to=emails,
                    cc=[],
                    context={"delegation": delegation, "conference": conference, "items": items},
                )
        BilateralNotice.objects.filter(pk__in=[notice.pk for notice in notices]).update(
            sent_at=timezone.now()
        )


def _notice_line(notice: BilateralNotice, delegation: Delegation) -> str:
    """One line of news, in the active language; no topic (e-mails are forwarded)."""
    bilateral = notice.bilateral
    conference = delegation.conference
    line = _("%(delegation)s: %(what)s") % {
        "delegation": bilateral.other(delegation).name,
        "what": notice.get_kind_display(),
    }
    if bilateral.starts_at and notice.kind in ("accepted", "moved"):
        line = _("%(news)s, %(when)s, %(room)s") % {
            "news": line,
            "when": local_time_range(bilateral.starts_at, bilateral.ends_at, conference.tzinfo),
            "room": bilateral.room.translated_name,
        }
    return line


@document_task(DoorSign, related=("conference", "room"))
def door_sign_make(document: DoorSign) -> bytes:
    """Lay out the room's door sign for its day, in its language."""
    from bilaterals.door_signs import door_sign_pdf

    with translation.override(document.language):
        return door_sign_pdf(conference=document.conference, room=document.room, day=document.day)
