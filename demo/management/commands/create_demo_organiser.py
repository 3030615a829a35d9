import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from demo import DEV_SERVER_URL

USERNAME = "organiser"
ADMIN_URL = f"{DEV_SERVER_URL}/en/admin/"


class Command(BaseCommand):
    help = (
        f"Create or update the staff superuser “{USERNAME}” for the demo with a new random "
        "password, and print how to log in. For development only."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        password = secrets.token_urlsafe(16)
        user, _ = get_user_model().objects.update_or_create(
            username=USERNAME,
            defaults={
                "email": "organiser@example.org",
                "is_staff": True,
                "is_superuser": True,
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        self.stdout.write(f"Username: {USERNAME}\nPassword: {password}\nAdmin: {ADMIN_URL}")
