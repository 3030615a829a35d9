import argparse
import time

from django.core.management.base import BaseCommand, DjangoHelpFormatter
from django.urls import reverse
from django.utils import translation

from conference.local_time import local_time
from conference.models import Conference
from demo import DEV_SERVER_URL
from demo.clearance import ministerial_clearance_load
from demo.invitations import demo_portal_paths
from demo.ministerial import ministerial_load
from demo.pledges import ministerial_register_load
from demo.reference_meeting import SOURCE_NOTE, reference_meeting_load
from registration.services import registration_closed_message


class SourceNoteFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Keeps the help's paragraphs as written."""


class Command(BaseCommand):
    help = (
        "Create or update the demo conferences: the UN Peacekeeping Ministerial Preparatory\n"
        "Meeting of 2023 (slug peacekeeping-prep-2023) and the upcoming Ministerial it prepared\n"
        "(slug peacekeeping-ministerial, dated from today, registration open). Safe to run\n"
        "again: it leaves the same rows. Prints the links to try: the focal points' portals,\n"
        "the application form and the public pages.\n\n" + SOURCE_NOTE
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(
            prog_name, subcommand, formatter_class=SourceNoteFormatter, **kwargs
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=DEV_SERVER_URL,
            help=f"where the site is served, for the printed links (default {DEV_SERVER_URL})",
        )

    def handle(self, *args, site_url: str, **options):
        site_url = site_url.rstrip("/")
        started = time.monotonic()
        reference = reference_meeting_load()
        self._loaded(reference, started)
        started = time.monotonic()
        ministerial = ministerial_load()
        ministerial_register_load(conference=ministerial)
        ministerial_clearance_load(conference=ministerial)
        self._loaded(ministerial, started)
        with translation.override("en"):
            self._links(reference, site_url)
            self._links(ministerial, site_url)

    def _loaded(self, conference: Conference, started: float) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded “{conference.title}” ({conference.slug}): "
                f"{conference.delegations.count()} delegations, "
                f"{conference.participants.count()} participants, "
                f"{conference.sessions.count()} sessions "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def _links(self, conference: Conference, site_url: str) -> None:
        slug = {"conference": conference.slug}
        self.stdout.write(f"\n{conference.title} ({conference.slug}):")
        self.stdout.write(
            f"  Public pages: {site_url}{reverse('programme:conference', kwargs=slug)}"
        )
        paths = demo_portal_paths(conference=conference)
        for delegation, path in paths:
            self.stdout.write(f"  Focal point portal for {delegation.name}: {site_url}{path}")
        closed = registration_closed_message(conference=conference, by_focal_point=True)
        invitation = paths[0][0].invitation if paths else None
        if invitation and invitation.is_expired():
            when = local_time(invitation.expires_at, conference.tzinfo)
            closed = f"{closed} The links expired on {when}, after the meeting, and are refused."
        elif closed:
            closed = f"{closed} The portal shows each delegation read-only."
        if closed:
            self.stdout.write(
                f"  {closed} To try the portal, reopen registration in the admin: see “Trying "
                "the portal with the demo” in docs/registration.md."
            )
        elif conference.accepts_individual_applications:
            apply = reverse("registration:apply", kwargs=slug)
            self.stdout.write(f"  Application form (experts, observers, media): {site_url}{apply}")
