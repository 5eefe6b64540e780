"""Staff sign-in, sessions, the permission check of every service, approvals.

Sign-in works offline: central replicates each staff member's argon2 hash to
the unit's devices. Wrong passwords are counted per user name and lock the
name for a while; every sign-in, failure, lock, unlock, sign-out and approval
is a line in the audit journal.

A service never trusts the role an :class:`Actor` carries: :func:`authorize`
reads the staff row and the open session from the store, so a disabled
account or an ended session stops working at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import logging
import secrets
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Approval, SignInGuard, Staff, StaffSession
from desktop.config import Settings
from desktop.errors import ValidationError
from desktop.staff import audit

# (kept in a module of their own, light to import: the sign-in screen shows before the
# store and its library are loaded, and knows these — issue 31, cold start)
from desktop.staff.identity import (
    AccountDisabled,
    AccountLocked,
    Actor,
    ApprovalInvalid,
    AuthError,
    NotSignedIn,
    PermissionDenied,
    ScreenLocked,
    SignInFailed,
)
from desktop.staff.permissions import (
    APPROVAL_LABELS,
    PERMISSION_LABELS,
    ApprovalAction,
    Permission,
    allowed,
    role_label,
)

logger = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

#: an approval must be used soon after the supervisor gave it
APPROVAL_TTL = dt.timedelta(minutes=10)


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    # verified against when the user name is unknown, so that the answer
    # takes as long as for a real account and does not reveal which names exist
    return _hasher().hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def authorize(s: Session, actor: Actor, permission: Permission | None, *,
              while_locked: bool = False) -> Staff:
    """The acting staff member, if their session is open (and not locked) and the role
    allows it."""
    session = s.get(StaffSession, actor.session_id)
    if session is None or session.staff_id != actor.staff_id or session.signed_out_at is not None:
        raise NotSignedIn("Phiên làm việc đã kết thúc; hãy đăng nhập lại.")
    if session.locked_at is not None and not while_locked:
        raise ScreenLocked("Màn hình đang khóa: nhập mật khẩu để tiếp tục.")
    staff = s.get(Staff, actor.staff_id)
    if staff is None or not staff.active:
        raise AccountDisabled("Tài khoản này đã bị khóa ở trung tâm.")
    if permission is not None and not allowed(staff.role, permission):
        logger.warning("refused %s to %r (%s)", permission.value, staff.username, staff.role)
        raise PermissionDenied(f"Vai trò {role_label(staff.role)} không được "
                               f"{PERMISSION_LABELS[permission]}.")
    return staff


_SESSION_SQL = (
    "SELECT ss.staff_id, ss.signed_out_at IS NULL, ss.locked_at IS NULL, st.active "
    "FROM staff_sessions ss LEFT JOIN staff st ON st.id = ss.staff_id WHERE ss.id = ?")


def check_session(con: sqlite3.Connection, actor: Actor) -> None:
    """:func:`authorize` without a permission, in one statement on a plain connection:
    what each search asks before it shows names (the ORM session it took was half a
    search's time, issue 31). The same refusals, in the same order, with the same words
    (written out: build_scripts/core_messages.py reads each message where it is raised)."""
    row = con.execute(_SESSION_SQL, (actor.session_id,)).fetchone()
    if row is None or row[0] != actor.staff_id or not row[1]:
        raise NotSignedIn("Phiên làm việc đã kết thúc; hãy đăng nhập lại.")
    if not row[2]:
        raise ScreenLocked("Màn hình đang khóa: nhập mật khẩu để tiếp tục.")
    if not row[3]:
        raise AccountDisabled("Tài khoản này đã bị khóa ở trung tâm.")


def use_approval(s: Session, approval_id: str | None, action: ApprovalAction, subject: str,
                 requested_by: int, now: dt.datetime) -> Approval:
    """Spend a supervisor's approval of ``action`` on ``subject`` (once)."""
    label = APPROVAL_LABELS[action]
    if not approval_id:
        raise ApprovalInvalid(f"Cần giám sát phê duyệt để {label}.")
    row = s.get(Approval, approval_id)
    if (row is None or row.action != action.value or row.subject != subject
            or row.requested_by != requested_by):
        raise ApprovalInvalid(f"Phê duyệt không hợp lệ cho việc {label}.")
    if row.used_at is not None:
        raise ApprovalInvalid("Phê duyệt này đã được dùng; cần phê duyệt mới.")
    if now - row.granted_at > APPROVAL_TTL:
        raise ApprovalInvalid("Phê duyệt đã hết hạn; cần phê duyệt lại.")
    supervisor = s.get(Staff, row.supervisor_id)
    if supervisor is None or not supervisor.active or not allowed(supervisor.role,
                                                                  Permission.GRANT_APPROVAL):
        raise ApprovalInvalid("Người phê duyệt không còn quyền phê duyệt.")
    row.used_at = now
    return row


@dataclass(frozen=True, slots=True)
class _Verified:
    """A password checked against the hash a read session found (before any lock)."""

    name: str
    digest: str
    ok: bool
    password: str = field(repr=False)


class AuthService:
    def __init__(self, writes: sessionmaker[Session], settings: Settings,
                 clock: Clock = utcnow, reads: sessionmaker[Session] | None = None) -> None:
        self._writes = writes
        # argon2 takes ~0.1 s on purpose: it runs on what a read session found, never
        # while the write lock is held (a cashier's payment would wait behind it)
        self._reads = reads or writes
        self._settings = settings
        self._clock = clock
        #: per open session, a check of the password it was opened with: a random key and
        #: the HMAC of the password under it, in this process's memory only (never the
        #: store), and the hash it was checked against. The same person's unlock is checked
        #: against it in microseconds rather than by argon2 (a third of a second on a
        #: counter PC: the unlock's whole budget, issue 31); anything else — another
        #: person, a wrong password, a password changed since — goes through argon2 and
        #: the failure count as before.
        self._unlock_checks: dict[str, tuple[bytes, bytes, str]] = {}
        self._unlock_lock = threading.Lock()

    def _remember_for_unlock(self, session_id: str, password: str, digest: str) -> None:
        key = secrets.token_bytes(32)
        check = hmac.new(key, password.encode(), hashlib.sha256).digest()
        with self._unlock_lock:
            self._unlock_checks[session_id] = (key, check, digest)

    def _same_password(self, actor: Actor, username: str, password: str) -> _Verified | None:
        """The password the session was opened with, typed again by its own person."""
        name = username.strip().lower()[:40]
        with self._unlock_lock:
            kept = self._unlock_checks.get(actor.session_id)
        if kept is None or name != actor.username or not password:
            return None
        key, check, digest = kept
        typed = hmac.new(key, password.encode(), hashlib.sha256).digest()
        return _Verified(name, digest, True, password) if hmac.compare_digest(typed, check) \
            else None

    # -- sign-in ----------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> Actor:
        verified = self._verify_first(username, password)
        now = self._clock()
        with self._writes() as s, s.begin():
            outcome = self._check_password(s, verified, now)
            if isinstance(outcome, Staff):
                session = StaffSession(id=secrets.token_hex(16), staff_id=outcome.id,
                                       signed_in_at=now)
                s.add(session)
                audit.append(s, action="sign_in", staff=outcome.username, now=now)
                actor = Actor(outcome.id, outcome.username, outcome.full_name, outcome.role,
                              session.id)
                digest = outcome.password_hash
        # a refusal is raised after the commit: the failure count must stay
        if not isinstance(outcome, Staff):
            raise outcome
        self._remember_for_unlock(actor.session_id, password, digest)
        logger.info("%r signed in", actor.username)
        return actor

    def sign_out(self, actor: Actor) -> None:
        with self._unlock_lock:
            self._unlock_checks.pop(actor.session_id, None)
        now = self._clock()
        with self._writes() as s, s.begin():
            session = s.get(StaffSession, actor.session_id)
            if session is None or session.signed_out_at is not None:
                return
            session.signed_out_at = now
            audit.append(s, action="sign_out", staff=actor.username, now=now)

    def lock(self, actor: Actor) -> None:
        """Lock the session (idle, Ctrl+L): every service refuses it until :meth:`unlock`.

        The lock is this row, not a dialog: closing the lock screen by any means
        (×, Alt+F4, Esc, a crash of the window) leaves it locked.
        """
        now = self._clock()
        with self._writes() as s, s.begin():
            authorize(s, actor, None, while_locked=True)
            session = s.get(StaffSession, actor.session_id)
            assert session is not None
            if session.locked_at is None:
                session.locked_at = now
                audit.append(s, action="screen_locked", staff=actor.username, now=now)

    def is_locked(self, actor: Actor) -> bool:
        with self._reads() as s:
            session = s.get(StaffSession, actor.session_id)
            return session is not None and session.locked_at is not None

    def unlock(self, actor: Actor, username: str, password: str) -> None:
        """Unlock an idle screen: the same person, or a supervisor."""
        verified = self._same_password(actor, username, password) \
            or self._verify_first(username, password)
        now = self._clock()
        with self._writes() as s, s.begin():
            authorize(s, actor, None, while_locked=True)
            outcome = self._check_password(s, verified, now)
            if isinstance(outcome, Staff):
                same = outcome.id == actor.staff_id
                if not same and not allowed(outcome.role, Permission.GRANT_APPROVAL):
                    outcome = PermissionDenied("Chỉ chính người đang làm việc hoặc giám sát "
                                               "mới mở khóa được màn hình.")
                else:
                    session = s.get(StaffSession, actor.session_id)
                    assert session is not None
                    session.locked_at = None
                    audit.append(s, action="unlock", staff=outcome.username, now=now,
                                 subject=actor.username)
        if not isinstance(outcome, Staff):
            raise outcome

    def approve(self, actor: Actor, action: ApprovalAction, subject: str,
                supervisor_username: str, password: str, reason: str) -> str:
        """A supervisor signs in inside the approval dialog; the approval's id."""
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError("Cần ghi lý do phê duyệt.")
        if len(reason) > 500:
            raise ValidationError("Lý do quá dài (tối đa 500 ký tự).")
        verified = self._verify_first(supervisor_username, password)
        now = self._clock()
        approval_id = str(uuid.uuid4())
        with self._writes() as s, s.begin():
            authorize(s, actor, None)
            outcome = self._check_password(s, verified, now)
            if isinstance(outcome, Staff):
                if not allowed(outcome.role, Permission.GRANT_APPROVAL):
                    outcome = PermissionDenied("Người phê duyệt phải là giám sát.")
                else:
                    s.add(Approval(id=approval_id, action=action.value, subject=subject,
                                   reason=reason, supervisor_id=outcome.id,
                                   requested_by=actor.staff_id, granted_at=now))
                    audit.append(s, action="approval", staff=outcome.username, now=now,
                                 subject=subject, detail={"action": action.value,
                                                          "requested_by": actor.username,
                                                          "reason": reason})
        if not isinstance(outcome, Staff):
            raise outcome
        return approval_id

    def has_staff(self) -> bool:
        """Whether anyone can sign in yet (right after enrolment, not before the first sync)."""
        with self._reads() as s:
            return s.scalar(select(Staff.id).where(Staff.active).limit(1)) is not None

    def check(self, actor: Actor, permission: Permission | None = None) -> None:
        """Raise unless the actor's session is open (and the role has ``permission``)."""
        with self._reads() as s:
            authorize(s, actor, permission)

    # -- the password and the lock ---------------------------------------------------

    def _verify_first(self, username: str, password: str) -> _Verified:
        """The argon2 check, on the hash a read session found: outside the write lock."""
        name = username.strip().lower()[:40]
        if not name or not password:
            return _Verified(name, "", False, password)
        with self._reads() as s:
            found = s.scalar(select(Staff.password_hash).where(Staff.username == name))
        digest = found or _dummy_hash()
        return _Verified(name, digest, _verify(digest, password), password)

    def _check_password(self, s: Session, verified: _Verified,
                        now: dt.datetime) -> Staff | AuthError:
        name = verified.name
        if not name or not verified.password:
            return SignInFailed("Nhập tên đăng nhập và mật khẩu.")
        guard = s.get(SignInGuard, name)
        if guard is None:
            guard = SignInGuard(username=name, failures=0)
            s.add(guard)
        if guard.locked_until is not None and guard.locked_until > now:
            audit.append(s, action="sign_in_refused_locked", staff=name, now=now)
            return self._locked(guard.locked_until, now)
        staff = s.scalar(select(Staff).where(Staff.username == name))
        ok = verified.ok and staff is not None and staff.password_hash == verified.digest
        if staff is not None and not ok and staff.password_hash != verified.digest:
            # the hash changed between the read and this transaction (a sync brought a new
            # password): checked again, under the lock, in this rare case only
            ok = _verify(staff.password_hash, verified.password)
        if staff is not None and ok:
            if not staff.active:
                audit.append(s, action="sign_in_refused_disabled", staff=name, now=now)
                return AccountDisabled("Tài khoản này đã bị khóa ở trung tâm.")
            guard.failures, guard.locked_until = 0, None
            return staff
        guard.failures += 1
        limit = self._settings.sign_in_attempts
        if guard.failures >= limit:
            guard.failures = 0
            guard.locked_until = now + dt.timedelta(minutes=self._settings.sign_in_lock_minutes)
            logger.warning("sign-in for %r locked after %d wrong passwords", name, limit)
            audit.append(s, action="sign_in_locked", staff=name, now=now,
                         detail={"minutes": self._settings.sign_in_lock_minutes})
            return self._locked(guard.locked_until, now)
        audit.append(s, action="sign_in_failed", staff=name, now=now)
        left = limit - guard.failures
        return SignInFailed(f"Sai tên đăng nhập hoặc mật khẩu (còn {left} lần thử).")

    @staticmethod
    def _locked(until: dt.datetime, now: dt.datetime) -> AccountLocked:
        minutes = max(1, -(-int((until - now).total_seconds()) // 60))
        return AccountLocked(f"Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; "
                             f"thử lại sau {minutes} phút.", until=until)
