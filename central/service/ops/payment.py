"""A payment: the rules that take it or refuse it, on rows loaded and locked."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from central.models import (
    Account,
    Alert,
    AppliedOp,
    AuditLine,
    Bill,
    Payment,
    PaymentIntent,
    Unit,
)
from central.service.changelog import (
    account_data,
    bill_data,
    payment_record_id,
    record_change,
    unit_data,
)
from central.service.common import (
    CLOCK_AHEAD,
    OFFLINE_AT_MOST,
    DeviceContext,
    Rejected,
    ServiceBase,
    may_collect,
)
from central.service.ops.audit import JOURNAL_ACCEPTED, JOURNAL_REFUSED
from desktop.contract import (
    AccountStatus,
    BillStatus,
    IntentStatus,
    PaymentMethod,
    PaymentStatus,
    journal_mismatch,
    vietqr_payment_key,
)
from desktop.money.amounts import format_vnd
from desktop.money.fees import counter_fee

#: ``Session.info`` key: the receipt numbers of the pushing device central holds, loaded
#: at once for a batch (PushRoom._push_batch)
RECEIPTS_HELD = "receipts_held"


class PaymentRoom(ServiceBase):

    def _apply_payment(self, s: Session, ctx: DeviceContext, key: str,
                       d: dict[str, Any]) -> dict[str, Any]:
        account = self._lock(s, select(Account).where(Account.code == d["account_code"]))
        bills = {b.bill_no: b for b in (
            self._lock(s, select(Bill).where(Bill.bill_no == item["bill_no"]))
            for item in d["bills"]) if b is not None}
        return self._settle(s, ctx, key, d, account, bills, self._load_unit(s, ctx))

    def _journaled(self, s: Session, ctx: DeviceContext, key: str, d: dict[str, Any]) -> None:
        """Refuse a payment that its device's accepted journal does not record.

        A counter writes the journal line in the same transaction as the payment
        and pushes both in one batch (the push applies the lines first), so a
        genuine payment always finds its line: in this push, or in an earlier one.
        A payment made by hand with a device's token and no line, or whose line
        broke the chain, took no cash at any counter: it is refused, with an alert.
        """
        entry: Any = s.info.get(JOURNAL_ACCEPTED, {}).get(key)
        refused = s.info.get(JOURNAL_REFUSED, {}).get(key)
        if entry is None and refused is None:
            for text in s.scalars(select(AuditLine.entry).where(
                    AuditLine.device_id == ctx.device_id, AuditLine.op_key == key)):
                held = json.loads(text)
                if isinstance(held, dict) and held.get("action") == "payment":
                    entry = held
                    break
        receipt = d.get("receipt_no", key)
        if entry is None and refused is not None:
            raise Rejected("journal-rejected",
                           f"Dòng nhật ký của khoản thu bị trung tâm từ chối ({refused}); "
                           "không áp dụng.",
                           alert=f"Khoản thu {receipt} của thiết bị {ctx.device_id}: dòng nhật "
                                 f"ký của nó bị từ chối ({refused}); khoản thu không được áp "
                                 "dụng — kiểm tra máy quầy.")
        if entry is None:
            raise Rejected("journal-missing",
                           "Khoản thu không có dòng nhật ký nào ghi nó; không áp dụng.",
                           alert=f"Khoản thu {receipt} của thiết bị {ctx.device_id} không có "
                                 "dòng nhật ký nào ghi nó: không áp dụng — có thể do người "
                                 "giữ mã thiết bị tự tạo; kiểm tra máy quầy.")
        why = journal_mismatch(d, entry)
        if why is not None:
            raise Rejected("journal-mismatch",
                           f"Dữ liệu khoản thu khác dòng nhật ký của nó ({why}); không áp dụng.",
                           alert=f"Khoản thu {receipt} của thiết bị {ctx.device_id} khác dòng "
                                 f"nhật ký đã ký ({why}): kiểm tra máy quầy.")

    def _receipt_held(self, s: Session, ctx: DeviceContext, receipt_no: str) -> bool:
        """Whether central holds a payment of this device under this receipt number; the
        number counted as held from now on. A batch loads the numbers it carries in one
        statement first (``RECEIPTS_HELD``); elsewhere one query."""
        held: set[str] | None = s.info.get(RECEIPTS_HELD)
        if held is None:
            s.flush()  # a payment of this transaction's earlier savepoints counts
            return s.scalar(select(Payment.key).where(
                Payment.device_id == ctx.device_id, Payment.receipt_no == receipt_no)
                .limit(1)) is not None
        clash = receipt_no in held
        held.add(receipt_no)
        return clash

    def _settle(self, s: Session, ctx: DeviceContext, key: str, d: dict[str, Any],
                account: Account | None, bills: dict[str, Bill],
                unit: Unit | None) -> dict[str, Any]:
        """The payment rules, on rows the caller loaded (and locked on PostgreSQL).

        Everything that refuses the payment is checked before anything changes,
        so a refusal needs no rollback.
        """
        self._journaled(s, ctx, key, d)
        # another unit's account answers as an unknown one: a token holder cannot tell
        # which codes exist elsewhere; an agent (thu hộ) collects for every unit
        if account is None or not may_collect(unit, ctx, account):
            raise Rejected("unknown-account", f"Không có khách hàng {d['account_code']}.")
        # the account's own unit hears of its bills and credit: its counters pull them
        owner = account.unit_code
        fees = d.get("fees") or []
        if sum(b["amount"] for b in d["bills"]) + sum(f["amount"] + f["vat"] for f in fees) \
                != d["amount"]:
            raise Rejected("amount-mismatch", "Tổng tiền các hóa đơn khác số tiền thu.")
        if d["method"] == PaymentMethod.VIETQR:
            if key != vietqr_payment_key(d.get("intent_ref") or ""):
                # one intent, one key: a second payment citing the same paid intent under
                # another key would credit money the bank paid once
                raise Rejected("intent-key", "Khoản thu VietQR phải mang khóa của mã thanh toán "
                               "nó dẫn chiếu; không áp dụng.",
                               alert=f"Thiết bị {ctx.device_id} gửi khoản thu dẫn chiếu mã "
                                     f"VietQR {d.get('intent_ref')} dưới một khóa khác.")
            intent = s.get(PaymentIntent, d.get("intent_ref") or "")
            if (intent is None or intent.status != IntentStatus.PAID or intent.amount != d["amount"]
                    or intent.account_code != account.code or intent.device_id != ctx.device_id):
                raise Rejected("intent-not-paid", "Không có xác nhận của ngân hàng cho khoản "
                               "thu VietQR này.")
        for item in d["bills"]:
            bill = bills.get(item["bill_no"])
            if bill is None or bill.account_id != account.id:
                raise Rejected("unknown-bill", f"Hóa đơn {item['bill_no']} không thuộc khách hàng.")
        if fees:
            self._check_fees(s, ctx, key, d, account, bills, fees)
        paid_at = dt.datetime.fromisoformat(d["paid_at"])
        settled, credited, alerts = [], 0, []
        now = self.clock()
        if paid_at > now + CLOCK_AHEAD or paid_at < now - OFFLINE_AT_MOST:
            # kept as it came (the money was taken), but a supervisor looks at that counter
            s.add(Alert(unit_code=ctx.unit_code, kind="clock-skew", op_key=key,
                        message=f"Khoản thu {d['receipt_no']} mang giờ {paid_at.isoformat()} "
                                f"khi trung tâm nhận lúc {now.isoformat(timespec='seconds')}: "
                                "đồng hồ của quầy có thể sai.", created_at=now))
        for item in d["bills"]:
            bill = bills[item["bill_no"]]
            if bill.status == BillStatus.UNPAID and item["amount"] == bill.total:
                bill.status, bill.paid_at, bill.paid_by = BillStatus.PAID, paid_at, key
                record_change(s, owner, "bill", bill.id, "upsert", bill_data(bill))
                settled.append(bill.bill_no)
            else:
                # Paid elsewhere meanwhile (or not the bill's amount): the cash is
                # kept as credit on the account and a supervisor is alerted.
                credited += item["amount"]
                message = (f"Hóa đơn {bill.bill_no} đã được thanh toán nơi khác; "
                           f"{format_vnd(item['amount'])} ghi có cho khách hàng {account.code}.")
                s.add(Alert(unit_code=ctx.unit_code, kind="credit", op_key=key,
                            message=message, created_at=self.clock()))
                alerts.append(message)
        # the change rounded down to the drawer's smallest note: the rest is credit
        # (no alert: it is the rule, not a conflict)
        credited += int(d.get("change_credit") or 0)
        if credited:
            account.credit += credited
            record_change(s, owner, "account", account.id, "upsert",
                          account_data(account))
        clash: str | None = None
        if self._receipt_held(s, ctx, d["receipt_no"]):
            # the cash was taken: applied under its own key, and a supervisor looks at
            # the counter that handed out one number twice
            message = (f"Số phiếu thu {d['receipt_no']} của thiết bị {ctx.device_id} trùng "
                       "một khoản thu trung tâm đã có (khóa khác): đã ghi nhận cả hai; kiểm "
                       "tra máy quầy (thư mục dữ liệu bị chép đè?).")
            s.add(Alert(unit_code=ctx.unit_code, kind="receipt-clash", op_key=key,
                        message=message, created_at=now))
            clash = message
        s.add(Payment(key=key, device_id=ctx.device_id, unit_code=ctx.unit_code,
                      account_id=account.id, receipt_no=d["receipt_no"], method=d["method"],
                      amount=d["amount"], paid_at=paid_at, status=PaymentStatus.TAKEN, credited=credited,
                      shift_key=d.get("shift_key"),
                      fees=json.dumps(fees, ensure_ascii=False) if fees else None))
        if unit is not None and unit.collection_limit is not None and d["method"] == PaymentMethod.CASH:
            # the cash is in the unit's hands until remitted
            unit.unremitted += d["amount"]
            record_change(s, ctx.unit_code, "unit", unit.code, "upsert", unit_data(unit))
            if unit.unremitted > unit.collection_limit:
                s.add(Alert(unit_code=ctx.unit_code, kind="over-limit", op_key=key,
                            message=f"{unit.name}: tiền thu chưa nộp {format_vnd(unit.unremitted)}"
                                    f" vượt hạn mức {format_vnd(unit.collection_limit)}.",
                            created_at=self.clock()))
        record_id = payment_record_id(key, ctx.device_id)
        record_change(s, owner, "payment_record", record_id, "upsert", {
            "id": record_id, "account_id": account.id, "paid_at": paid_at.isoformat(),
            "amount": d["amount"], "method": d["method"], "receipt_no": d["receipt_no"],
            "place": f"Quầy thu {unit.name if unit else ctx.unit_code}"})
        return {"settled": settled, "credited": credited, "alerts": alerts,
                **({"receipt_clash": clash} if clash else {})}

    def _check_fees(self, s: Session, ctx: DeviceContext, key: str, d: dict[str, Any],
                    account: Account, bills: dict[str, Bill],
                    fees: list[dict[str, Any]]) -> None:
        """A fee is what resources/services/_reconnection_fees.toml has the account's unit
        collect at the counter, for an account cut off for non-payment, in cash, once per
        payment: anything else is refused (a token holder cannot make up a fee).

        And only with the payment that clears the debt (as the counter takes it,
        ``desktop.service_requests.reconnection_fee_due``): every bill it names unpaid,
        every unpaid bill of the account named; once per disconnection — a payment not
        voided that took a fee for this account since central last changed its status
        (cut it off) means none is taken again. The fee's VAT is the rate of the earlier of
        ``paid_at`` and central's clock (``paid_at`` itself within ``CLOCK_AHEAD`` of it): a
        forged future date picks no other rate.
        """
        paid_at, now = dt.datetime.fromisoformat(d["paid_at"]), self.clock()
        # a counter's clock a little ahead (the skew central tolerates) keeps its own day:
        # a cash payment taken a minute past a VAT change is not refused for it
        at = paid_at if paid_at <= now + CLOCK_AHEAD else now
        due = counter_fee(account.unit_code, account.voltage, at)
        why: str | None = None
        if len(fees) != 1 or due is None or d["method"] != PaymentMethod.CASH \
                or account.status != AccountStatus.DISCONNECTED or fees[0] != due.data():
            why = "phí không đúng bảng phí"
        else:
            named = {item["bill_no"] for item in d["bills"]}
            if any(bills[n].status != BillStatus.UNPAID for n in named):
                why = "phí kèm hóa đơn đã thanh toán"
            elif s.scalar(select(Bill.id).where(
                    Bill.account_id == account.id, Bill.status == BillStatus.UNPAID,
                    Bill.bill_no.not_in(named)).limit(1)) is not None:
                why = "phí kèm khoản thu chưa trả hết nợ"
            elif s.scalar(select(Payment.key).join(AppliedOp, and_(
                    AppliedOp.device_id == Payment.device_id, AppliedOp.key == Payment.key))
                    .where(Payment.account_id == account.id, Payment.fees.is_not(None),
                           Payment.status != PaymentStatus.VOIDED,
                           AppliedOp.applied_at >= account.updated_at).limit(1)) is not None:
                why = "phí đã thu cho lần cắt điện này"
        if why is not None:
            raise Rejected("fee-refused", "Phí kèm khoản thu không đúng quy định của Điện lực "
                           f"cho khách hàng {account.code} ({why}); không áp dụng.",
                           alert=f"Thiết bị {ctx.device_id} gửi khoản thu {d['receipt_no']} "
                                 f"kèm phí không đúng quy định ({why}; khóa {key}).")
