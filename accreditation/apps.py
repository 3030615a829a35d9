from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("Accreditation and check-in")

    def ready(self) -> None:
        from accreditation import retention, signals  # noqa: F401  (connect their receivers)
        from accreditation.checkin import check_in_group_ensure

        # After every migrate (and every test-database flush) the group is there and right.
        post_migrate.connect(check_in_group_ensure, sender=self)
