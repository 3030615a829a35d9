"""Keep every session inside its conference's dates, in the conference's time zone.

A CHECK constraint cannot read another table, so two triggers hold the rule: one on
sessions as they are written, one on conferences whose dates or time zone change.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION programme_session_within_conference() RETURNS trigger AS $$
DECLARE
    first_instant timestamptz;
    last_instant timestamptz;
BEGIN
    SELECT c.start_date::timestamp AT TIME ZONE c.time_zone,
           (c.end_date + 1)::timestamp AT TIME ZONE c.time_zone
      INTO first_instant, last_instant
      FROM conference_conference c
     WHERE c.id = NEW.conference_id;
    IF NEW.starts_at < first_instant OR NEW.ends_at > last_instant THEN
        RAISE EXCEPTION 'session % lies outside its conference''s dates', NEW.id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'session_within_conference_dates';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER session_within_conference_dates
    BEFORE INSERT OR UPDATE OF starts_at, ends_at, conference_id ON programme_session
    FOR EACH ROW EXECUTE FUNCTION programme_session_within_conference();

CREATE FUNCTION conference_keeps_its_sessions() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM programme_session s
         WHERE s.conference_id = NEW.id
           AND (s.starts_at < NEW.start_date::timestamp AT TIME ZONE NEW.time_zone
                OR s.ends_at > (NEW.end_date + 1)::timestamp AT TIME ZONE NEW.time_zone)
    ) THEN
        RAISE EXCEPTION 'conference % would leave sessions outside its dates', NEW.id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'session_within_conference_dates';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER conference_keeps_its_sessions
    BEFORE UPDATE OF start_date, end_date, time_zone ON conference_conference
    FOR EACH ROW EXECUTE FUNCTION conference_keeps_its_sessions();
"""

BACKWARD = r"""
DROP TRIGGER conference_keeps_its_sessions ON conference_conference;
DROP FUNCTION conference_keeps_its_sessions();
DROP TRIGGER session_within_conference_dates ON programme_session;
DROP FUNCTION programme_session_within_conference();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("conference", "0001_initial"),
        ("programme", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
