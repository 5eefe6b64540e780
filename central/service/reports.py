"""What supervisors and the back office read: alerts, settlement, the live check of
an account, per-unit statistics."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select, update

from central.models import (
    Account,
    Alert,
    AppliedOp,
    AuditLine,
    Bill,
    Device,
    Payment,
    PaymentIntent,
    Unit,
)
from central.service.changelog import (
    account_data,
    bill_data,
)
from central.service.common import (
    DeviceContext,
    ServiceBase,
    may_collect,
)
from central.service.errors import NotFound
from desktop.contract import IntentStatus, PaymentStatus, PushStatus, vietqr_payment_key
from desktop.money.amounts import format_vnd


class ReportsRoom(ServiceBase):

    def alerts(self, unit_code: str | None = None) -> list[dict[str, Any]]:
        self.alert_unrecorded_intents()
        self.check_journal()
        with self.sessions() as s:
            q = select(Alert).order_by(Alert.id)
            if unit_code:
                q = q.where(Alert.unit_code == unit_code)
            return [{"unit": a.unit_code, "kind": a.kind, "op_key": a.op_key,
                     "message": a.message, "created_at": a.created_at.isoformat()}
                    for a in s.scalars(q)]

    def settle(self, unit_code: str, before: dt.datetime) -> int:
        """Mark the unit's payments taken before ``before`` as settled (end of day)."""
        with self._tx() as s:
            rows = s.scalars(select(Payment).where(Payment.unit_code == unit_code,
                                                   Payment.status == PaymentStatus.TAKEN,
                                                   Payment.paid_at < before)).all()
            for p in rows:
                p.status = PaymentStatus.SETTLED
            return len(rows)

    def bills_of(self, ctx: DeviceContext, account_code: str) -> dict[str, Any]:
        with self.sessions() as s:
            account = s.scalar(select(Account).where(Account.code == account_code))
            # an agent looks up any unit's account, by its exact code only
            if account is None or not may_collect(s.get(Unit, ctx.unit_code), ctx, account):
                raise NotFound("account-not-found", "No such account")
            data = account_data(account)
            if account.unit_code != ctx.unit_code:
                data["phone"] = None  # an agent takes money; it has no use for the phone
            bills = s.scalars(select(Bill).where(Bill.account_id == account.id)
                              .order_by(Bill.period_end)).all()
            return {"account": data, "bills": [bill_data(b) for b in bills],
                    "as_of": self.clock().isoformat()}

    def unrecorded_intents(self, unit_code: str | None = None) -> list[dict[str, Any]]:
        """VietQR intents the bank paid longer ago than ``vietqr_grace`` for which no
        payment came from the counter: money the bank holds and no receipt says."""
        before = self.clock() - self.vietqr_grace
        with self.sessions() as s:
            q = select(PaymentIntent).where(PaymentIntent.status == IntentStatus.PAID,
                                            PaymentIntent.paid_at < before)
            if unit_code:
                q = q.where(PaymentIntent.unit_code == unit_code)
            intents = list(s.scalars(q.order_by(PaymentIntent.paid_at)))
            keys = {vietqr_payment_key(i.reference): i for i in intents}
            # in slices: a long list stays within any database's parameter limit
            have: set[str] = set()
            listed = list(keys)
            for i in range(0, len(listed), 500):
                have |= set(s.scalars(select(Payment.key).where(
                    Payment.key.in_(listed[i:i + 500]))))
            return [{"reference": i.reference, "unit": i.unit_code, "device_id": i.device_id,
                     "account_code": i.account_code, "amount": i.amount,
                     "bank_ref": i.bank_ref, "paid_at": i.paid_at.isoformat() if i.paid_at
                     else None, "alerted": i.alerted_at is not None}
                    for k, i in keys.items() if k not in have]

    def alert_unrecorded_intents(self) -> int:
        """Raise one alert per paid intent without its payment past the grace; how many
        were raised now. Marked on the intent in the alert's transaction (an UPDATE that
        only one caller wins), so two workers never raise it twice."""
        raised = 0
        now = self.clock()
        for row in self.unrecorded_intents():
            if row["alerted"]:
                continue
            with self._tx() as s:
                won = s.execute(update(PaymentIntent).where(
                    PaymentIntent.reference == row["reference"],
                    PaymentIntent.alerted_at.is_(None)).values(alerted_at=now)
                    .returning(PaymentIntent.reference)).first()
                if won is None:
                    continue
                s.add(Alert(unit_code=row["unit"], kind="vietqr-unrecorded",
                            op_key=row["reference"],
                            message=f"Ngân hàng đã báo nhận {format_vnd(row['amount'])} "
                                    f"({row['bank_ref']}) cho mã VietQR {row['reference']} "
                                    f"của khách {row['account_code']} (thiết bị "
                                    f"{row['device_id']}) mà quầy chưa gửi khoản thu: kiểm "
                                    "tra quầy đó (mất kết nối? tắt máy?).", created_at=now))
            raised += 1
        return raised

    def check_journal(self, *, limit: int = 5000) -> int:
        """Raise one alert per payment or void a device's journal records and central does
        not hold past the grace (``vietqr_grace``): the journal line came, the operation
        did not — a counter whose files were edited holds it back (a payment kept off the
        outbox, a void set aside), or it is stuck. How many alerts were raised now.

        Each line is checked once (``checked_at``, set by an UPDATE only one caller wins,
        so two workers never raise it twice); a payment that comes after its alert leaves
        the alert as it was said."""
        now = self.clock()
        before = now - self.vietqr_grace
        raised = 0
        with self._tx() as s:
            rows = s.execute(
                select(AuditLine, Device.unit_code)
                .join(Device, Device.id == AuditLine.device_id)
                .where(AuditLine.checked_at.is_(None), AuditLine.received_at < before)
                .order_by(AuditLine.received_at).limit(limit)).all()
            for line, unit in rows:
                try:
                    entry = json.loads(line.entry)
                except ValueError:
                    entry = {}
                action = entry.get("action")
                detail = entry.get("detail") if isinstance(entry.get("detail"), dict) else {}
                key = line.op_key
                missing: str | None = None
                if key and action == "payment":
                    if s.get(AppliedOp, (line.device_id, key)) is None:
                        missing = (f"Nhật ký thiết bị {line.device_id} ghi khoản thu "
                                   f"{format_vnd(int(detail.get('amount') or 0))} (phiếu "
                                   f"{entry.get('subject', '')}, khách {detail.get('account', '')}) "
                                   "mà trung tâm chưa nhận khoản thu đó: kiểm tra quầy "
                                   "(tiền đã thu nhưng khoản thu bị giữ lại hoặc bị xóa?).")
                elif key and action == "void":
                    paid = s.get(Payment, (line.device_id, key))
                    if paid is None or paid.status != PaymentStatus.VOIDED:
                        missing = (f"Nhật ký thiết bị {line.device_id} ghi hủy phiếu "
                                   f"{entry.get('subject', '')} "
                                   f"({format_vnd(int(detail.get('amount') or 0))}) mà trung "
                                   "tâm chưa nhận lệnh hủy: hóa đơn vẫn tính là đã thu — "
                                   "kiểm tra quầy.")
                won = s.execute(update(AuditLine).where(
                    AuditLine.device_id == line.device_id, AuditLine.seq == line.seq,
                    AuditLine.checked_at.is_(None)).values(checked_at=now)
                    .returning(AuditLine.seq)).first()
                if won is not None and missing is not None:
                    s.add(Alert(unit_code=unit, kind="journal-held-back", op_key=key,
                                message=missing, created_at=now))
                    raised += 1
        return raised

    def stats(self) -> list[dict[str, Any]]:
        self.alert_unrecorded_intents()
        self.check_journal()
        unrecorded: dict[str, int] = {}
        for row in self.unrecorded_intents():
            unrecorded[row["unit"]] = unrecorded.get(row["unit"], 0) + 1
        with self.sessions() as s:
            units = s.scalars(select(Unit.code).order_by(Unit.code)).all()
            ops = dict(((u, st), n) for u, st, n in s.execute(
                select(AppliedOp.unit_code, AppliedOp.status, func.count())
                .where(AppliedOp.kind == "payment")
                .group_by(AppliedOp.unit_code, AppliedOp.status)))
            replays = dict(s.execute(select(AppliedOp.unit_code, func.sum(AppliedOp.replays))
                                     .group_by(AppliedOp.unit_code)).all())
            credits = dict(s.execute(select(Payment.unit_code, func.count())
                                     .where(Payment.credited > 0).group_by(Payment.unit_code)).all())
            return [{"unit": u, "payments_applied": ops.get((u, PushStatus.APPLIED), 0),
                     "duplicates_refused": int(replays.get(u) or 0),
                     "payments_rejected": ops.get((u, PushStatus.REJECTED), 0),
                     "credits": credits.get(u, 0),
                     # paid by the bank past the grace, no payment from the counter yet
                     "vietqr_unrecorded": unrecorded.get(u, 0)} for u in units]
