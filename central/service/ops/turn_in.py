"""Turn-ins and bank deposits: a counter's closed shift handed to the head cashier,
counted blind, and the head cashier's accepted turn-ins taken to the bank together."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.models import Deposit, Payment, ShiftClosing, Staff, TurnIn
from central.service.common import DeviceContext, Rejected, ServiceBase
from desktop.contract import PaymentMethod, PaymentStatus, Role, parse_device_code

#: Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt): characters
#: that show nothing — the combining grapheme joiner U+034F, variation selectors, the
#: Hangul fillers U+115F/U+1160/U+3164/U+FFA0, tags, … — not all of them ``Cf``
_IGNORABLE = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
              (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
              (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
              (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
              (0xE0000, 0xE0FFF))
#: Cyrillic and Greek letters that look like Latin ones (after case folding)
_CONFUSABLE = str.maketrans({
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "н": "h", "і": "i",
    "ј": "j", "к": "k", "ӏ": "l", "м": "m", "о": "o", "р": "p", "ԛ": "q", "ѕ": "s",
    "т": "t", "у": "y", "ү": "y", "х": "x", "ԝ": "w", "α": "a", "β": "b", "ε": "e",
    "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "γ": "y", "ζ": "z", "ω": "w", "ϲ": "c", "ϳ": "j"})


def _ignorable(c: str) -> bool:
    n = ord(c)
    return (unicodedata.category(c) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me")
            or any(lo <= n <= hi for lo, hi in _IGNORABLE))


def identity(name: str) -> str:
    """A staff user name as one person: compatibility-decomposed, case-folded, with
    every invisible character (format and control characters, spaces, Unicode's
    default-ignorable code points such as U+034F, U+FE0F and the Hangul fillers) and
    combining mark dropped, and Cyrillic/Greek lookalikes of Latin letters folded —
    user names are ASCII at central, so no spelling makes two people of one."""
    folded = unicodedata.normalize("NFKD", name).casefold()
    kept = "".join(c for c in folded if not _ignorable(c)).translate(_CONFUSABLE)
    return unicodedata.normalize("NFKC", kept)


def staff_member(s: Session, unit_code: str, name: str) -> Staff | None:
    """The unit's staff member a pushed user name stands for (user names are ASCII lower
    case at central, see ``add_staff``), or None when it names nobody of the unit."""
    wanted = identity(name)
    found = s.scalars(select(Staff).where(Staff.unit_code == unit_code,
                                          Staff.username == wanted)).all()
    return found[0] if len(found) == 1 else None


def own_number(ctx: DeviceContext, device_code: str) -> bool:
    """Whether a number's device code is the pushing device's own: a number carrying
    another device's code is not this device's to take, however predictable it is."""
    return parse_device_code(device_code) == (ctx.unit_code, ctx.device_id)


class TurnInRoom(ServiceBase):

    def _apply_turn_in(self, s: Session, ctx: DeviceContext, key: str,
                       d: dict[str, Any]) -> dict[str, Any]:
        closing = s.get(ShiftClosing, (ctx.device_id, d["shift_key"]))
        if closing is None:
            # the shift's close is pushed before its turn-in (the outbox keeps the order)
            raise Rejected("unknown-shift", "Ca này chưa được đóng và gửi về trung tâm.")
        head = staff_member(s, ctx.unit_code, d["head_cashier"])
        cashier = staff_member(s, ctx.unit_code, closing.staff)
        if cashier is None:
            # a close whose cashier is nobody of the unit (a lookalike of a name): whose
            # shift it was cannot be told, so nobody may take it over
            raise Rejected("unknown-cashier", "Ca này không thuộc nhân viên nào của đơn vị.",
                           alert="a turn-in of a shift closed under no staff member of the unit")
        named = staff_member(s, ctx.unit_code, d["cashier"])
        if (identity(d["head_cashier"]) == identity(closing.staff)
                or (head is not None and head.id == cashier.id)
                or named is None or named.id != cashier.id):
            raise Rejected("own-shift", "Người nhận bàn giao không được là người của ca đó.")
        if head is None or head.role != Role.HEAD_CASHIER or head.disabled_at is not None:
            # by identity, not by the string pushed: a made-up name or a plain cashier
            # is nobody who may take cash over
            raise Rejected("not-head-cashier", "Người nhận bàn giao không phải thủ quỹ "
                           "của đơn vị.", alert="a turn-in named no head cashier of the unit")
        if json.loads(closing.data).get("counted_cash") != d["declared"]:
            raise Rejected("declared-differs", "Số tiền bàn giao khác số đếm lúc đóng ca.")
        if s.scalar(select(TurnIn).where(TurnIn.device_id == ctx.device_id,
                                         TurnIn.shift_key == d["shift_key"])) is not None:
            raise Rejected("already-turned-in", "Ca này đã bàn giao trước đó.")
        s.add(TurnIn(device_id=ctx.device_id, key=key, shift_key=d["shift_key"],
                     unit_code=ctx.unit_code, cashier=closing.staff,
                     head_cashier=head.username, declared=d["declared"],
                     counted=d["counted"], reason=d.get("reason"),
                     at=dt.datetime.fromisoformat(d["at"])))
        s.flush()
        return {"turned_in": d["counted"], "difference": d["counted"] - d["declared"]}

    def _apply_deposit(self, s: Session, ctx: DeviceContext, key: str,
                       d: dict[str, Any]) -> dict[str, Any]:
        code = d["slip_no"].split("-")[1]
        if not own_number(ctx, code):
            raise Rejected("not-own-number", "Số phiếu nộp mang mã của máy khác.",
                           alert="a deposit slip number of another device was pushed")
        keys = [str(k) for k in d["turn_ins"]]
        if len(set(keys)) != len(keys):
            raise Rejected("turn-in-twice", "Một lần bàn giao có hai lần trong phiếu nộp.")
        found = {t.key: t for t in s.scalars(select(TurnIn).where(
            TurnIn.unit_code == ctx.unit_code, TurnIn.key.in_(keys)).with_for_update())}
        missing = [k for k in keys if k not in found]
        if missing:
            # only accepted turn-ins reach central; a counted-but-open one never does
            raise Rejected("unknown-turn-in", "Phiếu nộp có lần bàn giao trung tâm không có "
                           "(chưa nhận bàn giao hoặc của đơn vị khác).")
        if any(t.deposit_key is not None for t in found.values()):
            raise Rejected("already-deposited", "Có lần bàn giao đã nộp ngân hàng ở phiếu khác.",
                           alert="a turn-in was put in a second bank deposit")
        if sum(t.counted for t in found.values()) != d["total"]:
            raise Rejected("total-differs", "Tổng phiếu nộp khác tổng các lần bàn giao.")
        if s.scalar(select(Deposit).where(Deposit.slip_no == d["slip_no"])) is not None:
            raise Rejected("slip-used", "Số phiếu nộp này đã dùng.")
        for t in found.values():
            t.deposit_key = key
        s.add(Deposit(device_id=ctx.device_id, key=key, slip_no=d["slip_no"],
                      unit_code=ctx.unit_code, head_cashier=d["head_cashier"], bank=d["bank"],
                      total=d["total"], at=dt.datetime.fromisoformat(d["at"])))
        s.flush()
        return {"deposited": d["total"], "turn_ins": len(keys)}

    def _apply_deposit_ref(self, s: Session, ctx: DeviceContext, key: str,
                           d: dict[str, Any]) -> dict[str, Any]:
        deposit = s.get(Deposit, (ctx.device_id, str(d["deposit_key"])))
        if deposit is None:
            raise Rejected("unknown-deposit", "Trung tâm không có phiếu nộp này.")
        if deposit.bank_ref is not None and deposit.bank_ref != d["bank_ref"]:
            raise Rejected("ref-already-recorded", "Phiếu nộp đã có mã ngân hàng khác.",
                           alert="a second bank reference for one deposit")
        deposit.bank_ref = d["bank_ref"]
        deposit.bank_ref_at = dt.datetime.fromisoformat(d["at"])
        s.flush()
        return {"slip_no": deposit.slip_no, "bank_ref": deposit.bank_ref}

    def undeposited(self, ctx: DeviceContext) -> dict[str, Any]:
        """The unit's accepted turn-ins no deposit has taken yet (every counter's)."""
        with self.sessions() as s:
            rows = s.scalars(select(TurnIn).where(
                TurnIn.unit_code == ctx.unit_code, TurnIn.deposit_key.is_(None))
                .order_by(TurnIn.at)).all()
            return {"turn_ins": [{
                "key": t.key, "shift_key": t.shift_key, "cashier": t.cashier,
                "head_cashier": t.head_cashier, "counted": t.counted,
                "at": t.at.isoformat()} for t in rows], "as_of": self.clock().isoformat()}

    def cash_position(self, unit_code: str, day: dt.date) -> dict[str, Any]:
        """One unit's cash on one local day: taken → counted at the close → handed over.

        The day is Ho Chi Minh City's (UTC+7, no daylight saving). ``not_turned_in`` is
        the cash of the day's closed shifts no head cashier has taken over yet: still in
        the cashiers' hands; ``with_head_cashier`` what was handed over and has not gone
        to the bank; ``deposited_confirmed`` the deposited cash whose bank reference is in.
        """
        start = dt.datetime.combine(day, dt.time(), dt.UTC) - dt.timedelta(hours=7)
        end = start + dt.timedelta(days=1)
        with self.sessions() as s:
            taken = s.scalar(select(func.coalesce(func.sum(Payment.amount), 0)).where(
                Payment.unit_code == unit_code, Payment.method == PaymentMethod.CASH,
                Payment.status != PaymentStatus.VOIDED, Payment.paid_at >= start, Payment.paid_at < end))
            closings = s.scalars(select(ShiftClosing).where(
                ShiftClosing.unit_code == unit_code, ShiftClosing.closed_at >= start,
                ShiftClosing.closed_at < end)).all()
            turned = {(t.device_id, t.shift_key): t for t in s.scalars(select(TurnIn).where(
                TurnIn.unit_code == unit_code,
                TurnIn.shift_key.in_([c.shift_key for c in closings])))}
            counted = {(c.device_id, c.shift_key): int(json.loads(c.data)["counted_cash"])
                       for c in closings}
            handed = [t for k, t in turned.items() if k in counted]
            deposits = {d.key: d for d in s.scalars(select(Deposit).where(
                Deposit.unit_code == unit_code,
                Deposit.key.in_({t.deposit_key for t in handed if t.deposit_key})))}
        banked = [t for t in handed if t.deposit_key in deposits]
        turned_in = sum(t.counted for t in handed)
        deposited = sum(t.counted for t in banked)
        not_turned_in = sum(v for k, v in counted.items() if k not in turned)
        return {"unit": unit_code, "day": day.isoformat(), "cash_taken": int(taken or 0),
                "shifts_closed": len(closings), "counted_at_close": sum(counted.values()),
                "turned_in": turned_in,
                "turn_in_difference": sum(t.counted - t.declared for t in handed),
                "not_turned_in": not_turned_in,
                "deposited": deposited,
                "deposited_confirmed": sum(t.counted for t in banked
                                           if deposits[str(t.deposit_key)].bank_ref),
                "with_head_cashier": turned_in - deposited,
                # the cash of the day's closed shifts that has not reached the bank
                "in_hand": not_turned_in + turned_in - deposited}
