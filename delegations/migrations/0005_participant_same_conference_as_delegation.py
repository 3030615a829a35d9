"""A participant's conference is always its delegation's conference.

Participant.conference is denormalised (the unique-e-mail constraint needs it); a composite
foreign key onto (delegation.id, delegation.conference_id) makes the database keep the copy
honest.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE delegations_delegation
    ADD CONSTRAINT delegation_id_conference_key UNIQUE (id, conference_id);
ALTER TABLE delegations_participant
    ADD CONSTRAINT participant_same_conference_as_delegation
    FOREIGN KEY (delegation_id, conference_id)
    REFERENCES delegations_delegation (id, conference_id)
    ON UPDATE CASCADE;
"""

BACKWARD = """
ALTER TABLE delegations_participant DROP CONSTRAINT participant_same_conference_as_delegation;
ALTER TABLE delegations_delegation DROP CONSTRAINT delegation_id_conference_key;
"""


class Migration(migrations.Migration):
    dependencies = [("delegations", "0004_participant_checked_in_at_lives_in_check_in")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
