import argparse
import time

from django.core.management.base import BaseCommand, DjangoHelpFormatter

from conference.local_time import local_time
from demo import DEV_SERVER_URL
from demo.invitations import demo_portal_paths
from demo.reference_meeting import SOURCE_NOTE, reference_meeting_load
from registration.services import registration_closed_message


class SourceNoteFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Keeps the help's paragraphs as written."""


class Command(BaseCommand):
    help = (
        "Create or update the demo conference, the UN Peacekeeping Ministerial Preparatory\n"
        "Meeting (slug peacekeeping-prep-2023). Safe to run again: it leaves the same rows.\n"
        "Prints the focal-point portal links of the delegations it invites.\n\n" + SOURCE_NOTE
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(
            prog_name, subcommand, formatter_class=SourceNoteFormatter, **kwargs
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        conference = reference_meeting_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded “{conference.title}” ({conference.slug}): "
                f"{conference.delegations.count()} delegations, "
                f"{conference.participants.count()} participants, "
                f"{conference.sessions.count()} sessions "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
        paths = demo_portal_paths(conference=conference)
        for delegation, path in paths:
            self.stdout.write(f"Focal point portal for {delegation.name}: {DEV_SERVER_URL}{path}")
        closed = registration_closed_message(conference=conference, by_focal_point=True)
        invitation = paths[0][0].invitation if paths else None
        if invitation and invitation.is_expired():
            when = local_time(invitation.expires_at, conference.tzinfo)
            closed = f"{closed} The links expired on {when}, after the meeting, and are refused."
        elif closed:
            closed = f"{closed} The portal shows each delegation read-only."
        if closed:
            self.stdout.write(
                f"{closed} To try the portal, reopen registration in the admin: see “Trying the "
                "portal with the demo” in docs/registration.md."
            )
