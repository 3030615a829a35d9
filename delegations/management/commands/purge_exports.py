"""Delete the admin's CSV exports (delegations/exports.py) older than --days days, files and
all.

An export is a copy of personal data made to be downloaded at once; kept until its
conference's retention is over (conference.retention, which deletes the rest), it would be
one more copy to lose. Run it daily: `manage.py purge_exports --days 7`.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from delegations.models import Export


class Command(BaseCommand):
    help = "Delete the admin's CSV exports asked for more than --days days ago, with their files."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=7, help="Keep this many days (7).")

    def handle(self, *args, days: int, **options) -> None:
        limit = timezone.now() - datetime.timedelta(days=days)
        # Their files go with them, on commit (task_documents.task_document_files_follow_rows).
        deleted, _by_model = Export.objects.filter(requested_at__lt=limit).delete()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {deleted} exports older than {days} days.")
