"""Links that are secrets: an invitation link (/invitation/<token>/…) opens a delegation's
registration, an application's confirmation link (/<slug>/apply/confirm/<token>/) confirms it,
and its status link (/<slug>/apply/status/<token>/) shows how it went; an applicant's own
security data page (/<slug>/security-data/<token>/) opens their passport data, and their visa
letter page (/visa-letter/<token>/) their request. Their tokens must not stay in logs or in
stored e-mail that staff browse; deploy/nginx/plenary.conf masks the same paths in its log.

The links a page shows again and again (the status page, and the applicant's own pages it
links) carry `link_token`: signed, without a timestamp, so every page and e-mail gives one
and the same link, which opens nothing once its row is deleted.
"""

import re

from django.core import signing

SECRET_LINK = re.compile(
    r"(/invitation/|/apply/confirm/|/apply/status/|/security-data/|/visa-letter/)[^/\s?#\"'<>]+"
)


def without_link_secrets(text: str) -> str:
    """`text` with the token of every secret link replaced by an ellipsis."""
    return SECRET_LINK.sub(r"\1…", text)


def link_token(pk: int, *, salt: str) -> str:
    """The token of a secret link to row `pk`; `salt` names the link's purpose, so a token
    made for one page opens no other."""
    return signing.Signer(salt=salt).sign_object(pk)


def link_token_pk(token: str, *, salt: str) -> int | None:
    """The row a genuine `link_token` of `salt` names; None for a forged or altered token,
    or one made for another purpose."""
    try:
        return signing.Signer(salt=salt).unsign_object(token)
    except signing.BadSignature:
        return None
