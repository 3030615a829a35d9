"""Links that are secrets: an invitation link (/invitation/<token>/…) opens a delegation's
registration, and an application's confirmation link (/<slug>/apply/confirm/<token>/)
confirms it. Their tokens must not stay in logs or in stored e-mail that staff browse."""

import re

SECRET_LINK = re.compile(r"(/invitation/|/apply/confirm/)[^/\s?#\"'<>]+")


def without_link_secrets(text: str) -> str:
    """`text` with the token of every secret link replaced by an ellipsis."""
    return SECRET_LINK.sub(r"\1…", text)
