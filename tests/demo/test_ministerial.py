"""The upcoming Ministerial: a newcomer who runs the demo can register, apply and check in."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from delegations.models import State
from demo.ministerial import SLUG, ministerial_dates, ministerial_load
from diplomacy.models import VisaLetterRequest, VisaState


def test_the_ministerial_starts_on_a_tuesday_about_two_months_ahead_whatever_the_day():
    for offset in range(7):
        today = datetime.date(2026, 12, 7) + datetime.timedelta(days=offset)
        first, last = ministerial_dates(today)
        assert first.weekday() == 1
        assert 60 <= (first - today).days < 67
        assert last == first + datetime.timedelta(days=1)


@pytest.fixture
def load_demo_output(db) -> str:
    out = io.StringIO()
    call_command("load_demo", "--site-url", "http://127.0.0.1:8123", stdout=out)
    return out.getvalue()


def test_load_demo_prints_working_portal_links_of_the_ministerial(client, load_demo_output):
    section = load_demo_output.rsplit(f"({SLUG}):", 1)[1]
    links = re.findall(r"Focal point portal for .*: http://127\.0\.0\.1:8123(\S+)", section)

    assert len(links) == 6
    for link in links:
        response = client.get(link)
        assert response.status_code == 200
        assert b'href="' in response.content
        assert "Add a member" in response.content.decode()


def test_the_ministerials_page_links_its_open_application_form(client, load_demo_output):
    home = reverse("programme:conference", kwargs={"conference": SLUG})
    apply = reverse("registration:apply", kwargs={"conference": SLUG})
    assert f"http://127.0.0.1:8123{apply}" in load_demo_output

    page = client.get(home).content.decode()

    assert f'href="{apply}"' in page
    assert client.get(apply).status_code == 200


def test_the_ministerial_has_members_waiting_for_a_decision(load_demo_output):
    conference = ministerial_load()  # again: nothing is added twice

    states = sorted(conference.participants.values_list("state", flat=True))
    assert states == [State.APPROVED] * 3 + [State.PENDING] * 4
    assert conference.registration_opens_at < timezone.now() < conference.registration_closes_at
    assert conference.sessions.published().count() == 8


def test_the_ministerial_has_visa_letters_in_every_state(load_demo_output):
    conference = ministerial_load()  # again: nothing is added twice

    letters = VisaLetterRequest.objects.filter(conference=conference)
    assert sorted(letters.values_list("state", flat=True)) == sorted(VisaState.values)
    assert sorted(ref for ref in letters.values_list("reference", flat=True) if ref) == [
        f"GHMFA/VISA/{conference.start_date.year}/001",
        f"GHMFA/VISA/{conference.start_date.year}/002",
    ]
    for letter in letters:
        letter.full_clean()
