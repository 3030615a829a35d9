"""The public List of Participants (PDF) as a stored file, made by a task.

At the size of a COP (64,000 listed names) the PDF takes minutes of a worker to make: no
request may wait for it. Each version of the list (accreditation.selectors.
participant_list_file_version: the listed participants' and the delegations' last change and
counts, and the conference's own) has its file in private storage, named by the version. A
change to a participant, a delegation or the conference queues the task (accreditation/
signals.py; once per conference in AFTER_CHANGE_SECONDS, run at the end of that time, so that a
burst of approvals makes one file), which makes a file only for a version it has none of, so
visitors normally find the file made. A request finding its version's file serves it (through
the page cache like any public page); one finding none (the task has not run yet) queues the
task too and answers 202 with Retry-After, a page saying the list is being prepared (not a 5xx:
nothing is wrong, and operators' alerts count 5xx). The file of an earlier version is never
served, as it may still name someone who has since withdrawn or stopped consenting, and it is
deleted once the next one is made; a conference's files are deleted with it.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from accreditation.participant_list import participant_list_pdf
from accreditation.selectors import participant_list_file_version
from conference.models import Conference
from conference.task_retries import retrying_task
from delegations.storage import private_storage

FOLDER = "public-participant-lists"
# What the "being prepared" answer asks clients to wait before asking again.
RETRY_AFTER_SECONDS = 30
# A version's task is queued once in this time, however many ask meanwhile.
QUEUED_FOR_SECONDS = 600
# After a change the list is made this much later, once for every change meanwhile.
AFTER_CHANGE_SECONDS = 60


def public_list_name(*, conference_id: int, version: str) -> str:
    digest = hashlib.sha256(version.encode()).hexdigest()[:24]
    return f"{FOLDER}/{conference_id}/{digest}.pdf"


def public_list_content(*, conference: Conference, version: str) -> bytes | None:
    """The stored PDF of this version of the list, or None while it is not made yet."""
    name = public_list_name(conference_id=conference.pk, version=version)
    try:
        with private_storage().open(name) as stored:
            return stored.read()
    except FileNotFoundError:
        return None


def public_list_being_prepared(
    request: HttpRequest, *, conference: Conference, version: str
) -> HttpResponse:
    """Queue the making of this version's file (once) and say it is being prepared."""
    name = public_list_name(conference_id=conference.pk, version=version)
    if cache.add(f"public-participant-list-queued:{name}", True, QUEUED_FOR_SECONDS):
        public_list_make.enqueue(conference_id=conference.pk)
    response = render(
        request,
        "accreditation/participant_list_being_prepared.html",
        {"conference": conference, "retry_after": RETRY_AFTER_SECONDS},
        status=202,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def public_list_after_change(*, conference_id: int) -> None:
    """Once the change commits, queue the making of the conference's list, unless it is
    queued already: at most one task per conference every AFTER_CHANGE_SECONDS, run at the
    end of that time (when the key that held back the later changes' tasks expires, so none
    is missed). Unpublished conferences have no visitors: their list is made when asked for
    (a staff preview)."""
    transaction.on_commit(lambda: _make_after_change(conference_id))


def _make_after_change(conference_id: int) -> None:
    if not cache.add(
        f"public-participant-list-changed:{conference_id}", True, AFTER_CHANGE_SECONDS
    ):
        return
    if Conference.objects.filter(pk=conference_id, is_published=True).exists():
        run_after = timezone.now() + datetime.timedelta(seconds=AFTER_CHANGE_SECONDS)
        public_list_make.using(run_after=run_after).enqueue(conference_id=conference_id)


def public_list_files_delete(*, conference_id: int) -> None:
    """Delete the conference's stored lists once its deletion commits."""
    transaction.on_commit(lambda: _files_delete(conference_id=conference_id))


def _files_delete(*, conference_id: int, keep: str = "") -> None:
    storage = private_storage()
    folder = f"{FOLDER}/{conference_id}"
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return  # none was ever made
    for file in files:
        if f"{folder}/{file}" != keep:
            storage.delete(f"{folder}/{file}")


@retrying_task(queue_name="documents")
def public_list_make(*, conference_id: int) -> None:
    """Make the file of the list's current version, unless it exists; delete earlier ones."""
    conference = Conference.objects.filter(pk=conference_id).first()
    if conference is None:
        return  # Deleted meanwhile.
    # The version before the list is read: a change made meanwhile gives a newer version,
    # which that change's own task makes.
    version = participant_list_file_version(conference=conference)
    storage = private_storage()
    name = public_list_name(conference_id=conference.pk, version=version)
    if not storage.exists(name):
        saved = storage.save(
            name, ContentFile(participant_list_pdf(conference=conference, public=True))
        )
        if saved != name:
            storage.delete(saved)  # another worker made the same version first
    if Conference.objects.filter(pk=conference_id).exists():
        _files_delete(conference_id=conference.pk, keep=name)
    else:
        _files_delete(conference_id=conference.pk)  # deleted while the list was made
