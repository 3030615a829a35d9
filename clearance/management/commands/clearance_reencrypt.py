from django.core.management.base import BaseCommand
from django.db import transaction

from clearance.models import SecurityRecord
from clearance.services import EMPTY_DATA


class Command(BaseCommand):
    help = (
        "Encrypt every person's security data again with the first key of "
        "CLEARANCE_ENCRYPTION_KEYS, the step of a key rotation before the old key is removed "
        "(docs/security.md)."
    )

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            # Each value is read with whichever key decrypts it and written with the first.
            for record in SecurityRecord.objects.select_for_update().iterator(chunk_size=500):
                record.save(update_fields=list(EMPTY_DATA))
                count += 1
        self.stdout.write(f"Encrypted again: {count} records.")
