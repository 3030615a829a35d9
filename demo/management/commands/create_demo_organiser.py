import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from conference.models import Conference, ConferenceRole, Role
from demo import DEV_SERVER_URL

USERNAME = "organiser"
CHECK_IN_USERNAME = "door"
# One staff account per role of docs/workspace.md, with that role in every demo conference
# loaded (the organiser, a superuser, needs none).
ROLE_ACCOUNTS = {
    "registration": Role.REGISTRATION_OFFICER,
    "programme": Role.PROGRAMME_EDITOR,
    "checkin": Role.CHECK_IN,
    "security": Role.SECURITY_OFFICER,
    "viewer": Role.VIEWER,
}


class Command(BaseCommand):
    help = (
        f"Create or update the demo's staff accounts with new random passwords and print how "
        f"to log in: “{USERNAME}”, a superuser, “{CHECK_IN_USERNAME}”, a door volunteer "
        "who may only check people in, and one account per role in each conference "
        "(docs/workspace.md). For development only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=DEV_SERVER_URL,
            help=f"where the site is served, for the printed links (default {DEV_SERVER_URL})",
        )

    @transaction.atomic
    def handle(self, *args, site_url: str, **options):
        site_url = site_url.rstrip("/")
        password = self._account(USERNAME, is_staff=True, is_superuser=True)
        self.stdout.write(
            f"\nOrganiser (everything): username {USERNAME}, password {password}\n"
            f"  Admin: {site_url}/en/admin/"
        )
        conferences = list(Conference.objects.all())
        password = self._account(CHECK_IN_USERNAME, is_staff=False, is_superuser=False)
        door = self._user(CHECK_IN_USERNAME)
        # The door of every demo conference, by a role in each: a volunteer has no other way.
        for conference in conferences:
            ConferenceRole.objects.update_or_create(
                conference=conference, user=door, defaults={"role": Role.CHECK_IN}
            )
        self.stdout.write(
            f"Door volunteer (check-in only): username {CHECK_IN_USERNAME}, password {password}\n"
            f"  Check-in: {site_url}/en/staff/"
        )
        for username, role in ROLE_ACCOUNTS.items():
            password = self._account(username, is_staff=True, is_superuser=False)
            user = self._user(username)
            for conference in conferences:
                ConferenceRole.objects.update_or_create(
                    conference=conference, user=user, defaults={"role": role}
                )
            self.stdout.write(
                f"{role.label.capitalize()} (a role in each demo conference): "
                f"username {username}, password {password}"
            )

    def _user(self, username: str):
        return get_user_model().objects.get(username=username)

    def _account(self, username: str, *, is_staff: bool, is_superuser: bool) -> str:
        """Create or update the account with a fresh password, which it returns."""
        password = secrets.token_urlsafe(16)
        user, _ = get_user_model().objects.update_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "is_staff": is_staff,
                "is_superuser": is_superuser,
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        return password
