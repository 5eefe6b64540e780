"""Who is signed in, and the refusals of the sign-in and of a permission.

Apart from :mod:`desktop.staff.auth` (whose services read and write the store) so that
the sign-in screen can be built and shown before the store and SQLAlchemy load: a cold
start shows it within its budget while the core opens behind it (issue 31).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.errors import QuayThuError
from desktop.staff.permissions import role_label


class AuthError(QuayThuError):
    """Sign-in, session or permission refused."""


class SignInFailed(AuthError):
    pass


class AccountLocked(AuthError):
    def __init__(self, user_message: str, *, until: dt.datetime) -> None:
        self.until = until
        super().__init__(user_message)


class AccountDisabled(AuthError):
    pass


class NotSignedIn(AuthError):
    pass


class PermissionDenied(AuthError):
    pass


class ScreenLocked(AuthError):
    """The session is locked: only the password ends it."""


class ApprovalInvalid(AuthError):
    pass


@dataclass(frozen=True, slots=True)
class Actor:
    """The staff member signed in at this counter, as the screens know them."""

    staff_id: int
    username: str
    full_name: str
    role: str
    session_id: str

    @property
    def role_label(self) -> str:
        return role_label(self.role)
