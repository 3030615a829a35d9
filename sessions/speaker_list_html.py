"""The speakers list as HTML, written in Python: 800 speakers with their bios through the
template engine (an include per speaker) took about 100 ms; see sessions/agenda_html.py."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from conference.languages import list_separator
from sessions.rows import SpeakerListRow


def speaker_list_html(speakers: list[SpeakerListRow], *, base: str = "") -> SafeString:
    """`<ul class="speaker-list">` of the speakers, each with affiliation and bio; links are
    relative to `base` (the speakers list's own address, seen from the page)."""
    separator = escape(list_separator())
    out = ['<ul class="speaker-list">']
    write = out.append
    for speaker in speakers:
        write(f'<li><a href="{base}{speaker.pk}/">{escape(speaker.display_name)}</a>')
        affiliation = separator.join(
            escape(part) for part in (speaker.title, speaker.organisation) if part
        )
        if affiliation:
            write(f' <span class="affiliation" dir="auto">{affiliation}</span>')
        if speaker.bio:
            paragraphs = "".join(
                f"<p>{escape(paragraph).replace(chr(10), '<br>')}</p>"
                for paragraph in speaker.bio.replace("\r\n", "\n").split("\n\n")
                if paragraph.strip()
            )
            write(f'<div class="bio" dir="auto">{paragraphs}</div>')
        write("</li>")
    write("</ul>")
    return mark_safe("".join(out))
