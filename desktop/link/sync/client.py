"""The HTTP client of the central contract, with answers checked before use.

Anything that is not a well-formed answer (a cut connection, a proxy's HTML
page, truncated or wrongly typed JSON) becomes a typed error; the caller
backs off and nothing half-understood reaches the store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import orjson

from desktop.contract import IntentStatus, PushStatus

# the answers' error types live in the core's leaf (desktop/errors.py): said again here
from desktop.errors import CentralOffline as CentralOffline
from desktop.errors import CentralProtocolError as CentralProtocolError
from desktop.errors import CentralRefused as CentralRefused
from desktop.errors import CentralUnreachable as CentralUnreachable
from desktop.errors import CentralUntrusted as CentralUntrusted
from desktop.errors import TokenExpired as TokenExpired

logger = logging.getLogger(__name__)

TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)
#: the live check before taking money must not keep a customer waiting
LIVE_TIMEOUT = httpx.Timeout(2.0)
PUSH_STATUSES: tuple[str, ...] = tuple(PushStatus)
#: the manifest call may wait while central builds the unit's snapshot
SNAPSHOT_TIMEOUT = httpx.Timeout(connect=5.0, read=900.0, write=30.0, pool=5.0)
DOWNLOAD_TIMEOUT = httpx.Timeout(connect=5.0, read=60.0, write=30.0, pool=5.0)
_SNAPSHOT_ID = re.compile(r"^[A-Za-z0-9_]{1,24}-[0-9]{1,19}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class CentralClient:
    def __init__(self, base_url: str, token: str | None = None,
                 transport: httpx.BaseTransport | None = None,
                 verify: bool | ssl.SSLContext = True) -> None:
        headers = {"User-Agent": "QuayThu/0.1"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.base_url = base_url.rstrip("/")
        #: this machine's clock minus central's, in seconds, as of the last answer
        self.clock_skew: float | None = None
        #: when central says this device's token stops working (renewed before then)
        self.token_expires: dt.datetime | None = None
        self._http = httpx.Client(base_url=self.base_url, headers=headers, timeout=TIMEOUT,
                                  transport=transport, verify=verify)

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, timeout: httpx.Timeout | None = None,
              **kw: Any) -> Any:
        try:
            response = self._http.request(method, path, timeout=timeout or TIMEOUT, **kw)
        except httpx.TransportError as exc:
            if _certificate_failure(exc):
                raise CentralUntrusted(
                    "Chứng chỉ bảo mật của máy chủ trung tâm không hợp lệ hoặc không được tin "
                    "cậy; không gửi dữ liệu. Báo quản trị kiểm tra chứng chỉ (hoặc tệp CA).",
                    detail="certificate verify failed") from exc
            raise CentralUnreachable("Không kết nối được máy chủ trung tâm.",
                                     detail=type(exc).__name__) from exc
        self._check(response)
        try:
            # orjson: a first sync parses hundreds of megabytes of pages
            return orjson.loads(response.content)
        except ValueError as exc:
            raise CentralProtocolError("Máy chủ trung tâm trả lời sai định dạng.",
                                       detail="invalid JSON") from exc

    def _check(self, response: httpx.Response) -> None:
        """Note central's clock and the token's end; a problem answer as a typed error."""
        self._note_clock(response)
        expires = response.headers.get("x-token-expires")
        if expires:
            with contextlib.suppress(ValueError):  # a garbled header: renewal waits
                self.token_expires = dt.datetime.fromisoformat(expires)
        if response.status_code >= 400:
            try:
                problem = orjson.loads(response.read())
                kind = str(problem.get("type", "")).rsplit("/", 1)[-1]
                title = str(problem.get("title", response.reason_phrase))
            except (ValueError, AttributeError):
                kind, title = "http-error", response.reason_phrase
            if response.status_code >= 500 or response.status_code == 429:
                raise CentralUnreachable("Máy chủ trung tâm đang bận hoặc lỗi; sẽ thử lại.",
                                         detail=f"{response.status_code} {kind}")
            if kind == "device-token-expired":
                raise TokenExpired(response.status_code, kind, title)
            raise CentralRefused(response.status_code, kind, title)

    def _note_clock(self, response: httpx.Response) -> None:
        """How far this machine's clock is from central's, as of the last answer."""
        stamp = response.headers.get("x-central-time")
        if not stamp:
            return
        try:
            theirs = dt.datetime.fromisoformat(stamp)
        except ValueError:
            return
        if theirs.tzinfo is None:
            return
        self.clock_skew = (dt.datetime.now(dt.UTC) - theirs).total_seconds()

    def numbers(self) -> tuple[int, int]:
        """(last receipt sequence, journal head sequence) central holds for this device."""
        body = self._call("GET", "/v1/devices/me", timeout=LIVE_TIMEOUT)
        receipt = body.get("last_receipt_seq") if isinstance(body, dict) else None
        audit = body.get("audit_seq") if isinstance(body, dict) else None
        if not (isinstance(receipt, int) and isinstance(audit, int)
                and not isinstance(receipt, bool) and not isinstance(audit, bool)
                and receipt >= 0 and audit >= 0):
            raise CentralProtocolError("Máy chủ trung tâm trả lời số thứ tự sai định dạng.")
        return receipt, audit

    def renew(self) -> tuple[str, str | None]:
        """A new token for this device (the old one stops working once this answers), and
        its receipt key."""
        body = self._call("POST", "/v1/devices/renew")
        if not (isinstance(body, dict) and isinstance(body.get("token"), str)):
            raise CentralProtocolError("Máy chủ trung tâm trả lời gia hạn sai định dạng.")
        key = body.get("receipt_key")
        return str(body["token"]), key if isinstance(key, str) else None

    def enrol(self, code: str, device_name: str,
              device_key: str | None = None) -> dict[str, Any]:
        body = self._call("POST", "/v1/devices/enrol",
                          json={"code": code, "device_name": device_name,
                                **({"device_key": device_key} if device_key else {})})
        if not (isinstance(body, dict) and isinstance(body.get("token"), str)
                and isinstance(body.get("device_id"), int)
                and isinstance(body.get("unit_code"), str)):
            raise CentralProtocolError("Máy chủ trung tâm trả lời đăng ký sai định dạng.")
        return body

    def pull(self, cursor: int, limit: int,
             open_bills_until: int | None = None) -> dict[str, Any]:
        params = {"cursor": cursor, "limit": limit}
        if open_bills_until is not None:
            params["open_bills_until"] = open_bills_until
        body = self._call("GET", "/v1/sync/pull", params=params)
        _check_pull(body, cursor, limit, open_bills_until)
        return body  # type: ignore[no-any-return]

    def head(self) -> int | None:
        """Central's last change-log value (``/v1/sync/head``); None where central has
        no such call (the first sync then simply takes every change)."""
        try:
            body = self._call("GET", "/v1/sync/head")
        except CentralRefused as exc:
            if exc.status == 404:
                return None
            raise
        seq = body.get("seq") if isinstance(body, dict) else None
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise CentralProtocolError("Máy chủ trung tâm trả lời sai định dạng.",
                                       detail="sync head")
        return seq

    def snapshot(self) -> dict[str, Any] | None:
        """The manifest of the unit's first-sync snapshot (``/v1/sync/snapshot``); None
        where central has none to give (the first sync then takes the change log)."""
        try:
            body = self._call("GET", "/v1/sync/snapshot", timeout=SNAPSHOT_TIMEOUT)
        except CentralRefused as exc:
            if exc.status in (404, 405, 501):
                return None
            raise
        if not (isinstance(body, dict) and isinstance(body.get("id"), str)
                and _SNAPSHOT_ID.match(body["id"]) and _count(body.get("seq"))
                and _count(body.get("size")) and _count(body.get("changes", 0))
                and isinstance(body.get("sha256"), str)
                and _SHA256.match(body["sha256"]) and isinstance(body.get("schema"), str)):
            raise CentralProtocolError("Máy chủ trung tâm trả lời sai định dạng.",
                                       detail="snapshot manifest")
        return body

    def download(self, snapshot_id: str, dest: Path, size: int,
                 progress: Callable[[int], None] | None = None) -> None:
        """The snapshot's bytes into ``dest``, resumed from what ``dest`` holds already
        (``Range``): a cut link costs only what had not arrived. A partial file
        stays for the next try; the caller checks the whole file's hash."""
        have = dest.stat().st_size if dest.exists() else 0
        if have > size:
            dest.unlink()
            have = 0
        if have == size:
            return
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            with self._http.stream("GET", f"/v1/sync/snapshot/{quote(snapshot_id, safe='')}",
                                   headers=headers, timeout=DOWNLOAD_TIMEOUT) as response:
                if response.status_code == 416:  # the file changed under the same name
                    dest.unlink(missing_ok=True)
                    raise CentralProtocolError("Bản chụp dữ liệu trên máy chủ đã đổi; sẽ tải lại.",
                                               detail="snapshot range")
                self._check(response)
                resumed = response.status_code == 206
                if resumed and not response.headers.get("content-range", "").startswith(
                        f"bytes {have}-"):
                    raise CentralProtocolError("Máy chủ trung tâm trả lời sai định dạng.",
                                               detail="snapshot content-range")
                with dest.open("ab" if resumed else "wb") as f:
                    for chunk in response.iter_bytes(1 << 20):
                        f.write(chunk)
                        if progress is not None:
                            progress(len(chunk))
                    f.flush()
                    os.fsync(f.fileno())
        except httpx.TransportError as exc:
            raise CentralUnreachable("Không kết nối được máy chủ trung tâm.",
                                     detail=type(exc).__name__) from exc

    def push(self, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        body = self._call("POST", "/v1/sync/push", json={"ops": ops})
        results = body.get("results") if isinstance(body, dict) else None
        if not isinstance(results, list) or len(results) != len(ops):
            raise CentralProtocolError("Máy chủ trung tâm trả lời đồng bộ sai định dạng.",
                                       detail="push results")
        for op, result in zip(ops, results, strict=True):
            if not (isinstance(result, dict) and result.get("key") == op["key"]
                    and result.get("status") in PUSH_STATUSES):
                raise CentralProtocolError("Máy chủ trung tâm trả lời đồng bộ sai định dạng.",
                                           detail="push result")
        return results

    def put_document(self, sha256: str, body: bytes, media_type: str) -> str:
        """Send a document by its hash; central's answer: ``stored`` or ``already``."""
        answer = self._call("PUT", f"/v1/documents/{quote(sha256, safe='')}", content=body,
                            headers={"Content-Type": media_type})
        status = answer.get("status") if isinstance(answer, dict) else None
        if status not in ("stored", "already") or answer.get("sha256") != sha256:
            raise CentralProtocolError("Máy chủ trung tâm trả lời sai định dạng.",
                                       detail="document")
        return str(status)

    def account_bills(self, code: str) -> dict[str, Any]:
        body = self._call("GET", f"/v1/accounts/{quote(code, safe='')}/bills",
                          timeout=LIVE_TIMEOUT)
        if not (isinstance(body, dict) and isinstance(body.get("bills"), list)):
            raise CentralProtocolError("Máy chủ trung tâm trả lời sai định dạng.")
        return body


    def undeposited_turn_ins(self) -> list[dict[str, Any]]:
        """The unit's accepted turn-ins no bank deposit has taken (every counter's)."""
        body = self._call("GET", "/v1/turn-ins/undeposited", timeout=LIVE_TIMEOUT)
        rows = body.get("turn_ins") if isinstance(body, dict) else None
        if not isinstance(rows, list) or not all(
                isinstance(r, dict) and isinstance(r.get("key"), str)
                and isinstance(r.get("counted"), int) for r in rows):
            raise CentralProtocolError("Máy chủ trung tâm trả lời sai định dạng.")
        return rows

    def remittances(self) -> dict[str, Any]:
        """This agent's limit, the cash it holds, and its latest remittances."""
        body = self._call("GET", "/v1/units/me/remittances", timeout=LIVE_TIMEOUT)
        if not (isinstance(body, dict) and isinstance(body.get("remittances"), list)
                and isinstance(body.get("unremitted"), int)):
            raise CentralProtocolError("Máy chủ trung tâm trả lời sai định dạng.")
        return body

    def create_intent(self, account_code: str, bills: list[str], amount: int, *,
                      key: str | None = None) -> dict[str, Any]:
        """A VietQR intent; ``key`` (the counter's UUID, written before asking) makes the
        call idempotent: asked again, central answers the intent it made for that key."""
        return _intent(self._call("POST", "/v1/intents", timeout=LIVE_TIMEOUT, json={
            "account_code": account_code, "bills": bills, "amount": amount,
            **({"key": key} if key else {})}))

    def intent(self, reference: str, *, cancel: bool = False) -> dict[str, Any]:
        path = f"/v1/intents/{quote(reference, safe='')}" + ("/cancel" if cancel else "")
        return _intent(self._call("POST" if cancel else "GET", path, timeout=LIVE_TIMEOUT))

    def shift_reconciliation(self, shift_key: str) -> dict[str, Any]:
        body = self._call("GET", f"/v1/shifts/{quote(shift_key, safe='')}/reconciliation",
                          timeout=LIVE_TIMEOUT)
        if not (isinstance(body, dict) and isinstance(body.get("by_method"), dict)
                and isinstance(body.get("voided"), dict)):
            raise CentralProtocolError("Máy chủ trung tâm trả lời đối soát sai định dạng.")
        return body

    def audit_hashes(self, first: int, last: int) -> dict[int, str]:
        """The hashes of this device's journal lines ``first``..``last`` that central holds
        (it answers at most 1000 from ``first``)."""
        body = self._call("GET", "/v1/audit/hashes", params={"from": first, "to": last})
        lines = body.get("lines") if isinstance(body, dict) else None
        found: dict[int, str] = {}
        for line in lines if isinstance(lines, list) else [None]:
            seq = line.get("seq") if isinstance(line, dict) else None
            digest = line.get("hash") if isinstance(line, dict) else None
            if not (isinstance(seq, int) and not isinstance(seq, bool)
                    and isinstance(digest, str) and len(digest) == 64):
                raise CentralProtocolError("Máy chủ trung tâm trả lời sai định dạng.",
                                           detail="audit hashes")
            found[seq] = digest
        return found

    def audit_head(self) -> tuple[int, str]:
        """The last journal line central holds for this device: (seq, hash)."""
        body = self._call("GET", "/v1/audit/head")
        seq, digest = (body.get("seq"), body.get("hash")) if isinstance(body, dict) else (0, 0)
        if not (isinstance(seq, int) and not isinstance(seq, bool) and seq >= 0
                and isinstance(digest, str) and len(digest) == 64):
            raise CentralProtocolError("Máy chủ trung tâm trả lời sai định dạng.",
                                       detail="audit head")
        return seq, digest


def _intent(body: Any) -> dict[str, Any]:
    if not (isinstance(body, dict) and isinstance(body.get("reference"), str)
            and body.get("status") in tuple(IntentStatus)
            and isinstance(body.get("amount"), int) and isinstance(body.get("bills"), list)):
        raise CentralProtocolError("Máy chủ trung tâm trả lời VietQR sai định dạng.")
    return body


def _certificate_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):  # the SSL error sits a few causes down
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _check_pull(body: Any, cursor: int, limit: int, open_bills_until: int | None) -> None:
    bad = CentralProtocolError("Máy chủ trung tâm trả lời đồng bộ sai định dạng.",
                               detail="pull page")
    if not isinstance(body, dict):
        raise bad
    changes, new_cursor, more = body.get("changes"), body.get("cursor"), body.get("more")
    if not (isinstance(changes, list) and isinstance(new_cursor, int)
            and not isinstance(new_cursor, bool) and isinstance(more, bool)):
        raise bad
    if len(changes) > limit or new_cursor < cursor:
        raise bad
    last = cursor
    for c in changes:
        if not (isinstance(c, dict) and isinstance(c.get("seq"), int) and c["seq"] > last
                and isinstance(c.get("entity"), str) and c.get("op") in ("upsert", "delete")
                and isinstance(c.get("data"), dict)):
            raise bad
        last = c["seq"]
    # the cursor is the last change; when settled bills were left out (a first
    # sync), it may be one of those, never past the snapshot's end
    if new_cursor != last and not (open_bills_until is not None
                                   and last < new_cursor <= open_bills_until):
        raise bad
