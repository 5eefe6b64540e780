"""Helpers of the scripted cashier (``quaythu simulate-counter``)."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Bill
from desktop.app import App
from desktop.contract import BillStatus


def accounts_with_unpaid_bills(app: App) -> list[int]:
    """Ids of cached accounts that owe something, in id order."""
    with app.sessions() as s:
        return list(s.scalars(select(Bill.account_id).where(Bill.status == BillStatus.UNPAID)
                              .distinct().order_by(Bill.account_id)))
