from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.retention import (
    PurgeReport,
    conferences_due_for_purge,
    personal_data_purge,
    personal_data_report,
)


class Command(BaseCommand):
    help = _(
        "Remove personal data (photos, contact details, letters) of conferences whose "
        "retention period is over; keep what the official record needs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Say what would be removed and remove nothing."),
        )

    def handle(self, *args, dry_run: bool, **options) -> None:
        conferences = conferences_due_for_purge(today=timezone.localdate())
        if not conferences:
            self.stdout.write(_("No conference is past its retention period."))
        for conference in conferences:
            if dry_run:
                self.describe(personal_data_report(conference=conference), _("Would remove:"))
            else:
                self.describe(personal_data_purge(conference=conference), _("Removed:"))

    def describe(self, report: PurgeReport, verb: str) -> None:
        conference = report.conference
        heading = _("%(conference)s (last day %(end)s, kept %(days)s days)") % {
            "conference": conference,
            "end": conference.end_date.isoformat(),
            "days": conference.retention_days,
        }
        if report.is_empty:
            self.stdout.write(_("%(heading)s: nothing left to remove.") % {"heading": heading})
            return
        counts = _("; ").join(
            _("%(what)s: %(count)d") % {"what": item.label, "count": item.count}
            for item in report.held
        )
        self.stdout.write(f"{heading}. {verb} {counts}.")
