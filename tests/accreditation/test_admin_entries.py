"""The admin's list of entries at the door: a COP's meeting days leave hundreds of thousands."""

import pytest
from django.urls import reverse

from tests.factories import EntryFactory

CHANGELIST = reverse("admin:accreditation_entry_changelist")


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_entry_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows
):
    entries = EntryFactory.create_batch(rows)

    # One count of the list, not a second of every entry (show_full_result_count off).
    with django_assert_num_queries(7):
        response = admin_client.get(CHANGELIST)

    assert list(response.context["cl"].result_list) == sorted(
        entries, key=lambda entry: (entry.entered_at, entry.pk), reverse=True
    )
