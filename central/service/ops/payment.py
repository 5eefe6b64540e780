"""A payment: the rules that take it or refuse it, on rows loaded and locked."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import (
    Account,
    Alert,
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
from desktop.contract import (
    AccountStatus,
    BillStatus,
    IntentStatus,
    PaymentMethod,
    PaymentStatus,
    vietqr_payment_key,
)
from desktop.money.amounts import format_vnd
from desktop.money.fees import counter_fee


class PaymentRoom(ServiceBase):

    def _apply_payment(self, s: Session, ctx: DeviceContext, key: str,
                       d: dict[str, Any]) -> dict[str, Any]:
        account = self._lock(s, select(Account).where(Account.code == d["account_code"]))
        bills = {b.bill_no: b for b in (
            self._lock(s, select(Bill).where(Bill.bill_no == item["bill_no"]))
            for item in d["bills"]) if b is not None}
        return self._settle(s, ctx, key, d, account, bills, self._load_unit(s, ctx))

    def _settle(self, s: Session, ctx: DeviceContext, key: str, d: dict[str, Any],
                account: Account | None, bills: dict[str, Bill],
                unit: Unit | None) -> dict[str, Any]:
        """The payment rules, on rows the caller loaded (and locked on PostgreSQL).

        Everything that refuses the payment is checked before anything changes,
        so a refusal needs no rollback.
        """
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
        if fees:
            self._check_fees(ctx, key, d, account, fees)
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
        return {"settled": settled, "credited": credited, "alerts": alerts}

    @staticmethod
    def _check_fees(ctx: DeviceContext, key: str, d: dict[str, Any], account: Account,
                    fees: list[dict[str, Any]]) -> None:
        """A fee is what resources/services/_reconnection_fees.toml has the account's unit
        collect at the counter, for an account cut off for non-payment, in cash, once per
        payment: anything else is refused (a token holder cannot make up a fee)."""
        paid_at = dt.datetime.fromisoformat(d["paid_at"])
        due = counter_fee(account.unit_code, account.voltage, paid_at)
        if len(fees) != 1 or due is None or d["method"] != PaymentMethod.CASH \
                or account.status != AccountStatus.DISCONNECTED or fees[0] != due.data():
            raise Rejected("fee-refused", "Phí kèm khoản thu không đúng quy định của Điện lực "
                           f"cho khách hàng {account.code}; không áp dụng.",
                           alert=f"Thiết bị {ctx.device_id} gửi khoản thu {d['receipt_no']} "
                                 f"kèm phí không đúng bảng phí (khóa {key}).")
