"""What the floor's tests share: a plenary session and delegations with a speaker each, and
running calls at the same moment in threads."""

import threading

from django.db import connection

from delegations.models import RepresentationLevel, Role
from sessions.models import SessionKind
from tests.factories import (
    DelegationFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
    SessionFactory,
)


def plenary(**fields):
    conference = fields.pop("conference", None) or OpenConferenceFactory(
        languages=["en", "fr", "ar"]
    )
    return SessionFactory(conference=conference, kind=SessionKind.PLENARY, **fields)


def delegation_with_head(conference, *, country, level=RepresentationLevel.AMBASSADOR, **fields):
    delegation = DelegationFactory(
        conference=conference, country=country, representation_level=level, **fields
    )
    head = ParticipantFactory(delegation=delegation, role=Role.HEAD, family_name=f"Head{country}")
    return delegation, head


def invited(conference, *, country, token, level=RepresentationLevel.AMBASSADOR):
    delegation, head = delegation_with_head(conference, country=country, level=level)
    InvitationFactory(delegation=delegation, token=token)
    return delegation, head


def at_once(*calls):
    """Run `calls` in threads released together; their results and errors."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as error:  # reported by the assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
