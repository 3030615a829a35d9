"""Titles and descriptions of sessions and tracks in the conference's other languages."""

import conference.translations
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('conference', '0004_content_in_several_languages'),
        ('programme', '0004_speaker_names_as_their_owners_write_them'),
    ]

    operations = [
        migrations.AddField(
            model_name='session',
            name='description_translations',
            field=conference.translations.TranslationsField(blank=True, default=dict, multiline=True, verbose_name='description in other languages'),
        ),
        migrations.AddField(
            model_name='session',
            name='title_translations',
            field=conference.translations.TranslationsField(blank=True, default=dict, max_length=300, verbose_name='title in other languages'),
        ),
        migrations.AddField(
            model_name='track',
            name='description_translations',
            field=conference.translations.TranslationsField(blank=True, default=dict, multiline=True, verbose_name='description in other languages'),
        ),
        migrations.AddField(
            model_name='track',
            name='name_translations',
            field=conference.translations.TranslationsField(blank=True, default=dict, max_length=200, verbose_name='name in other languages'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=conference.translations.TranslationsAreTexts(models.F('title_translations')), name='session_title_translations_are_texts', violation_error_message='Translations must be texts, one per language.'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=conference.translations.TranslationsAreTexts(models.F('description_translations')), name='session_description_translations_are_texts', violation_error_message='Translations must be texts, one per language.'),
        ),
        migrations.AddConstraint(
            model_name='track',
            constraint=models.CheckConstraint(condition=conference.translations.TranslationsAreTexts(models.F('name_translations')), name='track_name_translations_are_texts', violation_error_message='Translations must be texts, one per language.'),
        ),
        migrations.AddConstraint(
            model_name='track',
            constraint=models.CheckConstraint(condition=conference.translations.TranslationsAreTexts(models.F('description_translations')), name='track_description_translations_are_texts', violation_error_message='Translations must be texts, one per language.'),
        ),
    ]
