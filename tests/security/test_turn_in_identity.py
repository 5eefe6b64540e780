"""Central's own-shift check on turn-ins, tried with the spellings the identity
normaliser used to let through (issue 28, fix C): a shift closed under the head
cashier's name plus an invisible character (U+034F, U+FE0F, the Hangul fillers, a tag)
or with a Cyrillic letter, then handed to that same head cashier. Central compares staff
as identities and refuses a shift close whose staff is nobody of the unit."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from central.models import ShiftClosing, TurnIn
from central.service import Central
from desktop.contract import shift_close_data
from tests.security.test_token_holder_abuse import (
    NOW,
    closed_shift_at_central,
    enrolled,
    push,
    turn_in,
)

LOOKALIKES = ["thuquy\u034f", "thuquy\ufe0f", "thuquy\u3164", "thuquy\u115f", "thu\u00adquy",
              "thuqu\u0443", "thuquy\U000e0041", "thu\u2060quy", "thuquy\u180e", "thuquy\u0301",
              "\u0442huquy"]


def shift_close(staff: str, counted: int = 500_000) -> dict:
    key = str(uuid.uuid4())
    return {"key": key, "kind": "shift_close", "data": shift_close_data(
        shift_key=key, staff=staff, opened_at=NOW, closed_at=NOW, opening_float=counted,
        by_method=[], voided_count=0, voided_amount=0, drops=0, expected_cash=counted,
        counted_cash=counted, over_short=0, reason=None)}


def turn_ins(central: Central) -> list[TurnIn]:
    with central.sessions() as s:
        return list(s.scalars(select(TurnIn)))


@pytest.mark.parametrize("spelling", LOOKALIKES)
def test_the_head_cashiers_own_shift_under_a_lookalike_name_is_not_theirs_to_take(
        base: str, seeded: Central, spelling: str) -> None:
    headers, device = enrolled(base, seeded)
    # a close already held (as an older central took it), then one pushed now
    held = closed_shift_at_central(seeded, device, staff=spelling)
    [a] = push(base, headers, turn_in(held, "thuquy", cashier=spelling))
    assert a["status"] == "rejected", a
    assert a["reason"] in ("own-shift", "unknown-cashier")
    close = shift_close(spelling)
    [c] = push(base, headers, close)
    if c["status"] == "applied":  # the same person: the close is the head cashier's
        with seeded.sessions() as s:
            assert s.get(ShiftClosing, (device, close["key"])).staff == "thuquy"
    [b] = push(base, headers, turn_in(close["key"], "thuquy", cashier=spelling))
    assert b["status"] == "rejected", b
    assert turn_ins(seeded) == []


@pytest.mark.parametrize("staff", ["ong_gia_mao", "thungan\u0434"])
def test_a_shift_close_of_nobody_of_the_unit_is_refused(
        base: str, seeded: Central, staff: str) -> None:
    headers, device = enrolled(base, seeded)
    close = shift_close(staff)
    [c] = push(base, headers, close)
    assert (c["status"], c["reason"]) == ("rejected", "unknown-staff"), c
    with seeded.sessions() as s:
        assert s.get(ShiftClosing, (device, close["key"])) is None
    assert any(a["kind"] for a in seeded.alerts())
    # the unit's cashier, however the counter spelled the name, closes as one person
    genuine = shift_close("ThunGan\u034f")
    [g] = push(base, headers, genuine)
    assert g["status"] == "applied", g
    [t] = push(base, headers, turn_in(genuine["key"], "thuquy", cashier="thungan"))
    assert t["status"] == "applied", t
