import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.scale import COP, DAYS, ROOMS, SLUG, max_sessions, scale_conference_generate


class Command(BaseCommand):
    help = (
        f"Replace the synthetic benchmark conference (slug {SLUG}: by default {DAYS} days, "
        f"{ROOMS} rooms, 8 tracks) with a new one of the given size; --cop gives the size of a "
        "Conference of the Parties. All of its content is generated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delegations", type=int, default=200)
        parser.add_argument("--participants", type=int, default=20_000)
        parser.add_argument(
            "--sessions",
            type=int,
            default=500,
            help=f"At most days * rooms * 11 ({max_sessions()} by default).",
        )
        parser.add_argument("--days", type=int, default=DAYS)
        parser.add_argument("--rooms", type=int, default=ROOMS)
        parser.add_argument(
            "--cop",
            action="store_true",
            help=(
                f"{COP['participants']:,} participants in {COP['delegations']} delegations, "
                f"{COP['sessions']:,} sessions in {COP['rooms']} rooms over {COP['days']} days "
                "(overrides the sizes above)."
            ),
        )

    def handle(self, *args, cop, **options):
        sizes = {name: options[name] for name in COP}
        if cop:
            sizes = dict(COP)
        started = time.monotonic()
        try:
            conference = scale_conference_generate(**sizes)
        except ValueError as error:
            raise CommandError(error) from error
        # PostgreSQL plans from table statistics, which autovacuum gathers only a while after
        # a bulk load (and the embedded server runs only while a command or benchmark does).
        # Without them it planned for one row per table: the programme's roles took 9 ms to
        # read instead of 2, and benchmarks measured that.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {conference.slug}: {sizes['delegations']} delegations, "
                f"{sizes['participants']} participants, {sizes['sessions']} sessions in "
                f"{sizes['rooms']} rooms over {sizes['days']} days in "
                f"{time.monotonic() - started:.1f} s."
            )
        )
