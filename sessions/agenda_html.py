"""The agenda's time slots and session cards as HTML, written in Python.

Through the template engine each card cost about 40 variable lookups, 5 date formats, 4
`{% url %}` and 3 includes: 0.3 ms a card, 150 ms for the whole programme of 500 sessions.
Here each time is formatted once per slot, each speaker's link once per page, and the markup
is compact (about 0.7 kB a card, most of it the card's texts and links): the zone is named
once per day instead of on every card, the links are relative, the star buttons are added by
agenda.js from one <template> in the page instead of one form per card, and only the elements
the stylesheet or a script needs carry a class (`.when`, `.track`, `.languages`…; the kind and
the room are bare spans, the roles a bare <dl>, styled as `[data-stars] dl`).

Every text is escaped (`escape`); the result is marked safe for the page template.
"""

import datetime
from collections.abc import Iterable
from html import escape

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from conference import date_formats
from conference.languages import list_separator
from conference.models import Conference
from sessions.rows import SessionRow, SpeakerRow, TrackRow


class _Times:
    """Local times formatted once each: a slot's sessions share their start, a day's slots
    mostly share their ends."""

    def __init__(self, tz: datetime.tzinfo) -> None:
        self.tz = tz
        self.known: dict[datetime.datetime, tuple[str, str, str]] = {}

    def __call__(self, moment: datetime.datetime) -> tuple[str, str, str]:
        """(HH:MM, ISO 8601, zone abbreviation) in the conference's zone."""
        found = self.known.get(moment)
        if found is None:
            local = moment.astimezone(self.tz)
            found = self.known[moment] = (
                local.strftime("%H:%M"),
                local.isoformat(),
                local.tzname() or "",
            )
        return found


def agenda_html(
    agenda_days: Iterable,
    *,
    conference: Conference,
    preview: bool,
    filtered: bool,
    base: str = "../",
) -> SafeString:
    """The days of `selectors.agenda_for_days` as the agenda page shows them; links are
    relative to `base` (the conference's address, seen from the page)."""
    times = _Times(conference.tzinfo)
    speakers: dict[int, str] = {}
    tracks: dict[int, str] = {}
    track_colours: dict[int, str] = {}
    separator = escape(list_separator())
    languages = len(conference.languages) > 1
    unpublished = escape(_("Unpublished"))
    out: list[str] = []
    write = out.append
    for agenda_day in agenda_days:
        day = agenda_day.day.isoformat()
        write(f'<section class="agenda-day" aria-labelledby="day-{day}">')
        write(f'<h2 id="day-{day}">{escape(_day_heading(agenda_day.day))}</h2>')
        if not agenda_day.slots:
            message = (
                _("No session on this day matches the filters.")
                if filtered
                else _("No session is published for this day yet.")
            )
            write(f'<p class="empty">{escape(message)}</p></section>')
            continue
        zones = dict.fromkeys(times(slot.starts_at)[2] for slot in agenda_day.slots)
        write(f'<p class="zone">({escape(conference.time_zone)}, {escape(", ".join(zones))})</p>')
        for slot in agenda_day.slots:
            start, start_iso, _zone = times(slot.starts_at)
            parallel = " parallel" if len(slot.sessions) > 1 else ""
            write(
                f'<div class="slot"><p class="slot-time"><time datetime="{start_iso}">{start}'
                f'</time></p><div class="slot-sessions{parallel}">'
            )
            for session in slot.sessions:
                _card(
                    write,
                    session,
                    start=start,
                    end=times(session.ends_at)[0],
                    base=base,
                    speakers=speakers,
                    tracks=tracks,
                    track_colours=track_colours,
                    separator=separator,
                    languages=languages,
                    unpublished=unpublished if preview and not session.is_published else "",
                )
            write("</div></div>")
        write("</section>")
    if tracks:
        # Each track's swatch is drawn once, and every card showing the track uses it.
        symbols = "".join(
            f'<symbol id="track-{pk}" viewBox="0 0 12 12"><rect width="12" height="12" rx="2" '
            f'fill="{escape(colour)}"/></symbol>'
            for pk, colour in track_colours.items()
        )
        out.insert(0, f'<svg class="swatches" aria-hidden="true">{symbols}</svg>')
    return mark_safe("".join(out))


def _day_heading(day: datetime.date) -> str:
    # As the `day_heading` filter writes it.
    return date_format(day, date_formats.DAY)


def _card(
    write,
    session: SessionRow,
    *,
    start: str,
    end: str,
    base: str,
    speakers: dict[int, str],
    tracks: dict[int, str],
    track_colours: dict[int, str],
    separator: str,
    languages: bool,
    unpublished: str,
) -> None:
    pk = session.pk
    meta = [
        f'<span class="when" dir="ltr">{start}–{end}</span>',
        f"<span>{escape(session.kind_label)}</span>",
    ]
    if session.room:
        meta.append(f"<span>{escape(session.room.translated_name)}</span>")
    if session.track:
        meta.append(_track(session.track, tracks, track_colours))
    if languages:
        meta.append(f'<span class="languages">{escape(session.languages_label)}</span>')
    if session.is_restricted:
        # A closed session: who may attend, and never who speaks (its row has no roles).
        closed = _("Closed: %(who)s only") % {"who": session.restriction_label}
        meta.append(f'<span class="closed">{escape(closed)}</span>')
    if unpublished:
        meta.append(f'<span class="unpublished">{unpublished}</span>')
    write(
        f'<article class="session-card session-{session.kind}" id="session-{pk}">'
        f'<h3 class="session-title" dir="auto"><a href="{base}sessions/{pk}/">'
        f"{escape(session.translated_title)}</a></h3>"
        f'<p class="session-meta">{" ".join(meta)}</p>'
    )
    if session.role_groups and not session.is_restricted:
        write("<dl>")
        for group in session.role_groups:
            names = separator.join(_speaker(speaker, speakers, base) for speaker in group.speakers)
            write(f"<dt>{escape(group.label)}</dt><dd>{names}</dd>")
        write("</dl>")
    write("</article>")


def _speaker(speaker: SpeakerRow, known: dict[int, str], base: str) -> str:
    link = known.get(speaker.pk)
    if link is None:
        link = known[speaker.pk] = (
            f'<a href="{base}speakers/{speaker.pk}/">{escape(speaker.name_with_honorific)}</a>'
        )
    return link


def _track(track: TrackRow, known: dict[int, str], colours: dict[int, str]) -> str:
    html = known.get(track.pk)
    if html is None:
        colours[track.pk] = track.colour
        html = known[track.pk] = (
            f'<span class="track" dir="auto"><svg><use href="#track-{track.pk}"/></svg>'
            f"{escape(track.translated_name)}</span>"
        )
    return html
