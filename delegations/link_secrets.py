"""Links that are secrets: an invitation link (/invitation/<token>/…) opens a delegation's
registration, an application's confirmation link (/<slug>/apply/confirm/<token>/) confirms it,
and its status link (/<slug>/apply/status/<token>/) shows how it went; an applicant's own
security data page (/<slug>/security-data/<token>/) opens their passport data. Their tokens
must not stay in logs or in stored e-mail that staff browse."""

import re

SECRET_LINK = re.compile(
    r"(/invitation/|/apply/confirm/|/apply/status/|/security-data/)[^/\s?#\"'<>]+"
)


def without_link_secrets(text: str) -> str:
    """`text` with the token of every secret link replaced by an ellipsis."""
    return SECRET_LINK.sub(r"\1…", text)
