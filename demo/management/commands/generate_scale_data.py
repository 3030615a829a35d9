import time

from django.core.management.base import BaseCommand, CommandError

from demo.scale import MAX_SESSIONS, SLUG, scale_conference_generate


class Command(BaseCommand):
    help = (
        f"Replace the synthetic benchmark conference (slug {SLUG}: 5 days, 12 rooms, 8 tracks) "
        "with a new one of the given size. All of its content is generated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delegations", type=int, default=200)
        parser.add_argument("--participants", type=int, default=20_000)
        parser.add_argument("--sessions", type=int, default=500, help=f"At most {MAX_SESSIONS}.")

    def handle(self, *args, delegations, participants, sessions, **options):
        started = time.monotonic()
        try:
            conference = scale_conference_generate(
                delegations=delegations, participants=participants, sessions=sessions
            )
        except ValueError as error:
            raise CommandError(error) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {conference.slug}: {delegations} delegations, {participants} "
                f"participants, {sessions} sessions in {time.monotonic() - started:.1f} s."
            )
        )
