import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run every live-server test after all the others.

    pytest regroups tests by pytest-playwright's session-scoped browser parameter after
    pytest-django has sorted them, which can put browser tests in the middle. Database tests
    that then run while Playwright's event loop exists get a second connection that nobody
    closes, and dropping the test database fails at the end.
    """
    items.sort(key=lambda item: "live_server" in getattr(item, "fixturenames", ()))
