from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "delegations"
    verbose_name = _("Delegations and participants")

    def ready(self) -> None:
        from delegations import signals  # noqa: F401  (connects the receivers)
        from delegations.checkin import check_in_group_ensure

        # After every migrate (and every test-database flush) the group is there and right.
        post_migrate.connect(check_in_group_ensure, sender=self)
