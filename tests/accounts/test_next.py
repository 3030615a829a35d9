import pytest
from django.urls import reverse

from tests.factories import PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

HOME = reverse("accreditation:home")


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/admin/", "/admin/"),
        ("/staff/?tab=1", "/staff/?tab=1"),
        ("https://evil.example/staff/", HOME),
        ("//evil.example/staff/", HOME),
        ("/\\evil.example", HOME),
        ("http://testserver/admin/", HOME),
        ("javascript:alert(1)", HOME),
        ("/no/such/page/", HOME),
        ("", HOME),
    ],
)
def test_login_follows_next_only_to_a_local_page_that_exists(client, next_url, lands_on):
    user = StaffUserFactory()

    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )

    assert response.url == lands_on


def test_login_page_keeps_a_safe_next_and_drops_another(client):
    safe = client.get(reverse("accounts:login"), {"next": "/admin/"})
    unsafe = client.get(reverse("accounts:login"), {"next": "https://evil.example/"}, follow=True)

    assert 'name="next" value="/admin/"' in safe.content.decode()
    assert unsafe.redirect_chain == [(reverse("accounts:login"), 302)]
    assert "evil.example" not in unsafe.content.decode()


def test_reauthentication_follows_next_only_to_a_local_page_that_exists(client):
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("accounts:reauthenticate"),
        {"password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.url == HOME


def test_admin_login_drops_an_unsafe_next(client):
    response = client.get(reverse("admin:login"), {"next": "https://evil.example/"})

    assert response.url == f"{reverse('accounts:login')}?next={reverse('admin:index')}"
