"""The address a request came from, for the limits that count per address: failed staff
log-ins (accounts.lockout) and the public forms' rate limits (registration.ratelimit). One
rule for both, here in the lowest layer so that every app may use it."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest | None) -> str:
    """The client's address: REMOTE_ADDR, or with settings.TRUSTED_PROXY_COUNT proxies in
    front of the app, the address the outermost of them saw, from X-Forwarded-For; "" with
    no request.

    Each proxy appends the address it received the request from, so only the last N entries
    were written by our proxies; anything left of them is whatever the client sent.
    """
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [entry.strip() for entry in header.split(",") if entry.strip()]
    if proxies < 1 or not forwarded:
        return remote
    # Fewer entries than proxies: the request passed fewer proxies than configured, and the
    # first entry is the farthest address one of ours saw.
    candidate = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
