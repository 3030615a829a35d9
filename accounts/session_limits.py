"""How long a staff session lasts: an idle timeout, an absolute lifetime, and how recently its
user must have given their password (and second factor) before exporting personal data.

Times are kept in the session as Unix timestamps (the session serialiser stores JSON).
"""

import time

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext as _

AUTHENTICATED_AT = "accounts_authenticated_at"
LAST_SEEN_AT = "accounts_last_seen_at"
REAUTHENTICATED_AT = "accounts_reauthenticated_at"
# Activity is written back at most this often, so that a busy page does not save its session
# on every request; the idle timeout is exact to within this.
TOUCH_INTERVAL_SECONDS = 60


def session_start(session: SessionBase) -> None:
    """A log-in: the password (and second factor) were just given."""
    now = int(time.time())
    session[AUTHENTICATED_AT] = session[LAST_SEEN_AT] = session[REAUTHENTICATED_AT] = now


def session_end_reason(session: SessionBase) -> str | None:
    """Why this logged-in session must end now, or None while it may go on."""
    now = time.time()
    authenticated_at = session.get(AUTHENTICATED_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if authenticated_at is None or last_seen_at is None:
        return _("Please log in again.")
    if now - authenticated_at > settings.SESSION_MAX_HOURS * 3600:
        return _("You were logged out: a session lasts at most %(hours)d hours.") % {
            "hours": settings.SESSION_MAX_HOURS
        }
    if now - last_seen_at > settings.SESSION_IDLE_MINUTES * 60:
        return _("You were logged out after %(minutes)d minutes without activity.") % {
            "minutes": settings.SESSION_IDLE_MINUTES
        }
    return None


def session_touch(session: SessionBase) -> None:
    now = int(time.time())
    if now - session.get(LAST_SEEN_AT, 0) >= TOUCH_INTERVAL_SECONDS:
        session[LAST_SEEN_AT] = now


def authenticated_recently(session: SessionBase) -> bool:
    """Whether the password (and second factor) were given within REAUTHENTICATION_MINUTES."""
    confirmed_at = session.get(REAUTHENTICATED_AT)
    return (
        confirmed_at is not None
        and time.time() - confirmed_at <= settings.REAUTHENTICATION_MINUTES * 60
    )


def reauthenticated(session: SessionBase) -> None:
    session[REAUTHENTICATED_AT] = int(time.time())
