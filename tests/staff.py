"""Signing demo staff in through the real auth service, for tests."""

from __future__ import annotations

from db.demo import DEMO_PASSWORD
from desktop.app import App
from desktop.staff.auth import Actor

# by store file: a session lives in the store, across restarts of the app on it
_signed_in: dict[tuple[str, str], Actor] = {}


def sign_in(app: App, username: str = "thungan") -> Actor:
    """A new session for a demo staff member (demo password)."""
    return app.auth.sign_in(username, DEMO_PASSWORD)


def staff_of(app: App, username: str = "thungan") -> Actor:
    """The same session for every call on ``app`` (argon2 takes ~0.1 s per sign-in)."""
    key = (str(app.store_path), username)
    if key not in _signed_in:
        _signed_in[key] = sign_in(app, username)
    return _signed_in[key]


def add_staff(app: App, username: str, role: str, *, staff_id: int | None = None) -> None:
    """A staff row as a sync would bring it (demo password), for stores without central."""
    import datetime as dt

    from sqlalchemy import func, select

    from db.demo import demo_password_hash
    from db.models import Staff

    with app.writes() as s, s.begin():
        new_id = staff_id or (s.scalar(select(func.max(Staff.id))) or 0) + 1
        s.add(Staff(id=new_id, username=username, full_name=f"Nhân viên {username}", role=role,
                    password_hash=demo_password_hash(), active=True,
                    updated_at=dt.datetime.now(dt.UTC)))


def on_shift(app: App, username: str = "thungan") -> Actor:
    """A signed-in cashier with the counter's shift open (opened now if none is)."""
    actor = staff_of(app, username)
    if app.shifts.current(actor) is None:
        app.shifts.open(actor, 0)
    return actor


def pretend_enrolled(app: App, device_id: int, unit: str = "PE1400") -> None:
    """The device row an enrolment writes, for tests that need no central (its address
    answers nothing)."""
    import datetime as dt

    from db.models import DeviceState

    with app.writes() as s, s.begin():
        s.add(DeviceState(id=1, central_url="http://127.0.0.1:9", device_id=device_id,
                          unit_code=unit, device_code=f"{unit}D{device_id:03d}",
                          enrolled_at=dt.datetime.now(dt.UTC), receipt_seq=0,
                          setup_done_at=dt.datetime.now(dt.UTC)))
