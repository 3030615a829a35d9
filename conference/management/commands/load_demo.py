import argparse
import time

from django.core.management.base import BaseCommand, DjangoHelpFormatter

from conference.demo.reference_meeting import SOURCE_NOTE, reference_meeting_load


class SourceNoteFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Keeps the help's paragraphs as written."""


class Command(BaseCommand):
    help = (
        "Create or update the demo conference, the UN Peacekeeping Ministerial Preparatory\n"
        "Meeting (slug peacekeeping-prep-2023). Safe to run again: it leaves the same rows.\n\n"
        + SOURCE_NOTE
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
