"""A journal line: accepted only where the device's hash chain goes on."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import (
    Alert,
    AuditHead,
    AuditLine,
)
from central.service.common import (
    DeviceContext,
    Rejected,
    ServiceBase,
)
from desktop.contract import (
    GENESIS,
    canonical,
    chain_hash,
)

logger = logging.getLogger(__name__)

#: ``Session.info`` keys: the journal lines of this push accepted (op key → entry) and
#: refused (op key → why), for the payments they record
JOURNAL_ACCEPTED = "journal_accepted"
JOURNAL_REFUSED = "journal_refused"
#: the action of the line a counter writes after re-chaining its unsent journal lines onto
#: central's head (desktop.rowseal.rechain_journal): accepted by the same rules as any
#: line, and an alert, so that a rebase is never silent at central either
REBASED = "journal-rechained"




class AuditRoom(ServiceBase):

    def _apply_audit(self, s: Session, ctx: DeviceContext, key: str,
                     d: dict[str, Any]) -> dict[str, Any]:
        head = self._lock(s, select(AuditHead).where(AuditHead.device_id == ctx.device_id))
        return self._chain(s, ctx, d, head, key)[0]

    def _chain(self, s: Session, ctx: DeviceContext, d: dict[str, Any],
               head: AuditHead | None, key: str | None = None
               ) -> tuple[dict[str, Any], AuditHead]:
        """Accept a journal line only where the device's chain must go on (``head``, locked)."""
        seq, prev = (head.seq, head.hash) if head is not None else (0, GENESIS)
        entry = d["entry"]
        problem = None
        if entry.get("seq") != d["seq"] or chain_hash(d["prev_hash"], entry) != d["hash"]:
            problem = f"dòng {d['seq']} không khớp mã băm của chính nó (bị sửa)"
        elif d["seq"] != seq + 1 or d["prev_hash"] != prev:
            problem = (f"dòng {d['seq']} không nối tiếp dòng {seq} trung tâm đã nhận "
                       f"(nhật ký bị xóa, chèn, đảo hoặc viết lại)")
        detail = entry.get("detail")
        op_key = detail.get("key") if isinstance(detail, dict) else None
        op_key = op_key if isinstance(op_key, str) and len(op_key) <= 36 else None
        if problem is not None:
            if op_key is not None and entry.get("action") == "payment":
                # the payment it records is refused with it (PaymentRoom reads this)
                s.info.setdefault(JOURNAL_REFUSED, {})[op_key] = problem
            logger.error("audit chain of device %s broken at line %s", ctx.device_id, d["seq"])
            raise Rejected("audit-chain-broken", f"Nhật ký không hợp lệ: {problem}.",
                           alert=f"Thiết bị {ctx.device_id}: chuỗi nhật ký bị phá vỡ — {problem}.")
        if head is None:
            head = AuditHead(device_id=ctx.device_id, seq=d["seq"], hash=d["hash"])
            s.add(head)
        else:
            head.seq, head.hash = d["seq"], d["hash"]
        s.add(AuditLine(device_id=ctx.device_id, seq=d["seq"], prev_hash=d["prev_hash"],
                        hash=d["hash"], entry=canonical(entry), received_at=self.clock(),
                        op_key=op_key,
                        # a line that records money is checked later against what came
                        # (ReportsRoom.check_journal); any other needs no check
                        checked_at=(None if op_key is not None
                                    and entry.get("action") in ("payment", "void")
                                    else self.clock())))
        if op_key is not None and entry.get("action") == "payment":
            s.info.setdefault(JOURNAL_ACCEPTED, {})[op_key] = entry
        if entry.get("action") == REBASED:
            said = detail if isinstance(detail, dict) else {}
            s.add(Alert(unit_code=ctx.unit_code, kind=REBASED, op_key=key,
                        created_at=self.clock(),
                        message=f"Thiết bị {ctx.device_id}: nhật ký của máy quầy được nối lại "
                                f"sau dòng {str(said.get('after', '?'))[:12]} trung tâm đã nhận "
                                f"({str(said.get('lines', '?'))[:12]} dòng chưa gửi, số cũ "
                                f"{str(said.get('old', '?'))[:40]}): thư mục dữ liệu của quầy "
                                "là một bản cũ được chép lại — kiểm tra máy quầy và các khoản "
                                "thu của nó."))
        return {"seq": d["seq"]}, head
