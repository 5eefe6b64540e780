"""Before cash changes hands: are the chosen bills still unpaid at central?

Online, central answers within a short timeout and a bill paid elsewhere
meanwhile (another counter, a bank app) is shown to the cashier before the
money is taken. Offline, the cache is used and its age said.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Account, Bill, SyncState
from desktop.errors import QuayThuError
from desktop.labels import age, local_datetime
from desktop.link.sync.client import CentralClient
from desktop.money.amounts import format_vnd

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LiveCheck:
    online: bool
    #: bill numbers central knows as paid while the cache says unpaid
    paid_elsewhere: tuple[str, ...]
    #: sentences for the cashier
    message: str

    @property
    def ok_to_take(self) -> bool:
        return not self.paid_elsewhere


def check_bills(sessions: sessionmaker[Session], client: CentralClient | None,
                account_id: int) -> LiveCheck:
    with sessions() as s:
        account = s.get(Account, account_id)
        if account is None:
            return LiveCheck(False, (), "Không tìm thấy khách hàng trong dữ liệu cục bộ.")
        unpaid = {b.bill_no: b.total for b in s.scalars(
            select(Bill).where(Bill.account_id == account_id, Bill.status == "unpaid"))}
        state = s.get(SyncState, 1)
        as_of = state.data_as_of if state else None
    cache = (f"dữ liệu cục bộ cập nhật {age(as_of)}" if as_of else "dữ liệu cục bộ")
    if client is None:
        return LiveCheck(False, (), f"Ngoại tuyến: dùng {cache}.")
    try:
        body = client.account_bills(account.code)
    except QuayThuError as exc:
        logger.info("live check unavailable: %s", type(exc).__name__)
        return LiveCheck(False, (), f"Không kiểm tra được với trung tâm: dùng {cache}.")
    theirs = {str(b.get("bill_no")): b for b in body["bills"] if isinstance(b, dict)}
    paid, lines = [], []
    for bill_no, total in unpaid.items():
        other = theirs.get(bill_no)
        if other is not None and other.get("status") == "paid":
            paid.append(bill_no)
            when = other.get("paid_at")
            at = local_datetime(dt.datetime.fromisoformat(when)) if isinstance(when, str) else ""
            lines.append(f"Hóa đơn {bill_no} ({format_vnd(total)}) đã được thanh toán nơi khác"
                         f"{' lúc ' + at if at else ''}: không thu hóa đơn này.")
    if paid:
        return LiveCheck(True, tuple(paid), " ".join(lines))
    return LiveCheck(True, (), "Đã kiểm tra với trung tâm: hóa đơn vẫn chưa thanh toán.")
