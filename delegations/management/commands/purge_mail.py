"""Delete stored e-mail past its use: queued messages never sent and the send log.

Queued messages keep their whole text, invitation links included, until they are sent; one
still there after days will not be sent any more (its links have probably been replaced).
The log keeps no text (MAILER_EMAIL_LOG_MESSAGE_DATA is off) but says who got what and when.
Run it daily, beside runmailer_pg: `manage.py purge_mail --days 30`.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from mailer.models import Message, MessageLog


class Command(BaseCommand):
    help = "Delete queued e-mail and send-log entries older than --days days."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=30, help="Keep this many days (30).")

    def handle(self, *args, days: int, **options) -> None:
        limit = timezone.now() - datetime.timedelta(days=days)
        messages, _by_model = Message.objects.filter(when_added__lt=limit).delete()
        logs, _by_model = MessageLog.objects.filter(when_attempted__lt=limit).delete()
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {messages} queued messages and {logs} log entries older than {days} days."
            )
