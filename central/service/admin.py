"""Administration: units, enrolment and tokens, devices, staff."""

from __future__ import annotations

import datetime as dt
import hmac
import logging
from typing import Any

from sqlalchemy import select

from central.models import (
    Alert,
    Device,
    EnrolmentCode,
    Remittance,
    Staff,
    Unit,
)
from central.security import hash_code, hash_token, new_enrolment_code, new_token
from central.service.changelog import (
    record_change,
    staff_data,
    unit_data,
)
from central.service.common import (
    ENROL_RETRY,
    DeviceContext,
    ServiceBase,
)
from central.service.errors import CentralError, Gone, NotAuthenticated
from desktop.contract import (
    STAFF_ROLES,
)

logger = logging.getLogger(__name__)

#: failed attempts naming one enrolment code (used, expired, revoked device) before it is
#: locked and the administrator alerted
CODE_FAILURES = 5




class AdminRoom(ServiceBase):

    def add_unit(self, code: str, name: str, kind: str = "power_company") -> None:
        if kind not in ("power_company", "agent", "route"):
            raise ValueError(f"unknown unit kind {kind!r}")
        with self._tx() as s:
            if s.get(Unit, code) is not None:
                raise ValueError(f"unit {code} exists")
            unit = Unit(code=code, name=name, kind=kind, created_at=self.clock(), unremitted=0)
            s.add(unit)
            record_change(s, code, "unit", code, "upsert", unit_data(unit))

    def set_collection_limit(self, code: str, limit: int | None) -> None:
        """An agent's collection limit (hạn mức thu hộ); None lifts it."""
        if limit is not None and limit < 0:
            raise ValueError("the limit is a positive amount of dong")
        with self._tx() as s:
            unit = s.get(Unit, code)
            if unit is None:
                raise ValueError(f"no unit {code}")
            unit.collection_limit = limit
            record_change(s, code, "unit", code, "upsert", unit_data(unit))

    def remit(self, code: str, amount: int, note: str = "") -> int:
        """Cash the unit handed over: frees that much of its limit; the new unremitted."""
        if amount <= 0:
            raise ValueError("a remittance is a positive amount of dong")
        with self._tx() as s:
            unit = s.get(Unit, code, with_for_update=True)
            if unit is None:
                raise ValueError(f"no unit {code}")
            if amount > unit.unremitted:
                raise ValueError(f"{code} holds only {unit.unremitted} dong not yet remitted")
            unit.unremitted -= amount
            s.add(Remittance(unit_code=code, amount=amount, at=self.clock(), note=note))
            record_change(s, code, "unit", code, "upsert", unit_data(unit))
            return unit.unremitted

    def set_unit_bank(self, code: str, bank_bin: str, account: str) -> None:
        if not (len(bank_bin) == 6 and bank_bin.isdigit()) or not (
                account.isalnum() and len(account) <= 19):
            raise ValueError("BIN is 6 digits; the account 1-19 letters and digits")
        with self._tx() as s:
            unit = s.get(Unit, code)
            if unit is None:
                raise ValueError(f"no unit {code}")
            unit.bank_bin, unit.bank_account = bank_bin, account

    def issue_enrolment_code(self, unit_code: str, ttl: dt.timedelta = dt.timedelta(hours=24),
                             whole_city: bool = False) -> str:
        """A one-time code that enrols a device in ``unit_code``; with ``whole_city`` the
        device holds every unit's accounts and open bills and collects for any of them."""
        code = new_enrolment_code()
        with self._tx() as s:
            if s.get(Unit, unit_code) is None:
                raise ValueError(f"no unit {unit_code}")
            s.add(EnrolmentCode(code_hash=hash_code(code), unit_code=unit_code,
                                expires_at=self.clock() + ttl, whole_city=whole_city))
        return code

    def issue_renewal_code(self, device_id: int,
                           ttl: dt.timedelta = dt.timedelta(hours=24)) -> str:
        """A one-time code that gives an existing device a new token (its old one expired
        with payments unsent): used like an enrolment code, it returns the same device."""
        code = new_enrolment_code()
        with self._tx() as s:
            device = s.get(Device, device_id)
            if device is None or device.revoked_at is not None:
                raise ValueError(f"no active device {device_id}")
            s.add(EnrolmentCode(code_hash=hash_code(code), unit_code=device.unit_code,
                                expires_at=self.clock() + ttl, device_id=device.id))
        return code

    def renew(self, ctx: DeviceContext) -> str:
        """A new token for a device whose token still works (before it expires)."""
        token = new_token()
        with self._tx() as s:
            device = s.get(Device, ctx.device_id)
            assert device is not None
            device.token_hash = hash_token(token)
            device.token_expires_at = self.clock() + self.token_ttl
        logger.info("device %s renewed its token", ctx.device_id)
        return token

    def token_expiry(self, ctx: DeviceContext) -> dt.datetime | None:
        with self.sessions() as s:
            device = s.get(Device, ctx.device_id)
            return device.token_expires_at if device else None

    def enrol(self, code: str, device_name: str,
              device_key: str | None = None) -> tuple[str, DeviceContext]:
        """A device for a one-time code. The same code with the same device key within
        ``ENROL_RETRY`` of its first use — the answer was lost on the way — gets the same
        device again, with a new token (the lost one stops working): no stranded counter,
        no orphan device."""
        token = new_token()
        now = self.clock()
        key_hash = hash_token(device_key) if device_key else None
        refusal: CentralError | None = None
        with self._tx() as s:
            row = s.get(EnrolmentCode, hash_code(code), with_for_update=True)
            if row is None:
                raise NotAuthenticated("enrolment-code-invalid", "Unknown enrolment code")
            if row.locked_at is not None:
                raise Gone("enrolment-code-locked", "Enrolment code locked after failed "
                           "attempts; ask the administrator for a new one")
            if row.used_at is not None:
                device = s.get(Device, row.device_id) if row.device_id else None
                if (key_hash is not None and row.device_key_hash is not None
                        and hmac.compare_digest(key_hash, row.device_key_hash)
                        and now - row.used_at <= ENROL_RETRY and device is not None
                        and device.revoked_at is None):
                    device.token_hash = hash_token(token)
                    device.token_expires_at = now + self.token_ttl
                    ctx = DeviceContext(device.id, row.unit_code, whole_city=device.whole_city)
                    logger.info("device %s enrolled again (a lost answer)", device.id)
                    return token, ctx
                refusal = Gone("enrolment-code-used", "Enrolment code already used")
            elif row.expires_at <= now:
                refusal = Gone("enrolment-code-expired", "Enrolment code expired")
            elif row.device_id is not None:
                # a renewal code: the same device, a new token, nothing of its data touched
                renewed = s.get(Device, row.device_id)
                if renewed is None or renewed.revoked_at is not None:
                    refusal = Gone("device-revoked", "This device was revoked")
                else:
                    renewed.token_hash = hash_token(token)
                    renewed.token_expires_at = now + self.token_ttl
                    row.used_at, row.device_key_hash = now, key_hash
                    logger.info("device %s renewed with a code", renewed.id)
                    return token, DeviceContext(renewed.id, row.unit_code,
                                                whole_city=renewed.whole_city)
            if refusal is not None:
                # counted on the code, whoever tries it from wherever: someone holding a
                # used code and trying device keys is stopped by the code, not the address
                row.failures += 1
                if row.failures >= CODE_FAILURES:
                    row.locked_at = now
                    s.add(Alert(unit_code=row.unit_code, kind="enrolment-code-locked",
                                op_key=None, created_at=now,
                                message=f"Mã đăng ký thiết bị bị khóa sau {row.failures} lần "
                                        "dùng sai; cấp mã mới nếu cần."))
                    logger.warning("an enrolment code of unit %s locked after %d failures",
                                   row.unit_code, row.failures)
            else:
                device = Device(unit_code=row.unit_code, name=device_name[:100],
                                token_hash=hash_token(token), enrolled_at=now,
                                token_expires_at=now + self.token_ttl, whole_city=row.whole_city)
                s.add(device)
                s.flush()
                row.used_at, row.device_id, row.device_key_hash = now, device.id, key_hash
                ctx = DeviceContext(device.id, row.unit_code, whole_city=device.whole_city)
        if refusal is not None:
            raise refusal  # after the commit: the failure stays counted
        logger.info("device %s enrolled in unit %s", ctx.device_id, ctx.unit_code)
        return token, ctx

    def revoke(self, device_id: int) -> None:
        with self._tx() as s:
            device = s.get(Device, device_id)
            if device is None:
                raise ValueError(f"no device {device_id}")
            device.revoked_at = self.clock()

    def add_staff(self, unit_code: str, username: str, full_name: str, role: str,
                  password_hash: str) -> int:
        username = username.strip().lower()
        if role not in STAFF_ROLES:
            raise ValueError(f"unknown role {role!r} (one of {', '.join(STAFF_ROLES)})")
        if not username or len(username) > 40 or not username.replace(".", "").replace(
                "_", "").isalnum() or not username.isascii():
            raise ValueError("user names are 1–40 ASCII letters, digits, '.' or '_'")
        with self._tx() as s:
            if s.get(Unit, unit_code) is None:
                raise ValueError(f"no unit {unit_code}")
            if s.scalar(select(Staff.id).where(Staff.unit_code == unit_code,
                                               Staff.username == username)) is not None:
                raise ValueError(f"user name {username} is taken in {unit_code}")
            member = Staff(unit_code=unit_code, username=username, full_name=full_name.strip(),
                           role=role, password_hash=password_hash, updated_at=self.clock())
            s.add(member)
            s.flush()
            record_change(s, unit_code, "staff", member.id, "upsert", staff_data(member))
            return member.id

    def set_staff_state(self, unit_code: str, username: str, *, disabled: bool | None = None,
                        password_hash: str | None = None) -> None:
        """Disable, enable or reset the password of a staff member (reaches devices on sync)."""
        with self._tx() as s:
            member = s.scalar(select(Staff).where(Staff.unit_code == unit_code,
                                                  Staff.username == username.strip().lower()))
            if member is None:
                raise ValueError(f"no staff member {username} in {unit_code}")
            if disabled is not None:
                member.disabled_at = self.clock() if disabled else None
            if password_hash is not None:
                member.password_hash = password_hash
            member.updated_at = self.clock()
            record_change(s, member.unit_code, "staff", member.id, "upsert", staff_data(member))

    def list_staff(self) -> list[dict[str, Any]]:
        with self.sessions() as s:
            return [{"unit": m.unit_code, "username": m.username, "full_name": m.full_name,
                     "role": m.role, "active": m.disabled_at is None}
                    for m in s.scalars(select(Staff).order_by(Staff.unit_code, Staff.username))]

    def authenticate(self, token: str | None) -> DeviceContext:
        if not token:
            raise NotAuthenticated("unauthenticated", "A device token is required")
        with self.sessions() as s:
            device = s.scalar(select(Device).where(Device.token_hash == hash_token(token)))
        if device is None:
            raise NotAuthenticated("unauthenticated", "Unknown device token")
        if device.revoked_at is not None:
            raise NotAuthenticated("device-revoked", "This device was revoked")
        if device.token_expires_at is not None and device.token_expires_at <= self.clock():
            raise NotAuthenticated("device-token-expired",
                          "The device token expired; an administrator issues a renewal code")
        return DeviceContext(device.id, device.unit_code, device.token_expires_at,
                             device.whole_city)
