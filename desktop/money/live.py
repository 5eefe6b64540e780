"""Before cash changes hands: are the chosen bills still unpaid at central?

Online, central answers within a short timeout and a bill paid elsewhere
meanwhile (another counter, a bank app) is shown to the cashier before the
money is taken. Offline, the cache is used and its age said.

Central is asked through :class:`BillSource`, which the link implements
(``desktop.link.Link.account_bills``); this module never sees the HTTP client.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Account, Bill, SyncState
from desktop.contract import BillStatus
from desktop.dto import LiveCheck
from desktop.errors import CentralOffline, QuayThuError
from desktop.labels import age, local_datetime
from desktop.money.amounts import format_vnd

logger = logging.getLogger(__name__)

__all__ = ["BillSource", "LiveCheck", "LiveCheckService"]


class BillSource(Protocol):
    """What the live check asks central: an account's bills as central holds them
    (``CentralOffline`` when this process works offline)."""

    def account_bills(self, code: str) -> dict[str, Any]: ...


class LiveCheckService:
    def __init__(self, reads: sessionmaker[Session], central: BillSource | None = None) -> None:
        self._reads = reads
        self.central = central

    def check_bills(self, account_id: int) -> LiveCheck:
        with self._reads() as s:
            account = s.get(Account, account_id)
            if account is None:
                return LiveCheck(False, (), "Không tìm thấy khách hàng trong dữ liệu cục bộ.")
            code = account.code
            unpaid = {b.bill_no: b.total for b in s.scalars(
                select(Bill).where(Bill.account_id == account_id,
                                   Bill.status == BillStatus.UNPAID))}
            state = s.get(SyncState, 1)
            as_of = state.data_as_of if state else None
        cache = (f"dữ liệu cục bộ cập nhật {age(as_of)}" if as_of else "dữ liệu cục bộ")
        if self.central is None:
            return LiveCheck(False, (), f"Ngoại tuyến: dùng {cache}.")
        try:
            body = self.central.account_bills(code)
        except CentralOffline:
            return LiveCheck(False, (), f"Ngoại tuyến: dùng {cache}.")
        except QuayThuError as exc:
            logger.info("live check unavailable: %s", type(exc).__name__)
            return LiveCheck(False, (), f"Không kiểm tra được với trung tâm: dùng {cache}.")
        theirs = {str(b.get("bill_no")): b for b in body["bills"] if isinstance(b, dict)}
        paid, lines = [], []
        for bill_no, total in unpaid.items():
            other = theirs.get(bill_no)
            if other is not None and other.get("status") == BillStatus.PAID:
                paid.append(bill_no)
                when = other.get("paid_at")
                at = local_datetime(dt.datetime.fromisoformat(when)) if isinstance(when, str) else ""
                lines.append(f"Hóa đơn {bill_no} ({format_vnd(total)}) đã được thanh toán nơi "
                             f"khác{' lúc ' + at if at else ''}: không thu hóa đơn này.")
        if paid:
            return LiveCheck(True, tuple(paid), " ".join(lines))
        return LiveCheck(True, (), "Đã kiểm tra với trung tâm: hóa đơn vẫn chưa thanh toán.")
