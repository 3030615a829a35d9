"""Search across languages and accents (sessions/search.py).

`unaccent` (a trusted extension in PostgreSQL 13 and later, like pg_trgm, which the first
migration created) and one text search configuration per language: the language's own parser
and stemmer with unaccent in front, so "médical" and "medical" give the same word. Chinese,
and any language PostgreSQL has no stemmer for, get `plenary_simple` (unaccented, not stemmed).
And the organisers' synonyms and acronyms.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.operations
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


class Migration(migrations.Migration):

    dependencies = [
        ('conference', '0004_content_in_several_languages'),
        ('programme', '0005_session_languages_of_conference'),
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
    ]
