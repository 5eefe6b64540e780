"""The head cashier's bank deposit: accepted turn-ins taken to the bank under one slip.

Oracle CC&B's deposit control groups balanced tenders into one bank deposit; SAP's
cash journal books the cash to the bank as its own step. Here the head cashier picks
the accepted turn-ins (this counter's, and, online, every counter's of the unit that
central lists), the slip (phiếu nộp tiền) is written and printed or saved as a PDF,
and when the bank's stamped copy comes back its reference is recorded, once. Each
step is a journal line and an outbox operation (``deposit``, ``deposit_ref``);
central checks each turn-in is its unit's, accepted and in no other deposit.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import LAST_SLIP, Deposit, DeviceState, OutboxOp, Shift, Staff, StoreMark, TurnIn
from desktop import labels
from desktop.contract import OutboxState, TurnInStatus, deposit_data, deposit_ref_data
from desktop.errors import CentralOffline, NotEnrolled, NotFound, QuayThuError, ValidationError
from desktop.money.amounts import format_vnd
from desktop.printing.documents import Document, Row
from desktop.staff import audit
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission
from desktop.words import amount_in_words

logger = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

#: what banks print as a transaction reference: letters, digits, and . / -
BANK_REF = re.compile(r"^[0-9A-Za-z./-]{4,40}$")


class DepositRefused(QuayThuError):
    """The deposit cannot be made as asked (a turn-in not accepted, already deposited…)."""


@dataclass(frozen=True, slots=True)
class DepositItem:
    """One accepted turn-in as the deposit screen lists it."""

    key: str
    cashier: str
    counted: int
    at: dt.datetime
    #: accepted at this counter (False: listed by central from another counter)
    here: bool = True


@dataclass(frozen=True, slots=True)
class Candidates:
    items: tuple[DepositItem, ...]
    #: central's list was read (False: offline, only this counter's turn-ins)
    online: bool


@dataclass(frozen=True, slots=True)
class DepositView:
    key: str
    slip_no: str
    bank: str
    total: int
    items: tuple[DepositItem, ...]
    head_cashier: str
    at: dt.datetime
    bank_ref: str | None


class TurnInSource(Protocol):
    """What the deposit asks central; the link implements it (``desktop.link.Link``)."""

    def undeposited_turn_ins(self) -> list[dict[str, Any]]:
        """The unit's accepted turn-ins no bank deposit has taken, every counter's
        (``CentralOffline`` when this process works offline)."""
        ...


class DepositService:
    def __init__(self, writes: sessionmaker[Session],
                 clock: Clock = lambda: dt.datetime.now(dt.UTC),
                 clock_guard: Callable[[], str | None] = lambda: None,
                 reads: sessionmaker[Session] | None = None,
                 central: TurnInSource | None = None) -> None:
        self._writes = writes
        #: what only reads (the lists, the slip) takes no write lock from a payment
        self._reads = reads or writes
        self._clock = clock
        #: a sentence when this machine's clock cannot be trusted (the slip is dated)
        self._clock_guard = clock_guard
        self.central = central

    def candidates(self, actor: Actor) -> Candidates:
        """Accepted turn-ins no deposit has taken: this counter's, plus, online, central's
        list of the unit's (every counter's)."""
        with self._reads() as s:
            authorize(s, actor, Permission.MAKE_DEPOSIT)
        remote: list[dict[str, Any]] | None = None
        if self.central is not None:
            try:
                remote = list(self.central.undeposited_turn_ins())
            except CentralOffline:
                pass
            except QuayThuError as exc:
                logger.info("undeposited turn-ins unavailable: %s", type(exc).__name__)
        with self._reads() as s:
            deposited = _deposited_keys(s)
            local = {t.key: DepositItem(t.key, name, t.counted, t.at) for t, name in s.execute(
                select(TurnIn, Staff.full_name).join(Shift, Shift.id == TurnIn.shift_id)
                .join(Staff, Staff.id == Shift.staff_id)
                .where(TurnIn.status == TurnInStatus.ACCEPTED, TurnIn.deposit_key.is_(None)))}
        items = dict(local)
        for row in remote or ():
            key, counted = str(row.get("key")), row.get("counted")
            if key in items or key in deposited or not isinstance(counted, int):
                continue
            try:
                at = dt.datetime.fromisoformat(str(row.get("at")))
            except ValueError:
                continue
            items[key] = DepositItem(key, str(row.get("cashier", "")), counted, at, here=False)
        return Candidates(tuple(sorted(items.values(), key=lambda i: i.at)),
                          online=remote is not None)

    def make(self, actor: Actor, items: Sequence[DepositItem], bank: str) -> DepositView:
        """Write the deposit and its slip number; the turn-ins are the bank's from now on."""
        bank = " ".join(bank.split())
        if not items:
            raise ValidationError("Chọn ít nhất một lần bàn giao để nộp ngân hàng.", field="items")
        if not bank:
            raise ValidationError("Ghi tên ngân hàng và chi nhánh nhận tiền.", field="bank")
        if len(bank) > 120:
            raise ValidationError("Tên ngân hàng dài quá 120 ký tự.", field="bank")
        keys = [i.key for i in items]
        if len(set(keys)) != len(keys):
            raise ValidationError("Một lần bàn giao được chọn hai lần.")
        wrong_clock = self._clock_guard()
        if wrong_clock is not None:
            raise DepositRefused(wrong_clock)
        now = self._clock()
        with self._writes() as s, s.begin():
            head = authorize(s, actor, Permission.MAKE_DEPOSIT)
            device = s.get(DeviceState, 1)
            if device is None:
                raise NotEnrolled("Thiết bị chưa đăng ký với hệ thống trung tâm.")
            deposited = _deposited_keys(s)
            chosen: list[DepositItem] = []
            for item in items:
                turn_in = s.get(TurnIn, item.key)
                if item.key in deposited or (turn_in is not None and turn_in.deposit_key):
                    raise DepositRefused(f"Lần bàn giao của {item.cashier} đã nộp ngân hàng "
                                         "ở phiếu khác.")
                if turn_in is not None:
                    if turn_in.status != TurnInStatus.ACCEPTED:
                        raise DepositRefused(f"Lần bàn giao của {item.cashier} chưa được nhận "
                                             "(thủ quỹ chưa chốt): chưa nộp được.")
                    # this counter's own figure, not what the screen was handed
                    item = DepositItem(item.key, item.cashier, turn_in.counted, turn_in.at)
                elif item.here:
                    raise NotFound("Không tìm thấy lần bàn giao này trên quầy.")
                chosen.append(item)
            total = sum(i.counted for i in chosen)
            if total <= 0:
                raise ValidationError("Các lần bàn giao đã chọn không có tiền mặt để nộp.")
            key = str(uuid.uuid4())
            slip_no = _next_slip(s, device.device_code, now)
            for item in chosen:
                turn_in = s.get(TurnIn, item.key)
                if turn_in is not None:
                    turn_in.deposit_key = key
            s.add(Deposit(key=key, slip_no=slip_no, bank=bank, total=total,
                          items=json.dumps([_item_json(i) for i in chosen], ensure_ascii=False),
                          head_cashier_id=head.id, at=now))
            data = deposit_data(slip_no=slip_no, head_cashier=head.username, bank=bank,
                                turn_ins=[i.key for i in chosen], total=total, at=now)
            s.add(OutboxOp(key=key, kind="deposit", created_at=now, attempts=0,
                           state=OutboxState.PENDING, data=json.dumps(data, ensure_ascii=False)))
            audit.append(s, action="deposit", staff=head.username, now=now, subject=slip_no,
                         detail={"key": key, "total": total, "bank": bank,
                                 "turn_ins": len(chosen)})
            return DepositView(key, slip_no, bank, total, tuple(chosen), head.full_name, now,
                               None)

    def record_reference(self, actor: Actor, deposit_key: str, bank_ref: str) -> DepositView:
        """The bank's reference from the stamped slip; recorded once."""
        bank_ref = bank_ref.strip()
        if not BANK_REF.match(bank_ref):
            raise ValidationError("Mã giao dịch của ngân hàng gồm 4–40 chữ, số hoặc . / - "
                                  "(như in trên phiếu nộp đã đóng dấu).", field="reference")
        now = self._clock()
        with self._writes() as s, s.begin():
            head = authorize(s, actor, Permission.MAKE_DEPOSIT)
            deposit = s.get(Deposit, deposit_key)
            if deposit is None:
                raise NotFound("Không tìm thấy phiếu nộp này trên quầy.")
            if deposit.bank_ref is not None:
                if deposit.bank_ref == bank_ref:
                    return _view(s, deposit)
                raise DepositRefused(f"Phiếu {deposit.slip_no} đã ghi mã ngân hàng "
                                     f"{deposit.bank_ref}: không ghi đè được.")
            deposit.bank_ref, deposit.bank_ref_at = bank_ref, now
            op_key = str(uuid.uuid4())
            data = deposit_ref_data(deposit_key=deposit.key, bank_ref=bank_ref,
                                    staff=head.username, at=now)
            s.add(OutboxOp(key=op_key, kind="deposit_ref", created_at=now, attempts=0,
                           state=OutboxState.PENDING, data=json.dumps(data, ensure_ascii=False)))
            audit.append(s, action="deposit_ref", staff=head.username, now=now,
                         subject=deposit.slip_no, detail={"key": op_key, "bank_ref": bank_ref})
            return _view(s, deposit)

    def recent(self, actor: Actor, limit: int = 20) -> tuple[DepositView, ...]:
        """This counter's latest deposits, newest first (those awaiting a reference too)."""
        with self._reads() as s:
            authorize(s, actor, Permission.MAKE_DEPOSIT)
            rows = s.scalars(select(Deposit).order_by(Deposit.at.desc()).limit(limit)).all()
            return tuple(_view(s, d) for d in rows)

    def slip(self, deposit_key: str, *, point: str = "",
             actor: Actor | None = None) -> Document:
        """The deposit slip as a document (printed on the receipt printer, or a PDF); with
        ``actor``, only for a head cashier whose session is open and not locked."""
        with self._reads() as s:
            if actor is not None:
                authorize(s, actor, Permission.MAKE_DEPOSIT)
            deposit = s.get(Deposit, deposit_key)
            if deposit is None:
                raise NotFound("Không tìm thấy phiếu nộp này trên quầy.")
            view = _view(s, deposit)
            device = s.get(DeviceState, 1)
            unit = device.unit_code if device else ""
        return deposit_slip(view, unit=unit, point=point)


def deposit_slip(view: DepositView, *, unit: str, point: str = "") -> Document:
    rows = [Row(f"{labels.local_datetime(i.at)} · {i.cashier}", format_vnd(i.counted))
            for i in view.items]
    rows += [Row(f"Cộng ({len(view.items)} lần bàn giao)", format_vnd(view.total), bold=True,
                 rule=True),
             Row(f"Bằng chữ: {amount_in_words(view.total)}")]
    sub = [f"Số phiếu: {view.slip_no}", f"Đơn vị: {unit}", f"Ngân hàng: {view.bank}",
           f"Lập lúc: {labels.local_datetime(view.at)}", f"Thủ quỹ: {view.head_cashier}"]
    if point:
        sub.insert(1, point)
    footer = [f"Mã giao dịch ngân hàng: {view.bank_ref}" if view.bank_ref else
              "Mã giao dịch ngân hàng: ………………………… (ghi khi nhận lại phiếu)",
              "Thủ quỹ ký: ……………………    Ngân hàng ký, đóng dấu: ……………………"]
    return Document(title="PHIẾU NỘP TIỀN VÀO NGÂN HÀNG", subtitle=tuple(sub),
                    rows=tuple(rows), footer=tuple(footer))


def _deposited_keys(s: Session) -> set[str]:
    keys: set[str] = set()
    for items in s.scalars(select(Deposit.items)):
        keys.update(str(i["key"]) for i in json.loads(items))
    return keys


def _next_slip(s: Session, device_code: str, now: dt.datetime) -> str:
    day = now.astimezone(labels.VN_TZ).strftime("%Y%m%d")
    prefix = f"NT-{device_code}-{day}-"
    n = s.scalar(select(func.count()).select_from(Deposit)
                 .where(Deposit.slip_no.startswith(prefix))) or 0
    # a data folder put back by hand lacks the slips after it: the store's mark (put back
    # from ops.log and the mark outside the folder at start) keeps the highest one
    last = s.get(StoreMark, LAST_SLIP)
    if last is not None and int(last.value) // 1000 == int(day):
        n = max(n, int(last.value) % 1000)
    if n >= 999:
        raise ValidationError("Đã lập 999 phiếu nộp trong ngày trên quầy này.")
    return f"{prefix}{n + 1:03d}"


def _item_json(i: DepositItem) -> dict[str, object]:
    return {"key": i.key, "cashier": i.cashier, "counted": i.counted, "at": i.at.isoformat(),
            "here": i.here}


def _view(s: Session, d: Deposit) -> DepositView:
    head = s.get(Staff, d.head_cashier_id)
    items = tuple(DepositItem(str(i["key"]), str(i["cashier"]), int(i["counted"]),
                              dt.datetime.fromisoformat(str(i["at"])), bool(i.get("here", True)))
                  for i in json.loads(d.items))
    return DepositView(d.key, d.slip_no, d.bank, d.total, items,
                       head.full_name if head else "", d.at, d.bank_ref)
