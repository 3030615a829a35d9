"""The agenda's time slots and session cards as HTML, written in Python.

Through the template engine each card cost about 40 variable lookups, 5 date formats, 4
`{% url %}` and 3 includes: 0.3 ms a card, 150 ms for the whole programme of 500 sessions.
Here each time is formatted once per slot, each speaker's link once per page.

The markup is compact, since the whole programme is 500 cards (373 kB before, about 0.5 kB a
card now, most of it the card's texts and links): the zone, and the languages when every
session of the day shares them, are named once per day; a slot's heading gives its times when
its sessions end together; the links are relative; the star buttons are added by agenda.js
from one <template> in the page; a card is a list item with no class (only a break has one),
its kind and room bare spans, its roles a bare <dl> (styled as `[data-stars] dl`); and the
end tags HTML makes optional inside a card (`</li>`, `</p>`, `</dt>`, `</dd>`) are left out:
the parser closes them where the next item starts, so `</dl>` must stay.

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
from sessions.models import SessionKind
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
    # The kinds' and rooms' labels, translated and escaped once per page, not per card.
    card_labels: dict[str | int, str] = {}
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
        # Named once under the day's heading when every session of the day shares them (the
        # usual case: one floor language and the same interpretation all day), else per card.
        day_languages = ""
        if languages:
            labels = {s.languages_label for slot in agenda_day.slots for s in slot.sessions}
            if len(labels) == 1:
                day_languages = labels.pop()
                named = _("Languages of every session this day: %(languages)s") % {
                    "languages": day_languages
                }
                write(f'<p class="day-languages">{escape(named)}</p>')
        for slot in agenda_day.slots:
            start, start_iso, _zone = times(slot.starts_at)
            ends = {times(session.ends_at)[0] for session in slot.sessions}
            # The slot's heading gives its times; when its sessions end at different times,
            # each card gives its own.
            shared_end = ends.pop() if len(ends) == 1 else ""
            heading = f'<time datetime="{start_iso}">{start}</time>'
            if shared_end:
                heading = f'<span dir="ltr">{heading}–{shared_end}</span>'
            parallel = " parallel" if len(slot.sessions) > 1 else ""
            write(
                f'<div class="slot"><h3 class="slot-time">{heading}</h3>'
                f'<ul class="slot-sessions{parallel}">'
            )
            for session in slot.sessions:
                _card(
                    write,
                    session,
                    when="" if shared_end else f"{start}–{times(session.ends_at)[0]}",
                    base=base,
                    speakers=speakers,
                    card_labels=card_labels,
                    tracks=tracks,
                    track_colours=track_colours,
                    separator=separator,
                    languages=languages and not day_languages,
                    unpublished=unpublished if preview and not session.is_published else "",
                )
            write("</ul></div>")
        write("</section>")
    if tracks:
        # Each track's swatch is drawn once, and every card showing the track uses it.
        symbols = "".join(
            f'<symbol id="t{pk}" viewBox="0 0 12 12"><rect width="12" height="12" rx="2" '
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
    when: str,
    base: str,
    speakers: dict[int, str],
    card_labels: dict[str | int, str],
    tracks: dict[int, str],
    track_colours: dict[int, str],
    separator: str,
    languages: bool,
    unpublished: str,
) -> None:
    pk = session.pk
    meta = [f'<span class="when">{when}</span>'] if when else []
    meta.append(
        card_labels.get(session.kind)
        or card_labels.setdefault(session.kind, f"<span>{escape(session.kind_label)}</span>")
    )
    if session.room:
        meta.append(
            card_labels.get(session.room.pk)
            or card_labels.setdefault(
                session.room.pk, f"<span>{escape(session.room.translated_name)}</span>"
            )
        )
    if session.track:
        meta.append(_track(session.track, tracks, track_colours))
    if languages:
        meta.append(f"<span>{escape(session.languages_label)}</span>")
    if session.is_restricted:
        # A closed session: who may attend, and never who speaks (its row has no roles).
        closed = _("Closed: %(who)s only") % {"who": session.restriction_label}
        meta.append(f'<span class="closed">{escape(closed)}</span>')
    if unpublished:
        meta.append(f'<span class="unpublished">{unpublished}</span>')
    # Only a break has a look of its own (`.session-break`); the other kinds need no class.
    kind = ' class="session-break"' if session.kind == SessionKind.BREAK else ""
    write(
        f'<li id="session-{pk}"{kind}><h4 dir="auto"><a href="{base}sessions/{pk}/">'
        f"{escape(session.translated_title)}</a></h4><p>{' '.join(meta)}"
    )
    if session.role_groups and not session.is_restricted:
        write("<dl>")
        for group in session.role_groups:
            names = separator.join(_speaker(speaker, speakers, base) for speaker in group.speakers)
            write(f"<dt>{escape(group.label)}<dd>{names}")
        write("</dl>")


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
            f'<bdi><svg><use href="#t{track.pk}"/></svg>{escape(track.translated_name)}</bdi>'
        )
    return html
