"""The global "Check-in staff" group becomes a check-in role in each conference.

Members of the group could use the door of every conference; a door volunteer should reach
only the conferences they work at (conference.roles, the check_in role). So that nobody loses
a door they use today, each member who is not a superuser gets the check-in role in every
conference that exists now, except where they already hold a role (one role per person and
conference: an organiser chose that one, and keeps it). The group is then deleted; it held
the check-in permission and nothing else (accreditation.checkin kept it so). Organisers remove
the roles of conferences a volunteer does not work at under Settings › Roles.

Going back leaves the roles: they are what the group allowed, and no longer more.
"""

from django.conf import settings
from django.db import migrations

CHECK_IN_GROUP = "Check-in staff"


def group_into_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Conference = apps.get_model("conference", "Conference")
    ConferenceRole = apps.get_model("conference", "ConferenceRole")
    group = Group.objects.filter(name=CHECK_IN_GROUP).first()
    if group is None:
        return
    conference_ids = list(Conference.objects.values_list("pk", flat=True))
    for user in User.objects.filter(groups=group, is_superuser=False):
        held = set(ConferenceRole.objects.filter(user=user).values_list("conference_id", flat=True))
        ConferenceRole.objects.bulk_create(
            ConferenceRole(conference_id=pk, user=user, role="check_in")
            for pk in conference_ids
            if pk not in held
        )
    group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accreditation", "0005_documents_made_by_tasks_share_one_model"),
        ("conference", "0006_conference_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(group_into_roles, migrations.RunPython.noop)]
