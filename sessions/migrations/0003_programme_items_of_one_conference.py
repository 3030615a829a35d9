"""A session's track, and the speaker of a session role, belong to the session's conference.

Track: a composite foreign key onto (track.id, track.conference_id). Session roles carry no
conference of their own, so a trigger compares the session's and the speaker's.
"""

from django.db import migrations

FORWARD = r"""
ALTER TABLE programme_track
    ADD CONSTRAINT track_id_conference_key UNIQUE (id, conference_id);
ALTER TABLE programme_session
    ADD CONSTRAINT session_track_of_same_conference
    FOREIGN KEY (track_id, conference_id)
    REFERENCES programme_track (id, conference_id);

CREATE FUNCTION programme_role_of_same_conference() RETURNS trigger AS $$
BEGIN
    IF (SELECT conference_id FROM programme_session WHERE id = NEW.session_id)
       IS DISTINCT FROM
       (SELECT conference_id FROM programme_speaker WHERE id = NEW.speaker_id) THEN
        RAISE EXCEPTION 'session_role_of_same_conference: the speaker belongs to another conference'
            USING ERRCODE = 'foreign_key_violation',
                  CONSTRAINT = 'session_role_of_same_conference';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER session_role_of_same_conference
    BEFORE INSERT OR UPDATE OF session_id, speaker_id ON programme_sessionrole
    FOR EACH ROW EXECUTE FUNCTION programme_role_of_same_conference();
"""

BACKWARD = r"""
DROP TRIGGER session_role_of_same_conference ON programme_sessionrole;
DROP FUNCTION programme_role_of_same_conference();
ALTER TABLE programme_session DROP CONSTRAINT session_track_of_same_conference;
ALTER TABLE programme_track DROP CONSTRAINT track_id_conference_key;
"""


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_session_within_conference_dates")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
