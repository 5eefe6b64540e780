"""What happened in the core, said once, for whoever listens.

The core publishes a typed event after the transaction that made it true has
committed (never before: a listener that reads the store must see it). The
sync loop wakes on them, the print worker drains its queue on them, and
``ui/`` re-emits them as Qt signals on the GUI thread, so every screen
refreshes from the same facts (Electrum's ``QtEventListener``, Anki's
operation hooks).

Handlers run on the publisher's thread and must be quick; one that raises is
logged and never stops the others or the publisher.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

logger = logging.getLogger(__name__)


class Event:
    """Base of every core event (frozen dataclasses below)."""


@dataclass(frozen=True, slots=True)
class PaymentCommitted(Event):
    key: str
    receipt_no: str
    account_id: int
    amount: int
    method: str


@dataclass(frozen=True, slots=True)
class QrChanged(Event):
    """A VietQR session moved on (``desktop/money/qr_session.py``); ``state`` is a
    ``desktop.contract.QrState``. Published after the transaction that made it true."""

    key: str
    state: str
    account_id: int
    amount: int
    reference: str | None = None
    #: the payment's receipt number once the bank's money is recorded
    receipt_no: str | None = None
    bank_ref: str | None = None
    #: no dialog showed this intent any more when it ended (closed, crashed, signed out,
    #: locked): the window says what became of it, and its receipt prints from the queue
    unattended: bool = False


@dataclass(frozen=True, slots=True)
class PaymentVoided(Event):
    key: str
    receipt_no: str
    account_id: int


@dataclass(frozen=True, slots=True)
class ShiftOpened(Event):
    shift_key: str


@dataclass(frozen=True, slots=True)
class ShiftClosed(Event):
    shift_key: str


@dataclass(frozen=True, slots=True)
class CashDropped(Event):
    shift_key: str
    amount: int


@dataclass(frozen=True, slots=True)
class RequestTaken(Event):
    reference: str
    account_id: int | None


@dataclass(frozen=True, slots=True)
class SyncProgressed(Event):
    """One local transaction of a sync committed: a push batch's answers or a pulled page;
    or, step "snapshot", bytes of a first sync's snapshot arrived (``cursor``: bytes so far)."""

    step: str  # "push", "pull" or "snapshot"
    count: int
    cursor: int


@dataclass(frozen=True, slots=True)
class SyncFinished(Event):
    """A sync ended; ``error`` is the Vietnamese message when it failed."""

    pushed: int
    pulled: int
    rejected: int
    error: str | None
    #: accounts whose cached data a pull changed (empty when unknown or none)
    accounts: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class DemoCityGrew(Event):
    """``quaythu demo``'s city grew behind the sign-in: ``done`` of its ``total`` accounts
    are at the demo central now (the screens say so until they are all there)."""

    done: int
    total: int

    @property
    def growing(self) -> bool:
        return self.done < self.total


@dataclass(frozen=True, slots=True)
class PrintFinished(Event):
    printed: int
    failed: int
    #: the printer's complaint (None when everything waiting printed)
    error: str | None
    #: receipts still waiting after this run
    waiting: int


@dataclass(frozen=True, slots=True)
class CopyQueued(Event):
    """A copy (BẢN SAO) of a receipt waits in the print queue."""

    payment_key: str
    copy_no: int


@dataclass(frozen=True, slots=True)
class PrinterChanged(Event):
    uri: str | None


@dataclass(frozen=True, slots=True)
class AccountChanged(Event):
    """Cached data of these accounts changed (a payment, a void, a pull)."""

    account_ids: frozenset[int]


E = TypeVar("E", bound=Event)
Handler = Callable[[Any], None]


class EventBus:
    """Subscribe by event type (or to every event); publish from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handlers: list[tuple[type[Event], Handler]] = []

    def subscribe(self, kind: type[E], handler: Callable[[E], None]) -> Callable[[], None]:
        """Call ``handler`` for every published ``kind`` (``Event``: all); returns an unsubscriber."""
        entry = (kind, handler)
        with self._lock:
            self._handlers.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._handlers:
                    self._handlers.remove(entry)

        return unsubscribe

    def publish(self, event: Event) -> None:
        with self._lock:
            handlers = [h for kind, h in self._handlers if isinstance(event, kind)]
        for handler in handlers:
            try:
                handler(event)
            except Exception:  # a listener's bug never undoes or stops the core's work
                logger.exception("event handler failed for %s", type(event).__name__)
