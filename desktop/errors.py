"""The one exception family of the application core.

Every error a user can meet is a :class:`QuayThuError` child whose
``user_message`` is the Vietnamese sentence the screen shows; the GUI has one
presenter for all of them.
"""

from __future__ import annotations


class QuayThuError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, user_message: str, *, detail: str = "") -> None:
        self.user_message = user_message
        self.detail = detail
        super().__init__(user_message if not detail else f"{user_message} ({detail})")


class ValidationError(QuayThuError):
    """Input that the core refuses: the user can correct it."""


class StoreUnavailable(QuayThuError):
    """The local store cannot be opened or written (see ``reason``)."""

    def __init__(self, user_message: str, *, reason: str, path: str, detail: str = "") -> None:
        self.reason = reason
        self.path = path
        super().__init__(user_message, detail=detail)


class DataDirUnavailable(QuayThuError):
    """The data directory cannot be created or written."""


class InstanceRunning(QuayThuError):
    """Another QuayThu process already works on this data directory."""


class NotFound(QuayThuError):
    """The thing asked for does not exist (any more) in the store."""
