"""The pull: a device's pages of the change log."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select

from central.models import (
    Bill,
    Change,
)
from central.service.common import (
    MAX_PULL,
    DeviceContext,
    ServiceBase,
)
from desktop.contract import BillStatus

#: what a device that holds the whole city gets of every unit; the rest (staff and their
#: password hashes, service requests, route sheets) only of its own
CITY_ENTITIES = ("unit", "account", "bill", "outage", "reading", "payment_record")


class PullRoom(ServiceBase):

    def head(self) -> int:
        """The change log's last sequence value: where a first sync's snapshot ends."""
        with self.sessions() as s:
            return int(s.scalar(select(func.max(Change.seq))) or 0)

    def _changes_after(self, ctx: DeviceContext, cursor: int, limit: int,
                       open_bills_until: int | None = None, upto: int | None = None,
                       ) -> tuple[Sequence[Any], int, bool]:
        """A page of the unit's changes after ``cursor``, and the cursor after it.

        With ``open_bills_until`` (a first sync), a bill upsert at or before
        that sequence value is left out when the bill is paid now: a new
        counter needs the open bills, not years of settled ones, and any later
        change of such a bill comes after that value and is sent. The cursor
        is then the last change looked at, which may be one left out. ``upto``
        (a snapshot being built) ends the pages at that sequence value.
        """
        limit = max(1, min(limit, MAX_PULL))
        mine = Change.unit_code == ctx.unit_code
        query = (select(Change.seq, Change.entity, Change.entity_id, Change.op, Change.data)
                 .where(or_(mine, Change.entity.in_(CITY_ENTITIES)) if ctx.whole_city else mine,
                        Change.seq > cursor))
        if upto is not None:
            query = query.where(Change.seq <= upto)
        with self.sessions() as s:
            rows = s.execute(query.order_by(Change.seq).limit(limit + 1)).all()
            more = len(rows) > limit
            rows = rows[:limit]
            next_cursor = rows[-1].seq if rows else cursor
            if open_bills_until is not None:
                old_bills = [int(r.entity_id) for r in rows if r.entity == "bill"
                             and r.op == "upsert" and r.seq <= open_bills_until]
                paid = set(s.scalars(select(Bill.id).where(Bill.id.in_(old_bills),
                                                           Bill.status == BillStatus.PAID))
                           ) if old_bills else set()
                rows = [r for r in rows if not (
                    r.entity == "bill" and r.op == "upsert" and r.seq <= open_bills_until
                    and int(r.entity_id) in paid)]
        return rows, next_cursor, more

    def pull(self, ctx: DeviceContext, cursor: int, limit: int,
             open_bills_until: int | None = None) -> dict[str, Any]:
        rows, cursor, more = self._changes_after(ctx, cursor, limit, open_bills_until)
        return {
            "changes": [{"seq": r.seq, "entity": r.entity, "op": r.op,
                         "data": json.loads(r.data)} for r in rows],
            "cursor": cursor,
            "more": more,
        }

    def pull_json(self, ctx: DeviceContext, cursor: int, limit: int,
                  open_bills_until: int | None = None) -> bytes:
        """The same page as :meth:`pull`, as the JSON body itself.

        The change log stores each change's data as canonical JSON already:
        the page is spliced from those texts instead of parsed and encoded
        again, which is most of a first sync's cost at central.
        """
        rows, cursor, more = self._changes_after(ctx, cursor, limit, open_bills_until)
        body = ",".join(f'{{"seq":{r.seq},"entity":{json.dumps(r.entity)},'
                        f'"op":{json.dumps(r.op)},"data":{r.data}}}' for r in rows)
        return (f'{{"changes":[{body}],"cursor":{cursor},'
                f'"more":{"true" if more else "false"}}}').encode()
