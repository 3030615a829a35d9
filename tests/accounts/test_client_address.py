import pytest
from django.test import RequestFactory

from accounts.client_address import client_address


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "198.51.100.1", "192.0.2.10"),
        (1, "", "192.0.2.10"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "203.0.113.66, 198.51.100.1", "198.51.100.1"),
        (2, "203.0.113.66, 198.51.100.1, 198.51.100.200", "198.51.100.1"),
        (2, "198.51.100.1", "198.51.100.1"),
        (1, "not-an-address", "192.0.2.10"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address_trusts_only_the_configured_number_of_proxies(
    settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10", **headers)

    assert client_address(request) == expected


def test_client_address_of_no_request_is_empty():
    assert client_address(None) == ""
