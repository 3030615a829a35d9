"""A URLconf for tests/plenary/test_observability.py: a view that fails, under a secret link."""

from django.urls import path


def fail(request, token):
    raise RuntimeError(f"failed while reading /en/invitation/{token}/members/")


urlpatterns = [path("en/invitation/<str:token>/boom/", fail)]
