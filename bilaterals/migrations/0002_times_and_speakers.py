"""Rules that need other rows, kept by triggers.

- A slot lies within its conference's dates, in the conference's time zone (as sessions do).
- The time of a meeting is copied onto its parties and attendees (NULL unless accepted), so
  that the exclusion constraints on those tables keep a delegation and a person in one
  meeting at a time.
- An attendee never meets while speaking on the programme (checked when the meeting's time or
  its attendees are written; a session moved later is the organisers' grid to check).
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION bilaterals_slot_within_conference() RETURNS trigger AS $$
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
        RAISE EXCEPTION 'bilateral slot lies outside its conference''s dates'
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'bilateral_slot_within_conference_dates';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER bilateral_slot_within_conference_dates
    BEFORE INSERT OR UPDATE OF starts_at, ends_at, conference_id ON bilaterals_bilateralslot
    FOR EACH ROW EXECUTE FUNCTION bilaterals_slot_within_conference();

CREATE FUNCTION bilaterals_attendee_not_speaking() RETURNS trigger AS $$
BEGIN
    IF NEW.starts_at IS NOT NULL AND EXISTS (
        SELECT 1
          FROM programme_speaker sp
          JOIN programme_sessionrole r ON r.speaker_id = sp.id
          JOIN programme_session s ON s.id = r.session_id
         WHERE sp.participant_id = NEW.participant_id
           AND tstzrange(s.starts_at, s.ends_at) && tstzrange(NEW.starts_at, NEW.ends_at)
    ) THEN
        RAISE EXCEPTION 'participant % speaks on the programme at that time', NEW.participant_id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'bilateral_attendee_not_speaking';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION bilaterals_member_takes_meeting_time() RETURNS trigger AS $$
BEGIN
    SELECT b.starts_at, b.ends_at INTO NEW.starts_at, NEW.ends_at
      FROM bilaterals_bilateral b WHERE b.id = NEW.bilateral_id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER bilateral_party_takes_meeting_time
    BEFORE INSERT OR UPDATE ON bilaterals_bilateralparty
    FOR EACH ROW EXECUTE FUNCTION bilaterals_member_takes_meeting_time();

CREATE TRIGGER bilateral_attendee_takes_meeting_time
    BEFORE INSERT OR UPDATE ON bilaterals_bilateralattendee
    FOR EACH ROW EXECUTE FUNCTION bilaterals_member_takes_meeting_time();

-- Named to run after the copy above (triggers fire in name order).
CREATE TRIGGER bilateral_attendee_z_not_speaking
    BEFORE INSERT OR UPDATE ON bilaterals_bilateralattendee
    FOR EACH ROW EXECUTE FUNCTION bilaterals_attendee_not_speaking();

CREATE FUNCTION bilaterals_meeting_time_to_members() RETURNS trigger AS $$
BEGIN
    UPDATE bilaterals_bilateralparty SET starts_at = NEW.starts_at, ends_at = NEW.ends_at
     WHERE bilateral_id = NEW.id;
    UPDATE bilaterals_bilateralattendee SET starts_at = NEW.starts_at, ends_at = NEW.ends_at
     WHERE bilateral_id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER bilateral_time_to_members
    AFTER UPDATE OF starts_at, ends_at ON bilaterals_bilateral
    FOR EACH ROW
    WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.ends_at IS DISTINCT FROM NEW.ends_at)
    EXECUTE FUNCTION bilaterals_meeting_time_to_members();
"""

BACKWARD = r"""
DROP TRIGGER bilateral_time_to_members ON bilaterals_bilateral;
DROP FUNCTION bilaterals_meeting_time_to_members();
DROP TRIGGER bilateral_attendee_z_not_speaking ON bilaterals_bilateralattendee;
DROP TRIGGER bilateral_attendee_takes_meeting_time ON bilaterals_bilateralattendee;
DROP TRIGGER bilateral_party_takes_meeting_time ON bilaterals_bilateralparty;
DROP FUNCTION bilaterals_member_takes_meeting_time();
DROP FUNCTION bilaterals_attendee_not_speaking();
DROP TRIGGER bilateral_slot_within_conference_dates ON bilaterals_bilateralslot;
DROP FUNCTION bilaterals_slot_within_conference();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("bilaterals", "0001_initial"),
        ("programme", "0007_search_across_languages"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
