"""A made-up translation catalogue, to prove in a test that a string goes through gettext."""

import array
import struct
from pathlib import Path

MO_MAGIC = 0x950412DE
HEADER_SIZE = 7 * 4


def write_catalogue(*, locale_dir: Path, language: str, messages: dict[str, str]) -> None:
    """Write `messages` (msgid: msgstr; "context\\x04msgid" for pgettext) as a compiled .mo,
    the way msgfmt would, so a test needs no gettext tools installed."""
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(entry.encode() for entry in entries)
    values = [entries[key.decode()].encode() for key in keys]
    ids = strs = b""
    key_table, value_table = [], []
    for key, value in zip(keys, values, strict=True):
        key_table += [len(key), len(ids)]
        value_table += [len(value), len(strs)]
        ids += key + b"\0"
        strs += value + b"\0"
    ids_start = HEADER_SIZE + 16 * len(keys)
    strs_start = ids_start + len(ids)
    key_table[1::2] = [offset + ids_start for offset in key_table[1::2]]
    value_table[1::2] = [offset + strs_start for offset in value_table[1::2]]
    header = struct.pack(
        "Iiiiiii", MO_MAGIC, 0, len(keys), HEADER_SIZE, HEADER_SIZE + 8 * len(keys), 0, 0
    )
    path = locale_dir / language / "LC_MESSAGES" / "django.mo"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + array.array("i", key_table + value_table).tobytes() + ids + strs)
