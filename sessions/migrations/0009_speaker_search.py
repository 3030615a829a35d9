"""Speakers' search documents stored, as sessions' are (migration 0007): SpeakerSearch, one row
per speaker, written by triggers whenever the speaker is written and whenever its conference's
main language changes, with a GIN index. The search made every speaker's document in its
query (170 ms of SQL at a COP's 2,000 speakers).

The document is what sessions/search.py built in the query: the names as written (unaccented,
not stemmed) weigh A, the functional title and organisation B, the biography C, the latter
read with the conference's main language's configuration.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

SEARCH_FORWARD = r"""
-- The row goes with its speaker, whoever deletes it (Django declares no key: DO_NOTHING).
ALTER TABLE programme_speakersearch
    ADD CONSTRAINT speaker_search_of_a_speaker
    FOREIGN KEY (speaker_id) REFERENCES programme_speaker (id)
    ON DELETE CASCADE;

CREATE FUNCTION programme_speaker_search_document(speaker programme_speaker, main text)
RETURNS tsvector AS $$
    SELECT setweight(to_tsvector('plenary_simple',
                coalesce(speaker.given_name, '') || ' ' || coalesce(speaker.family_name, '')), 'A')
        || setweight(to_tsvector(plenary_search_configuration(main),
                coalesce(speaker.title, '') || ' ' || coalesce(speaker.organisation, '')), 'B')
        || setweight(to_tsvector(plenary_search_configuration(main),
                coalesce(speaker.bio, '')), 'C')
$$ LANGUAGE sql STABLE;

CREATE FUNCTION programme_speaker_search() RETURNS trigger AS $$
BEGIN
    INSERT INTO programme_speakersearch (speaker_id, document)
    SELECT NEW.id, programme_speaker_search_document(NEW, c.languages[1])
      FROM conference_conference c
     WHERE c.id = NEW.conference_id
    ON CONFLICT (speaker_id) DO UPDATE SET document = EXCLUDED.document;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER speaker_search
    AFTER INSERT OR UPDATE ON programme_speaker
    FOR EACH ROW EXECUTE FUNCTION programme_speaker_search();

-- A conference's speakers are read again in its new main language.
CREATE FUNCTION conference_speakers_search() RETURNS trigger AS $$
BEGIN
    UPDATE programme_speakersearch ss
       SET document = programme_speaker_search_document(s, NEW.languages[1])
      FROM programme_speaker s
     WHERE s.id = ss.speaker_id AND s.conference_id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER conference_speakers_search
    AFTER UPDATE OF languages ON conference_conference
    FOR EACH ROW WHEN (OLD.languages[1] IS DISTINCT FROM NEW.languages[1])
    EXECUTE FUNCTION conference_speakers_search();

INSERT INTO programme_speakersearch (speaker_id, document)
SELECT s.id, programme_speaker_search_document(s, c.languages[1])
  FROM programme_speaker s
  JOIN conference_conference c ON c.id = s.conference_id;
"""

SEARCH_BACKWARD = r"""
DROP TRIGGER conference_speakers_search ON conference_conference;
DROP FUNCTION conference_speakers_search();
DROP TRIGGER speaker_search ON programme_speaker;
DROP FUNCTION programme_speaker_search();
DROP FUNCTION programme_speaker_search_document(programme_speaker, text);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0008_session_restricted_to_some_participants'),
    ]

    operations = [
        migrations.CreateModel(
            name='SpeakerSearch',
            fields=[
                ('speaker', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='search', serialize=False, to='programme.speaker')),
                ('document', django.contrib.postgres.search.SearchVectorField(editable=False)),
            ],
            options={
                'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['document'], name='speaker_search_document_idx')],
            },
        ),
        migrations.RunSQL(SEARCH_FORWARD, SEARCH_BACKWARD),
    ]
