"""E-mails to individual applicants, in the language they chose."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delegations.email_templates import EmailKind, email_kind_register
from delegations.emails import email_send, email_send_written, email_template_for
from registration.models import Application


def email_application_confirmation(
    *, application: Application, url: str, status_url: str, hours: int
) -> None:
    """Ask an individual applicant to confirm their e-mail address by following `url`; then
    they follow their application at `status_url`."""
    conference = application.conference
    with translation.override(application.language):
        written = email_template_for(conference=conference, kind=APPLICATION_CONFIRMATION)
        if written:
            email_send_written(
                written=written,
                values=application_placeholders(
                    application=application, url=url, status_url=status_url, hours=hours
                ),
                to=[application.email],
                cc=[],
            )
            return
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


APPLICATION_CONFIRMATION = "application_confirmation"


def application_placeholders(
    *, application: Application, url: str, status_url: str, hours: int
) -> dict[str, str]:
    data = application.data
    return {
        "name": " ".join(filter(None, [data.get("given_name"), data.get("family_name")])),
        "conference": application.conference.translated_title,
        "confirmation_link": url,
        "status_link": status_url,
        "hours": str(hours),
    }


def _application_sample(*, conference) -> dict[str, str] | None:
    application = conference.applications.first()
    if application is None:
        return None
    return application_placeholders(
        application=application,
        url="https://example.org/apply/confirm/(the applicant's link)/",
        status_url="https://example.org/apply/status/(the applicant's link)/",
        hours=48,
    )


def application_email_kind_register() -> None:
    """Called from RegistrationConfig.ready(): organisers may reword the confirmation e-mail."""
    email_kind_register(
        EmailKind(
            key=APPLICATION_CONFIRMATION,
            label=gettext_lazy("Application: confirm the e-mail address"),
            placeholders={
                "name": gettext_lazy("the applicant's name"),
                "conference": gettext_lazy("the conference's title"),
                "confirmation_link": gettext_lazy("the link that confirms the address (required)"),
                "status_link": gettext_lazy("the link to the application's status page"),
                "hours": gettext_lazy("how many hours the confirmation link works"),
            },
            sample=_application_sample,
            required=frozenset({"confirmation_link"}),
        )
    )
