"""The service's own errors: what went wrong, in the contract's words, with no HTTP in them.

Each family is one kind of answer; the HTTP edge (``central.api``) maps a family
to its status and the ``code`` to the problem document's ``type``. The CLI and
the embedded central catch the same errors without a web server.
"""

from __future__ import annotations


class CentralError(Exception):
    """Refused by central. ``code`` is stable (clients act on it); ``title`` is for people."""

    def __init__(self, code: str, title: str, detail: str = "") -> None:
        super().__init__(title)
        self.code, self.title, self.detail = code, title, detail


class NotAuthenticated(CentralError):
    """No valid credential: a device token, an enrolment code, a bank signature."""


class NotFound(CentralError):
    """No such thing (another unit's data is answered as missing, never as forbidden)."""


class Conflict(CentralError):
    """Not possible in the current state (already paid, closed, replayed)."""


class Gone(CentralError):
    """Was valid once and is no more (a used or expired code, a revoked device)."""


class Invalid(CentralError):
    """Malformed beyond what the schema could say."""


class Unavailable(CentralError):
    """Cannot be done now (something is not configured)."""
