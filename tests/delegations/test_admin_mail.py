"""The admin's mail log (django-mailer's), which keeps a row per e-mail sent."""

import pytest
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from mailer.models import PRIORITY_MEDIUM, RESULT_SUCCESS, MessageLog, email_to_db

CHANGELIST = reverse("admin:mailer_messagelog_changelist")


def sent(count: int) -> list[MessageLog]:
    return [
        MessageLog.objects.create(
            message_data=email_to_db(
                EmailMessage("Approved", "Welcome.", to=[f"member{index}@example.org"])
            ),
            message_id=f"<{index}@example.org>",
            when_added=timezone.now(),
            priority=PRIORITY_MEDIUM,
            result=RESULT_SUCCESS,
        )
        for index in range(count)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_mail_log_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows
):
    logged = sent(rows)

    # No date drill-down: it read the whole log twice on each page.
    with django_assert_num_queries(6):
        response = admin_client.get(CHANGELIST)

    assert set(response.context["cl"].result_list) == set(logged)
    assert "member0@example.org" in response.text
