"""A submitted pledge is frozen: the database refuses any change to its content (only its
state, its duplicate link and the update time may change, and its contact be erased when the
conference's personal data is purged). And the standard capabilities of
peacekeeping pledging, with their names in the six languages, so a new install has them."""

from django.db import migrations

from pledges.capabilities import standard_capabilities_ensure

FREEZE = """
CREATE FUNCTION pledges_pledge_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state <> 'draft' AND (
        (
            NEW.delegation_id, NEW.capability_id, NEW.quantity, NEW.unit, NEW.deployable_from,
            NEW.caveats, NEW.may_be_announced, NEW.previous_id, NEW.created_at
        ) IS DISTINCT FROM (
            OLD.delegation_id, OLD.capability_id, OLD.quantity, OLD.unit, OLD.deployable_from,
            OLD.caveats, OLD.may_be_announced, OLD.previous_id, OLD.created_at
        )
        -- The contact may only be erased (retention, pledges/retention.py), never changed.
        OR (
            (NEW.contact_name, NEW.contact_email, NEW.contact_phone)
                IS DISTINCT FROM (OLD.contact_name, OLD.contact_email, OLD.contact_phone)
            AND (NEW.contact_name, NEW.contact_email, NEW.contact_phone) <> ('', '', '')
        )
    ) THEN
        RAISE EXCEPTION 'pledge % is submitted and cannot be changed; amend it as a new version',
            OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'pledge_frozen_once_submitted';
    END IF;
    IF OLD.state <> 'draft' AND NEW.state = 'draft' THEN
        RAISE EXCEPTION 'pledge % cannot go back to draft', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'pledge_frozen_once_submitted';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER pledges_pledge_frozen BEFORE UPDATE ON pledges_pledge
    FOR EACH ROW EXECUTE FUNCTION pledges_pledge_frozen();
"""
UNFREEZE = """
DROP TRIGGER pledges_pledge_frozen ON pledges_pledge;
DROP FUNCTION pledges_pledge_frozen();
"""

def capabilities_add(apps, schema_editor):
    standard_capabilities_ensure(apps.get_model("pledges", "Capability"))


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial")]

    operations = [
        migrations.RunSQL(FREEZE, UNFREEZE),
        migrations.RunPython(capabilities_add, migrations.RunPython.noop),
    ]
