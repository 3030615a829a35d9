"""Migrations carry an existing database forward without losing a row.

Each test rewinds the test database to an earlier state of the schema, with data in it, then
migrates forward again as an upgrade would; the database is back at the latest state after.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accreditation.models import Entry
from conference.models import ConferenceRole
from delegations.models import Delegation, Participant
from delegations.names import NameOrder
from demo.reference_meeting import reference_meeting_load
from sessions.models import Speaker
from tests.factories import ConferenceFactory, ParticipantFactory, SessionFactory, SpeakerFactory
from tests.photos import jpeg

pytestmark = pytest.mark.django_db(transaction=True)

# The last migration before applications, check-ins and badge colours left `delegations`.
BEFORE_THE_APP_LAYOUT = ("delegations", "0007_host_institution_last_in_protocol_order")
# Where each table that moved lived before.
TABLES_BEFORE_THE_APP_LAYOUT = {
    "registration_application": "delegations_application",
    "accreditation_checkin": "delegations_checkin",
    "accreditation_categorycolour": "delegations_categorycolour",
}


def migrate_to(*targets: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def rewind():
    """Migrate to the given state; whatever the test does, end at the latest one."""
    yield migrate_to
    migrate_to_latest()


def our_tables() -> list[str]:
    prefixes = ("conference_", "delegations_", "programme_", "registration_", "accreditation_")
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return sorted(name for (name,) in cursor.fetchall() if name.startswith(prefixes))


def table_rows(table: str) -> tuple[int, str]:
    """How many rows `table` holds and a digest of all of them, every column included."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
            f'FROM "{table}" t'
        )
        return cursor.fetchone()


# Going back before zones turns each participant's entries into one check-in, their first:
# zones and entries cannot come back from that, so they are compared on their own.
ZONES_AND_ENTRIES = ("accreditation_zone", "accreditation_entry")


def first_entries() -> set[tuple]:
    """(participant, moment, by whom) of each participant's first entry, at any zone."""
    first = {}
    for entry in Entry.objects.order_by("entered_at", "pk"):
        first.setdefault(entry.participant_id, (entry.entered_at, entry.entered_by_id))
    return {(participant, *rest) for participant, rest in first.items()}


def check_ins(table: str) -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT participant_id, checked_in_at, checked_in_by_id FROM {table}")
        return set(cursor.fetchall())


def test_the_demo_survives_the_move_to_one_app_per_job(rewind):
    reference_meeting_load()
    # Going back before the names' order and own script drops those columns: their defaults
    # are all a round trip can keep.
    for model in (Participant, Speaker):
        model.objects.update(name_order=NameOrder.GIVEN_FIRST, own_script_name="")
    # So does going back before the level of representation (the demo's list of speakers sets
    # it for the inscribed delegations).
    Delegation.objects.update(representation_level="")
    tables = our_tables()
    rows = {table: table_rows(table) for table in tables if table not in ZONES_AND_ENTRIES}
    arrivals = first_entries()
    assert len(arrivals) > 0
    assert rows["registration_application"][0] > 0

    rewind(BEFORE_THE_APP_LAYOUT)
    for table, old_table in TABLES_BEFORE_THE_APP_LAYOUT.items():
        if table == "accreditation_checkin":
            assert check_ins(old_table) == arrivals
        else:
            assert table_rows(old_table) == rows[table]
    migrate_to_latest()

    assert our_tables() == tables
    assert {table: table_rows(table) for table in rows} == rows
    assert first_entries() == arrivals
    assert set(Entry.objects.values_list("zone__code", flat=True)) == {"V"}


def test_check_ins_become_entries_without_loss(rewind, django_user_model):
    door = django_user_model.objects.create(username="door")
    participant = ParticipantFactory(conference__time_zone="Asia/Karachi")
    other = ParticipantFactory()
    rewind(("accreditation", "0003_documents"))
    with connection.cursor() as cursor:
        # 20:30 UTC on 30 August is 01:30 on 31 August in Karachi: the entry's day.
        cursor.execute(
            "INSERT INTO accreditation_checkin (participant_id, checked_in_at, checked_in_by_id) "
            "VALUES (%s, '2023-08-30 20:30:00+00', %s), (%s, '2023-08-30 04:00:00+00', NULL)",
            [participant.pk, door.pk, other.pk],
        )

    migrate_to_latest()

    entry = Entry.objects.select_related("zone").get(participant=participant)
    assert (entry.day, entry.entered_at, entry.entered_by_id) == (
        datetime.date(2023, 8, 31),
        datetime.datetime(2023, 8, 30, 20, 30, tzinfo=datetime.UTC),
        door.pk,
    )
    assert (entry.zone.code, entry.zone.conference_id) == ("V", participant.conference_id)
    assert entry.zone.admits(participant)
    other_entry = Entry.objects.select_related("zone").get(participant=other)
    assert other_entry.zone.conference_id == other.conference_id
    assert Entry.objects.count() == 2


def test_check_in_permission_follows_its_model_to_accreditation(rewind, django_user_model):
    user = django_user_model.objects.create(username="door", is_staff=True)
    rewind(BEFORE_THE_APP_LAYOUT)
    with connection.cursor() as cursor:
        # As an install of the previous layout had it: the permission under `delegations`.
        cursor.execute(
            "UPDATE django_content_type SET app_label = 'delegations' "
            "WHERE app_label = 'accreditation' AND model = 'checkin'"
        )
        cursor.execute(
            "INSERT INTO auth_user_user_permissions (user_id, permission_id) "
            "SELECT %s, p.id FROM auth_permission p JOIN django_content_type c "
            "ON c.id = p.content_type_id WHERE c.app_label = 'delegations' "
            "AND p.codename = 'check_in_participants'",
            [user.pk],
        )

    migrate_to_latest()

    user = django_user_model.objects.get(pk=user.pk)
    assert user.has_perm("accreditation.check_in_participants")


def test_private_photos_migration_moves_existing_photos_out_of_the_web_root(rewind):
    participant = ParticipantFactory()
    rewind(("delegations", "0005_participant_same_conference_as_delegation"))
    name = "participant-photos/2023/amina-diallo.jpg"
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE delegations_participant SET photo = %s WHERE id = %s", [name, participant.pk]
        )
    public = Path(settings.MEDIA_ROOT) / name
    public.parent.mkdir(parents=True)
    public.write_bytes(jpeg())

    migrate_to_latest()

    assert not public.exists()
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).read_bytes() == jpeg()


def test_session_languages_take_the_interface_codes_and_join_their_conference(rewind):
    session = SessionFactory(conference__languages=["en"], language="en")
    rewind(("programme", "0005_content_in_several_languages"))
    with connection.cursor() as cursor:
        # As sessions could be before: Chinese as "zh", languages the conference did not list,
        # the floor language among those interpreted into.
        cursor.execute(
            "UPDATE programme_session SET language = 'zh', interpretation = '{fr,zh}' "
            "WHERE id = %s",
            [session.pk],
        )

    migrate_to_latest()

    session.refresh_from_db()
    session.conference.refresh_from_db()
    assert (session.language, session.interpretation) == ("zh-hans", ["fr"])
    assert session.conference.languages == ["en", "fr", "zh-hans"]


# The last migration before names had an order and an own-script form.
BEFORE_NAME_ORDER = [
    ("delegations", "0009_delegation_representation_level"),
    ("programme", "0003_programme_items_of_one_conference"),
]


# (given name, family name, as printed after the migration). One rewind for all of them: each
# costs most of a minute.
NAMES_BEFORE_THE_ORDER = [
    ("伟", "王", "王 伟"),
    ("太郎", "山田", "山田 太郎"),
    ("민준", "김", "김 민준"),
    ("Amina", "Diallo", "Amina Diallo"),
    ("Ольга", "Смирнова", "Ольга Смирнова"),
    ("王", "Smith", "王 Smith"),
]


def test_names_already_written_in_cjk_script_are_printed_family_name_first(rewind):
    conference = ConferenceFactory()
    people = [
        (
            ParticipantFactory(delegation__conference=conference),
            SpeakerFactory(conference=conference),
        )
        for _name in NAMES_BEFORE_THE_ORDER
    ]
    rewind(*BEFORE_NAME_ORDER)
    with connection.cursor() as cursor:
        for (given_name, family_name, _printed), pair in zip(
            NAMES_BEFORE_THE_ORDER, people, strict=True
        ):
            for table, person in zip(
                ("delegations_participant", "programme_speaker"), pair, strict=True
            ):
                cursor.execute(
                    f"UPDATE {table} SET given_name = %s, family_name = %s WHERE id = %s",
                    [given_name, family_name, person.pk],
                )

    migrate_to_latest()

    for (_given, _family, printed), (participant, speaker) in zip(
        NAMES_BEFORE_THE_ORDER, people, strict=True
    ):
        for person in (
            Participant.objects.get(pk=participant.pk),
            Speaker.objects.get(pk=speaker.pk),
        ):
            assert (person.full_name, person.own_script_name) == (printed, ""), person.pk


def test_check_in_staff_group_becomes_a_check_in_role_in_each_conference(rewind, django_user_model):
    first, second = ConferenceFactory(), ConferenceFactory()
    volunteer = django_user_model.objects.create(username="door")
    registrar = django_user_model.objects.create(username="registrar", is_staff=True)
    ConferenceRole.objects.create(user=registrar, conference=first, role="registration_officer")
    root = django_user_model.objects.create(username="root", is_superuser=True)
    rewind(("accreditation", "0004_zones_and_entries"))
    # As the post_migrate hook of the previous version kept it.
    group = Group.objects.create(name="Check-in staff")
    group.user_set.add(volunteer, registrar, root)

    migrate_to_latest()

    assert set(ConferenceRole.objects.values_list("user__username", "conference", "role")) == {
        ("door", first.pk, "check_in"),
        ("door", second.pk, "check_in"),
        ("registrar", first.pk, "registration_officer"),  # the organiser's choice stays
        ("registrar", second.pk, "check_in"),
    }
    assert not Group.objects.filter(name="Check-in staff").exists()
