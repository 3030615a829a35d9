"""The admin's list of individual applications."""

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory

CHANGELIST = reverse("admin:registration_application_changelist")


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_application_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows
):
    applications = ApplicationFactory.create_batch(rows)

    with django_assert_num_queries(7):
        response = admin_client.get(CHANGELIST)

    assert set(response.context["cl"].result_list) == set(applications)
