"""A session's floor language and the languages it is interpreted into are the conference's.

Codes follow settings.LANGUAGES, so Chinese is `zh-hans` (it was `zh`). Languages that sessions
already use but their conference does not list are added to the conference's languages, after
the ones it has: the interpretation was real, so the conference does work in that language.
Then a trigger holds the rule for every session written; Session.clean() explains it first.
"""

import django.contrib.postgres.fields
from django.db import migrations, models

CODES_FORWARD = r"""
UPDATE programme_session SET language = 'zh-hans' WHERE language = 'zh';
UPDATE programme_session SET interpretation = array_replace(interpretation, 'zh', 'zh-hans')
 WHERE 'zh' = ANY(interpretation);
UPDATE conference_conference c
   SET languages = c.languages || ARRAY(
       SELECT DISTINCT used.code::varchar(10)
         FROM programme_session s, unnest(s.language || s.interpretation) AS used(code)
        WHERE s.conference_id = c.id AND NOT used.code = ANY(c.languages)
        ORDER BY 1)
 WHERE EXISTS (
       SELECT 1 FROM programme_session s, unnest(s.language || s.interpretation) AS used(code)
        WHERE s.conference_id = c.id AND NOT used.code = ANY(c.languages));
UPDATE programme_session SET interpretation = array_remove(interpretation, language)
 WHERE language = ANY(interpretation);
"""

CODES_BACKWARD = r"""
UPDATE programme_session SET language = 'zh' WHERE language = 'zh-hans';
UPDATE programme_session SET interpretation = array_replace(interpretation, 'zh-hans', 'zh')
 WHERE 'zh-hans' = ANY(interpretation);
"""

TRIGGER_FORWARD = r"""
CREATE FUNCTION programme_session_languages_of_conference() RETURNS trigger AS $$
DECLARE
    conference_languages varchar(10)[];
BEGIN
    SELECT c.languages INTO conference_languages
      FROM conference_conference c WHERE c.id = NEW.conference_id;
    IF NOT NEW.language = ANY(conference_languages)
       OR NOT NEW.interpretation <@ conference_languages
       OR NEW.language = ANY(NEW.interpretation) THEN
        RAISE EXCEPTION 'session %: its languages must be its conference''s, the floor language not among those interpreted into', NEW.id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'session_languages_of_conference';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER session_languages_of_conference
    BEFORE INSERT OR UPDATE OF language, interpretation, conference_id ON programme_session
    FOR EACH ROW EXECUTE FUNCTION programme_session_languages_of_conference();
"""

TRIGGER_BACKWARD = r"""
DROP TRIGGER session_languages_of_conference ON programme_session;
DROP FUNCTION programme_session_languages_of_conference();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('conference', '0004_content_in_several_languages'),
        ('programme', '0005_content_in_several_languages'),
    ]

    operations = [
        migrations.AlterField(
            model_name='session',
            name='interpretation',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=10), blank=True, default=list, help_text="The conference's other languages the session is interpreted into.", size=None, verbose_name='interpretation into'),
        ),
        migrations.AlterField(
            model_name='session',
            name='language',
            field=models.CharField(help_text="The language spoken on the floor, one of the conference's.", max_length=10, verbose_name='floor language'),
        ),
        migrations.RunSQL(CODES_FORWARD, CODES_BACKWARD),
        migrations.RunSQL(TRIGGER_FORWARD, TRIGGER_BACKWARD),
    ]
