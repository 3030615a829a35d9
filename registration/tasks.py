"""Registration's work off the request path: the e-mail that confirms an application."""

from urllib.parse import urljoin

from django.urls import reverse
from django.utils import translation

from conference.task_retries import retrying_task
from registration.emails import email_application_confirmation
from registration.models import APPLICATION_MAX_AGE, Application


@retrying_task(queue_name="email")
def application_confirmation_email(*, application_id: int, site_url: str) -> None:
    """Send the applicant the link that confirms their address, under `site_url`, in their
    language.

    The link is signed here, not in the request, so the queue never holds it. Nothing is
    sent for an application deleted since.
    """
    application = Application.objects.select_related("conference").filter(pk=application_id).first()
    if application is None:
        return
    # The link opens the confirmation page in the language the e-mail is written in.
    with translation.override(application.language):
        path = reverse(
            "registration:apply_confirm",
            kwargs={
                "conference": application.conference.slug,
                "token": application.confirmation_token(),
            },
        )
        status_path = reverse(
            "registration:apply_status",
            kwargs={"conference": application.conference.slug, "token": application.status_token()},
        )
    email_application_confirmation(
        application=application,
        url=urljoin(site_url, path),
        status_url=urljoin(site_url, status_path),
        hours=int(APPLICATION_MAX_AGE.total_seconds() // 3600),
    )
