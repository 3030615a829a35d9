"""Logging set-up: the settings' LOGGING, plus a filter that keeps secret links out of logs.

A request's path is written by the servers' access logs (runserver's django.server,
gunicorn's gunicorn.access) and by Django's own warnings and errors (django.request,
django.security.*, gunicorn.error); for an invitation link that path is the secret.
"""

import logging
import logging.config

from delegations.link_secrets import without_link_secrets

LOGGERS_WITH_PATHS = [
    "django.request",
    "django.server",
    "django.security.csrf",
    "django.security.DisallowedHost",
    "django.security.SuspiciousOperation",
    "gunicorn.access",
    "gunicorn.error",
]


class LinkSecretsFilter(logging.Filter):
    """Writes each record's message with the tokens of secret links masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = without_link_secrets(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


def configure_logging(config: dict) -> None:
    """settings.LOGGING_CONFIG: applies LOGGING, then filters every logger that writes paths.

    The filter goes on the loggers themselves, since their handlers may be the servers'
    (gunicorn configures its own) rather than ours.
    """
    logging.config.dictConfig(config)
    for name in LOGGERS_WITH_PATHS:
        logging.getLogger(name).addFilter(LinkSecretsFilter())
