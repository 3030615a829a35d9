import pytest

from tests.factories import SessionRoleFactory


@pytest.mark.django_db
def test_session_role_factory_builds_one_conference():
    role = SessionRoleFactory()

    assert role.speaker.conference == role.session.conference
