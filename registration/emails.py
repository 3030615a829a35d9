"""E-mails to individual applicants, in the language they chose."""

from django.utils import translation
from django.utils.translation import gettext as _

from delegations.emails import email_send
from registration.models import Application


def email_application_confirmation(
    *, application: Application, url: str, status_url: str, hours: int
) -> None:
    """Ask an individual applicant to confirm their e-mail address by following `url`; then
    they follow their application at `status_url`."""
    conference = application.conference
    with translation.override(application.language):
        email_send(
            template="registration/emails/application_confirmation",
            subject=_("Confirm your application: %(conference)s")
            % {"conference": conference.translated_name},
            to=[application.email],
            cc=[],
            context={
                "application": application,
                "conference": conference,
                "url": url,
                "status_url": status_url,
                "hours": hours,
            },
        )
