"""Applications moved to the registration app; check-ins and badge colours to accreditation.

Their tables are renamed to the new apps' names here, with every row in them; the new apps'
first migrations take the models over in Django's state (registration 0001, accreditation 0001).
"""

from django.db import migrations

MOVED = {
    "application": "registration_application",
    "checkin": "accreditation_checkin",
    "categorycolour": "accreditation_categorycolour",
}


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0007_host_institution_last_in_protocol_order"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=model, table=table)
                for model, table in MOVED.items()
            ],
            state_operations=[migrations.DeleteModel(name=model) for model in MOVED],
        ),
    ]
