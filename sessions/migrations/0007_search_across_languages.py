"""Search across languages and accents (sessions/search.py).

- `unaccent` (a trusted extension in PostgreSQL 13 and later, like pg_trgm, which the first
  migration created) and one text search configuration per language: the language's own
  parser and stemmer with unaccent in front, so "médical" and "medical" give the same word.
  Chinese, and any language PostgreSQL has no stemmer for, get `plenary_simple` (unaccented,
  not stemmed). `plenary_search_configuration(code)` names the one for a language code.
- SessionSearch, one row per session: its `document` (its titles and descriptions in every
  language of its conference, each read with its language's configuration; titles weigh more)
  and `text` (the same texts, lower-case and unaccented, for pg_trgm and substrings), written
  by triggers whenever the session is written and whenever its conference's languages change;
  GIN indexes on both.
- The organisers' synonyms and acronyms.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.operations
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# (configuration, the built-in one it copies, its stemmer dictionary)
CONFIGURATIONS = [
    ("plenary_arabic", "arabic", "arabic_stem"),
    ("plenary_english", "english", "english_stem"),
    ("plenary_french", "french", "french_stem"),
    ("plenary_russian", "russian", "russian_stem"),
    ("plenary_spanish", "spanish", "spanish_stem"),
    ("plenary_simple", "simple", "simple"),
]

FORWARD = "\n".join(
    f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source});\n"
    f"ALTER TEXT SEARCH CONFIGURATION {name}\n"
    f"    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer};"
    for name, source, stemmer in CONFIGURATIONS
)
BACKWARD = "\n".join(
    f"DROP TEXT SEARCH CONFIGURATION {name};" for name, _source, _stemmer in CONFIGURATIONS
)

SEARCH_FORWARD = r"""
-- The row goes with its session, whoever deletes it (Django declares no key: DO_NOTHING).
ALTER TABLE programme_sessionsearch
    ADD CONSTRAINT session_search_of_a_session
    FOREIGN KEY (session_id) REFERENCES programme_session (id)
    ON DELETE CASCADE;

CREATE FUNCTION plenary_search_configuration(code text) RETURNS regconfig AS $$
    SELECT (CASE code
        WHEN 'ar' THEN 'plenary_arabic'
        WHEN 'en' THEN 'plenary_english'
        WHEN 'es' THEN 'plenary_spanish'
        WHEN 'fr' THEN 'plenary_french'
        WHEN 'ru' THEN 'plenary_russian'
        ELSE 'plenary_simple'
    END)::regconfig
$$ LANGUAGE sql STABLE;

-- A session's texts in each of `languages` (the first its plain columns', the others its
-- translations'), as a document and as one lower-case unaccented text.
CREATE FUNCTION programme_session_search_texts(
    session programme_session,
    languages varchar(10)[],
    OUT search_document tsvector,
    OUT search_text text
) AS $$
DECLARE
    code varchar(10);
    configuration regconfig;
    title text;
    description text;
BEGIN
    search_document := ''::tsvector;
    search_text := '';
    FOREACH code IN ARRAY languages LOOP
        configuration := plenary_search_configuration(code);
        IF code = languages[1] THEN
            title := session.title;
            description := session.description;
        ELSE
            title := coalesce(session.title_translations ->> code, '');
            description := coalesce(session.description_translations ->> code, '');
        END IF;
        search_document := search_document
            || setweight(to_tsvector(configuration, title), 'A')
            || setweight(to_tsvector(configuration, description), 'B');
        search_text := search_text || ' ' || title || ' ' || description;
    END LOOP;
    search_text := unaccent(lower(search_text));
END;
$$ LANGUAGE plpgsql STABLE;

CREATE FUNCTION programme_session_search() RETURNS trigger AS $$
BEGIN
    INSERT INTO programme_sessionsearch (session_id, document, text)
    SELECT NEW.id, texts.search_document, texts.search_text
      FROM conference_conference c, programme_session_search_texts(NEW, c.languages) texts
     WHERE c.id = NEW.conference_id
    ON CONFLICT (session_id) DO UPDATE SET document = EXCLUDED.document, text = EXCLUDED.text;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER session_search
    AFTER INSERT OR UPDATE ON programme_session
    FOR EACH ROW EXECUTE FUNCTION programme_session_search();

-- A conference's sessions are read again in its new languages.
CREATE FUNCTION conference_sessions_search() RETURNS trigger AS $$
BEGIN
    INSERT INTO programme_sessionsearch (session_id, document, text)
    SELECT s.id, texts.search_document, texts.search_text
      FROM programme_session s, programme_session_search_texts(s, NEW.languages) texts
     WHERE s.conference_id = NEW.id
    ON CONFLICT (session_id) DO UPDATE SET document = EXCLUDED.document, text = EXCLUDED.text;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER conference_sessions_search
    AFTER UPDATE OF languages ON conference_conference
    FOR EACH ROW WHEN (OLD.languages IS DISTINCT FROM NEW.languages)
    EXECUTE FUNCTION conference_sessions_search();

INSERT INTO programme_sessionsearch (session_id, document, text)
SELECT s.id, texts.search_document, texts.search_text
  FROM programme_session s
  JOIN conference_conference c ON c.id = s.conference_id,
  LATERAL programme_session_search_texts(s, c.languages) texts;
"""

SEARCH_BACKWARD = r"""
DROP TRIGGER conference_sessions_search ON conference_conference;
DROP FUNCTION conference_sessions_search();
DROP TRIGGER session_search ON programme_session;
DROP FUNCTION programme_session_search();
DROP FUNCTION programme_session_search_texts(programme_session, varchar(10)[]);
DROP FUNCTION plenary_search_configuration(text);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('conference', '0004_content_in_several_languages'),
        ('programme', '0006_session_languages_of_conference'),
    ]

    operations = [
        django.contrib.postgres.operations.UnaccentExtension(),
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.CreateModel(
            name='SearchSynonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('terms', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=100), help_text="Two or more that mean the same, comma-separated, in any of the conference's languages: e.g. IED, improvised explosive device, engin explosif improvisé.", size=None, verbose_name='words and phrases')),
                ('conference', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='search_synonyms', to='conference.conference', verbose_name='conference')),
            ],
            options={
                'verbose_name': 'search synonym',
                'verbose_name_plural': 'search synonyms',
                'ordering': ['conference', 'terms'],
                'constraints': [models.CheckConstraint(condition=models.Q(('terms__len__gte', 2)), name='search_synonym_has_two_terms', violation_error_message='Give at least two words or phrases.')],
            },
        ),
        migrations.CreateModel(
            name='SessionSearch',
            fields=[
                ('session', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='search', serialize=False, to='programme.session')),
                ('document', django.contrib.postgres.search.SearchVectorField(editable=False)),
                ('text', models.TextField(editable=False)),
            ],
            options={
                'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['document'], name='session_search_document_idx'), django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(models.F('text'), name='gin_trgm_ops'), name='session_search_text_idx')],
            },
        ),
        migrations.RunSQL(SEARCH_FORWARD, SEARCH_BACKWARD),
    ]
