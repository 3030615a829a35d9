"""A session's page and the parts the session cards share (star, times, track, affiliation)
as HTML, written in Python, as sessions/agenda_html.py does for the agenda.

Through the template engine the session page's body was about 100 nodes, four includes and
four `{% url %}`: 0.6 ms, a quarter of the page's server time, where pretalx's takes 42 ms and
the aim is a tenth of that. The cards' templates (search, home page, personal agenda, speaker
page) use the same parts through the `session_parts` tags.

Every text is escaped (`escape`); translations are inserted as the templates' `{% translate %}`
did, unescaped, with their placeholders' values escaped. The results are marked safe.
"""

import datetime
from html import escape

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from conference import date_formats
from conference.languages import list_separator
from conference.models import Conference


def star(session) -> SafeString:
    """The button that adds the session to the visitor's own agenda (shown by agenda.js)."""
    label = _("Add “%(title)s” to my agenda") % {"title": escape(session.translated_title)}
    return mark_safe(
        f'<button type="button" class="star" data-session="{session.pk}" aria-pressed="false" '
        f'hidden><span class="star-icon" aria-hidden="true">☆</span> '
        f'<span class="visually-hidden">{label}</span></button>'
    )


def time_range(
    session, *, tz: datetime.tzinfo, zone_name: str, with_date: bool = False
) -> SafeString:
    """The session's times in `tz` (the conference's zone, named `zone_name`), with its day
    first when `with_date`."""
    starts, ends = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    day = ""
    if with_date:
        day = (
            f'<time datetime="{starts.date().isoformat()}">'
            f"{escape(date_format(starts, date_formats.DAY))}</time>{escape(list_separator())}"
        )
    # A range of times reads left to right in every language, Arabic too.
    return mark_safe(
        f'{day}<span class="time-range" dir="ltr"><time datetime="{starts.isoformat()}">'
        f'{starts:%H:%M}</time>–<time datetime="{ends.isoformat()}">{ends:%H:%M}</time></span> '
        f'<span class="zone">({escape(zone_name)}, {escape(starts.tzname() or "")})</span>'
    )


def track(track) -> SafeString:
    """The track's name after a swatch of its colour."""
    return mark_safe(
        '<span class="track"><svg class="swatch" width="12" height="12" viewBox="0 0 12 12" '
        'aria-hidden="true" focusable="false"><rect width="12" height="12" rx="2" '
        f'fill="{escape(track.colour)}"/></svg> '
        f'<span dir="auto">{escape(track.translated_name)}</span></span>'
    )


def affiliation(speaker) -> SafeString:
    """The speaker's title and organisation, those they have; empty without either."""
    parts = [escape(part) for part in (speaker.title, speaker.organisation) if part]
    if not parts:
        return mark_safe("")
    joined = escape(list_separator()).join(parts)
    return mark_safe(f'<span class="affiliation" dir="auto">{joined}</span>')


def session_detail_html(
    session, *, conference: Conference, preview: bool, webcal_url: str
) -> SafeString:
    """The session page's article: title, facts, description, speakers by role and the
    calendar links (a SessionRow from `selectors.session_get`, its labels filled)."""
    language = get_language()
    # The conference's address in this language: the speakers' and agenda's pages are under it.
    base = reverse("programme:conference", kwargs={"conference": conference.slug})
    title = escape(session.translated_title)
    out = [
        '<article class="session-detail"><header class="session-card-header">'
        f'<h1 dir="auto">{title}</h1>{star(session)}</header>'
    ]
    write = out.append
    if session.is_restricted:
        closed = _("Closed session: %(who)s only. Who attends and who speaks is not published.") % {
            "who": escape(session.restriction_label)
        }
        write(f'<p class="closed">{closed}</p>')
    if preview and not session.is_published:
        unpublished = _("Unpublished")
        write(f'<p class="unpublished">{unpublished}</p>')
    when = time_range(session, tz=conference.tzinfo, zone_name=conference.time_zone, with_date=True)
    facts = [(_("When"), when), (_("Kind"), escape(session.kind_label))]
    if session.room:
        facts.append((_("Room"), escape(session.room.translated_name)))
    if session.track:
        facts.append((_("Track"), track(session.track)))
    facts.append((_("Floor language"), escape(session.language_label)))
    if session.interpretation_labels:
        interpreted = escape(list_separator()).join(map(escape, session.interpretation_labels))
        facts.append((_("Interpretation into"), interpreted))
    write('<dl class="facts">')
    write("".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts))
    write("</dl>")
    if session.translated_description:
        description = linebreaks(session.translated_description, autoescape=True)
        write(f'<div class="description" dir="auto">{description}</div>')
    if session.role_groups:
        speakers = _("Speakers")
        write(f'<h2>{speakers}</h2><dl class="roles">')
        for group in session.role_groups:
            people = "".join(
                f'<li><a href="{base}speakers/{speaker.pk}/">'
                f"<bdi>{escape(speaker.name_with_honorific)}</bdi></a> {affiliation(speaker)}</li>"
                for speaker in group.speakers
            )
            write(
                f'<div class="role-group"><dt>{escape(group.label)}</dt>'
                f'<dd><ul class="people">{people}</ul></dd></div>'
            )
        write("</dl>")
    ics = reverse("feeds:session_ics", kwargs={"conference": conference.slug, "pk": session.pk})
    day = session.starts_at.astimezone(conference.tzinfo).date().isoformat()
    # Translated outside the f-strings: gettext's extraction does not look inside them.
    add, one, every = (
        _("Add to your calendar"),
        _("This session (.ics)"),
        _("Subscribe to the whole programme"),
    )
    back = _("Back to the agenda")
    write(
        f'<h2>{add}</h2><ul class="calendar-links">'
        f'<li><a href="{ics}?lang={language}" download>{one}</a></li>'
        f'<li><a href="{escape(webcal_url)}">{every}</a></li>'
        f'</ul><p><a href="{base}agenda/?day={day}#session-{session.pk}">'
        f"{back}</a></p></article>"
    )
    return mark_safe("".join(out))
