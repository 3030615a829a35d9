"""Search across languages and accents (sessions/search.py).

- `unaccent` (a trusted extension in PostgreSQL 13 and later, like pg_trgm, which the first
  migration created) and one text search configuration per language: the language's own
  parser and stemmer with unaccent in front, so "médical" and "medical" give the same word.
  Chinese, and any language PostgreSQL has no stemmer for, get `plenary_simple` (unaccented,
  not stemmed). `plenary_search_configuration(code)` names the one for a language code.
- Each session's `search_document` (its titles and descriptions in every language of its
  conference, each read with its language's configuration; titles weigh more) and
  `search_text` (the same texts, lower-case and unaccented, for pg_trgm and substrings), kept
  by a trigger whenever the session is written and whenever its conference's languages change;
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

CREATE FUNCTION programme_session_search() RETURNS trigger AS $$
DECLARE
    conference_languages varchar(10)[];
    code varchar(10);
    configuration regconfig;
    title text;
    description text;
BEGIN
    SELECT c.languages INTO conference_languages
      FROM conference_conference c WHERE c.id = NEW.conference_id;
    NEW.search_document := ''::tsvector;
    NEW.search_text := '';
    FOREACH code IN ARRAY conference_languages LOOP
        configuration := plenary_search_configuration(code);
        IF code = conference_languages[1] THEN
            title := NEW.title;
            description := NEW.description;
        ELSE
            title := coalesce(NEW.title_translations ->> code, '');
            description := coalesce(NEW.description_translations ->> code, '');
        END IF;
        NEW.search_document := NEW.search_document
            || setweight(to_tsvector(configuration, title), 'A')
            || setweight(to_tsvector(configuration, description), 'B');
        NEW.search_text := NEW.search_text || ' ' || title || ' ' || description;
    END LOOP;
    NEW.search_text := unaccent(lower(NEW.search_text));
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER session_search
    BEFORE INSERT OR UPDATE ON programme_session
    FOR EACH ROW EXECUTE FUNCTION programme_session_search();

-- Its sessions' texts are read again in the conference's new languages (the update fires the
-- trigger above, and no other: they watch other columns).
CREATE FUNCTION conference_sessions_search() RETURNS trigger AS $$
BEGIN
    UPDATE programme_session SET search_document = NULL WHERE conference_id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER conference_sessions_search
    AFTER UPDATE OF languages ON conference_conference
    FOR EACH ROW WHEN (OLD.languages IS DISTINCT FROM NEW.languages)
    EXECUTE FUNCTION conference_sessions_search();

UPDATE programme_session SET search_document = NULL;
"""

SEARCH_BACKWARD = r"""
DROP TRIGGER conference_sessions_search ON conference_conference;
DROP FUNCTION conference_sessions_search();
DROP TRIGGER session_search ON programme_session;
DROP FUNCTION programme_session_search();
DROP FUNCTION plenary_search_configuration(text);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('conference', '0004_content_in_several_languages'),
        ('programme', '0005_session_languages_of_conference'),
    ]

    operations = [
        django.contrib.postgres.operations.UnaccentExtension(),
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.AddField(
            model_name='session',
            name='search_document',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='session',
            name='search_text',
            field=models.TextField(default='', editable=False),
        ),
        migrations.RunSQL(SEARCH_FORWARD, SEARCH_BACKWARD),
        migrations.AddIndex(
            model_name='session',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_document'], name='session_search_document_idx'),
        ),
        migrations.AddIndex(
            model_name='session',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(models.F('search_text'), name='gin_trgm_ops'), name='session_search_text_trgm_idx'),
        ),
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
    ]
