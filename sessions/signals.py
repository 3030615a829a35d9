"""Mark a conference's programme as changed whenever something the public sees changes.

Signals, not services, because organisers edit the programme in the admin; the only thing
done here is the cache-invalidation stamp, no business rule.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from conference.models import Conference, Host, Room, Venue
from conference.public import forget_conference_versions
from sessions.models import Session, SessionRole, Speaker, Track
from sessions.prewarm import prewarm_after_change


def programme_changed(*, conference_ids: set[int]) -> None:
    if conference_ids:
        changed = Conference.objects.filter(pk__in=conference_ids)
        changed.update(programme_changed_at=timezone.now())
        # Stored pages are found without a query while this version is kept: no longer.
        forget_conference_versions(changed.values_list("slug", flat=True))
        prewarm_after_change(conference_ids)


@receiver([post_save, post_delete], sender=Session)
@receiver([post_save, post_delete], sender=Track)
@receiver([post_save, post_delete], sender=Speaker)
def _programme_item_changed(sender, instance, **kwargs) -> None:
    programme_changed(conference_ids={instance.conference_id})


@receiver([post_save, post_delete], sender=SessionRole)
def _session_role_changed(sender, instance, **kwargs) -> None:
    conference_id = (
        Session.objects.filter(pk=instance.session_id)
        .values_list("conference_id", flat=True)
        .first()
    )
    programme_changed(conference_ids={conference_id} if conference_id else set())


@receiver(post_save, sender=Room)
def _room_changed(sender, instance, **kwargs) -> None:
    # A room in use cannot be deleted (sessions protect it), so only saves matter.
    programme_changed(
        conference_ids=set(instance.sessions.values_list("conference_id", flat=True).distinct())
    )


@receiver([post_save, post_delete], sender=Host)
def _host_changed(sender, instance, **kwargs) -> None:
    programme_changed(conference_ids={instance.conference_id})


@receiver(post_save, sender=Venue)
def _venue_changed(sender, instance, **kwargs) -> None:
    # Its name and city appear in the API, the calendar LOCATION and the frab export.
    programme_changed(conference_ids=set(instance.conferences.values_list("pk", flat=True)))


@receiver(post_save, sender=Conference)
def _conference_changed(sender, instance, update_fields=None, **kwargs) -> None:
    # Title, dates, publication: all show on the programme. Our own stamp update uses
    # QuerySet.update, which sends no signal, so this cannot loop.
    Conference.objects.filter(pk=instance.pk).update(programme_changed_at=timezone.now())
    forget_conference_versions([instance.slug])
    prewarm_after_change({instance.pk})
