import time

from django.core.management.base import BaseCommand, CommandError

from conference.demo.scale import MAX_SESSIONS, SLUG, scale_conference_generate


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
        if delegations < 1 or participants < delegations or not 0 <= sessions <= MAX_SESSIONS:
            raise CommandError(
                f"Give at least one delegation, at least as many participants as delegations "
                f"and at most {MAX_SESSIONS} sessions."
            )
        started = time.monotonic()
        conference = scale_conference_generate(
            delegations=delegations, participants=participants, sessions=sessions
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {conference.slug}: {delegations} delegations, {participants} "
                f"participants, {sessions} sessions in {time.monotonic() - started:.1f} s."
            )
        )
