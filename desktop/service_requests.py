"""Service requests (yêu cầu dịch vụ) taken at the counter, and their progress.

A request is written with its outbox row and its journal line in one
transaction, numbered ``<device code>-YC<6 digits>`` without gaps, and the
customer leaves with an acknowledgement slip (phiếu tiếp nhận) that carries
that number. Central answers with the request's status (received, in
progress, done, refused), which comes down with the pull and shows in the
account's panel.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Account,
    Bill,
    DeviceState,
    LocalPayment,
    OutboxOp,
    RequestDraft,
    ServiceRequest,
    ServiceRequestHistory,
    Staff,
    Unit,
)
from db.text import normalise_phone
from desktop import labels, service_kinds
from desktop.contract import (
    AccountStatus,
    BillStatus,
    OutboxState,
    PaymentStatus,
    RequestStatus,
    preferred_day,
    request_reference,
    request_withdrawal_data,
    service_request_data,
)
from desktop.documents import DocumentStore
from desktop.dto import RequestView
from desktop.errors import NotEnrolled, NotFound
from desktop.events import EventBus, RequestTaken
from desktop.money.amounts import group_digits
from desktop.money.fees import (
    FeeLine,
    ReconnectionFee,
    counter_fee,
    reconnect_within,
    reconnection_fee,
)
from desktop.personal import Sealer, seal_op
from desktop.printing.documents import Document, Row
from desktop.service_kinds import FieldError
from desktop.staff import audit
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission
from desktop.staff.privacy import mask_id_number, mask_phone

#: the kinds a counter takes, as the customer reads them (resources/services/*.toml)
KINDS: Mapping[str, str] = {k.key: k.label for k in service_kinds.kinds().values()}

#: kinds the core raises itself, never typed at the counter (not in the form's list)
RAISED_KINDS: Mapping[str, str] = {
    # a payment that clears a disconnected account's debt
    "reconnection": "Đóng điện trở lại sau khi thanh toán nợ",
}


def kind_label(kind: str) -> str:
    return KINDS.get(kind) or RAISED_KINDS.get(kind, kind)

STATUSES: Mapping[str, str] = {
    RequestStatus.SUBMITTED: "Chờ gửi về trung tâm",
    RequestStatus.RECEIVED: "Trung tâm đã tiếp nhận",
    RequestStatus.IN_PROGRESS: "Đang xử lý",
    RequestStatus.DONE: "Đã hoàn thành",
    RequestStatus.REFUSED: "Từ chối",
    RequestStatus.CANCELLED: "Đã rút lại",
}

#: kinds that need the applicant's CCCD (``needs_id`` in the kind's data file)
NEEDS_ID = frozenset(k.key for k in service_kinds.kinds().values() if k.needs_id)

#: what the slip tells the customer about their personal data (Luật Bảo vệ dữ liệu cá
#: nhân 91/2025/QH15): what is used and what for …
DATA_USE = ("Dữ liệu cá nhân (họ tên, CCCD, điện thoại, số tài khoản) chỉ dùng để giải "
            "quyết yêu cầu này và hợp đồng mua bán điện, theo Luật Bảo vệ dữ liệu cá nhân "
            "91/2025/QH15.")
#: … and that consent was given, only where the request recorded it (the form's tick box,
#: asked for a CCCD or a bank account number); a request with none says nothing of it
CONSENT_GIVEN = "Khách hàng đã đồng ý cho xử lý {what} khi ký phiếu."

MAX_NOTE = 1000
MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class RequestForm:
    """What the counter typed in; checked by :meth:`ServiceRequestService.submit`."""

    kind: str
    customer_name: str
    address: str
    phone: str
    account_id: int | None = None
    id_number: str = ""
    note: str = ""
    preferred_on: dt.date | None = None
    #: the kind's own fields as typed (resources/services/<kind>.toml), by field name
    details: Mapping[str, str | bool] = field(default_factory=dict)
    #: keys of the papers the customer brought
    papers: tuple[str, ...] = ()
    #: the applicant agreed that the personal numbers typed (CCCD, bank account) are
    #: processed for this request (the form's tick box, which is unticked until asked);
    #: recorded with what it covers. Only a request carrying such numbers needs it.
    consent: bool = True
    #: the SHA-256 of each document attached (kept first by ``DocumentStore.add``)
    documents: tuple[str, ...] = ()
    #: the account the form was opened for: its phone on file, masked as a cashier sees
    #: it (``0909***456``), stands for the number on file (any kind, new supply too)
    phone_from: int | None = None


class ServiceRequestService:
    def __init__(self, writes: sessionmaker[Session],
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
                 events: EventBus | None = None, *,
                 reads: sessionmaker[Session] | None = None,
                 sealer: Callable[[], Sealer] | None = None,
                 documents: DocumentStore | None = None) -> None:
        self._writes = writes
        self._documents = documents
        #: seals the CCCD and bank account numbers of the outbox row (desktop.personal);
        #: None only where no request carries them (a caller that never takes requests)
        self._sealer = sealer
        #: what only reads (lists, a slip again) takes no write lock from a payment
        self._reads = reads or writes
        self._clock = clock
        self._events = events or EventBus()

    def submit(self, actor: Actor, form: RequestForm, *, key: str | None = None) -> RequestView:
        """Record the request; the same ``key`` twice is one request."""
        now = self._clock()
        key = key or str(uuid.uuid4())
        attached = self._attached(form.documents)
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_REQUEST)
            existing = s.get(ServiceRequest, key)
            if existing is not None:
                return self._view(s, existing)
            clean, details, papers = _checked(s, form, now)
            kind = service_kinds.kinds()[clean.kind]
            personal = _personal(kind, clean.id_number, details)
            if personal:
                if not form.consent:
                    raise FieldError("Khách hàng chưa đồng ý cho xử lý dữ liệu cá nhân "
                                     f"({_covers(personal)}): hỏi khách và đánh dấu ô đồng ý.",
                                     field="personal_consent")
                details = {**details, CONSENT: _covers(personal)}
            due = service_kinds.due_on(kind, now.astimezone(labels.VN_TZ).date())
            device = s.get(DeviceState, 1)
            if device is None:
                raise NotEnrolled("Thiết bị chưa đăng ký với hệ thống trung tâm; "
                                  "chưa tiếp nhận yêu cầu được.")
            device.request_seq += 1
            ref = request_reference(device.device_code, device.request_seq)
            account = s.get(Account, clean.account_id) if clean.account_id else None
            row = ServiceRequest(
                key=key, ref=ref, kind=clean.kind, account_id=clean.account_id,
                customer_name=clean.customer_name, address=clean.address, phone=clean.phone,
                # the counter keeps a mask only: the full number travels sealed
                id_number=mask_id_number(clean.id_number) or None, note=clean.note,
                preferred_on=clean.preferred_on, staff_id=staff.id, created_at=now,
                status=RequestStatus.SUBMITTED, details=json.dumps(_kept(kind, details),
                                                                   ensure_ascii=False),
                papers=json.dumps(list(papers)), due_on=due)
            s.add(row)
            s.add(ServiceRequestHistory(request_key=key, status=RequestStatus.SUBMITTED,
                                        note=None, at=now))
            # the form's draft (same key) is done with, in the same transaction
            s.execute(delete(RequestDraft).where(RequestDraft.key == key))
            data = service_request_data(
                ref=ref, kind=clean.kind, account_code=account.code if account else None,
                customer_name=clean.customer_name, address=clean.address, phone=clean.phone,
                id_number=None, note=clean.note,
                preferred_on=clean.preferred_on, staff=staff.username, created_at=now,
                details=_kept(kind, details) if details else details, papers=papers,
                due_on=due, documents=attached)
            if personal:
                if self._sealer is None:
                    raise RuntimeError("no sealer for personal data")  # a wiring mistake
                data = seal_op(self._sealer(), key, data, personal)
            s.add(OutboxOp(key=key, kind="service_request", created_at=now, attempts=0,
                           state=OutboxState.PENDING, data=json.dumps(data, ensure_ascii=False)))
            # the journal names the request, not the customer's phone or CCCD
            audit.append(s, action="service_request", staff=staff.username, now=now,
                         subject=ref, detail={"kind": clean.kind,
                                              "account": account.code if account else None})
            s.flush()
            view = self._view(s, row)
            account_id = row.account_id
        self._events.publish(RequestTaken(view.ref, account_id))
        return view

    def _attached(self, hashes: tuple[str, ...]) -> list[dict[str, object]]:
        if not hashes:
            return []
        if len(set(hashes)) != len(hashes):
            raise FieldError("Một giấy tờ được đính kèm hai lần.", field="documents")
        if self._documents is None:
            raise FieldError("Quầy này không nhận giấy tờ đính kèm.", field="documents")
        return [self._documents.info(h) for h in hashes]

    def for_account(self, actor: Actor, account_id: int) -> list[RequestView]:
        """The account's requests, newest first, as the panel shows their progress."""
        with self._reads() as s:
            authorize(s, actor, None)
            rows = s.scalars(select(ServiceRequest)
                             .where(ServiceRequest.account_id == account_id)
                             .order_by(ServiceRequest.created_at.desc())).all()
            return [self._view(s, r) for r in rows]

    def get(self, actor: Actor, ref_or_key: str) -> RequestView:
        with self._reads() as s:
            authorize(s, actor, None)
            return self._view(s, _find(s, ref_or_key))

    def slip_document(self, actor: Actor, ref_or_key: str, *, copy: bool = False) -> Document:
        """The acknowledgement slip (phiếu tiếp nhận yêu cầu) the customer takes home;
        ``copy``: printed again (Ctrl+P, the request list), marked "BẢN SAO" as a reprinted
        receipt is."""
        with self._reads() as s:
            authorize(s, actor, None)
            r = _find(s, ref_or_key)
            device = s.get(DeviceState, 1)
            unit = s.get(Unit, device.unit_code) if device else None
            staff = s.get(Staff, r.staff_id) if r.staff_id else None
            account = s.get(Account, r.account_id) if r.account_id else None
            rows = [Row(f"Mã yêu cầu: {r.ref}", bold=True),
                    Row(f"Thời gian: {labels.local_datetime(r.created_at)}"),
                    Row(f"Loại yêu cầu: {kind_label(r.kind)}", bold=True, rule=True)]
            if account is not None:
                rows.append(Row(f"Mã khách hàng: {account.code}"))
            rows += [Row(f"Khách hàng: {r.customer_name}"), Row(f"Địa chỉ: {r.address}")]
            if r.phone:
                rows.append(Row(f"Điện thoại: {mask_phone(r.phone)}"))
            if r.id_number:
                # kept masked since the sealing of personal data; older rows in full
                shown = r.id_number if "*" in r.id_number else mask_id_number(r.id_number)
                rows.append(Row(f"CCCD: {shown}"))
            kind = service_kinds.kinds().get(r.kind)
            preferred = _preferred(r)
            if preferred is not None:
                label = kind.preferred_label if kind else service_kinds.PREFERRED_LABEL
                rows.append(Row(f"{label}: {preferred:%d/%m/%Y}"))
            if r.note:
                rows.append(Row(f"Nội dung: {r.note}"))
            if kind is not None:
                rows += _slip_details(kind, r)
            elif r.kind == "reconnection":
                due = labels.local_datetime(r.created_at + reconnect_within())
                rows.append(Row(f"Hạn giải quyết: {due} (đóng điện trở lại trong 24 giờ "
                                "kể từ khi thanh toán hết nợ)", bold=True, rule=True))
            if staff is not None:
                rows.append(Row(f"Người tiếp nhận: {staff.full_name}", rule=True))
            return Document(
                "PHIẾU TIẾP NHẬN YÊU CẦU",
                (unit.name if unit else "", f"Quầy {device.device_code if device else ''}",
                 *(("BẢN SAO",) if copy else ())),
                tuple(rows),
                (f"Tra cứu tiến độ bằng mã {r.ref} tại quầy hoặc tổng đài 1900 545454.",
                 _data_use(r),
                 "Khách hàng ký: ............  Người tiếp nhận ký: ............"))

    @staticmethod
    def _view(s: Session, r: ServiceRequest) -> RequestView:
        account = s.get(Account, r.account_id) if r.account_id else None
        return request_view(r, account.code if account else None)


def request_view(r: ServiceRequest, account_code: str | None) -> RequestView:
    return RequestView(r.key, r.ref, r.kind, kind_label(r.kind), account_code,
                       r.customer_name, r.created_at, r.status, STATUSES.get(r.status, r.status),
                       r.status_note)


def _preferred(r: ServiceRequest) -> dt.date | None:
    """The request's preferred date; a new supply taken before it was the form's one date
    kept it in its details under the old name (contract.OLD_PREFERRED)."""
    if r.preferred_on is not None:
        return r.preferred_on
    details: dict[str, Any] = json.loads(r.details) if r.details else {}
    day = preferred_day({"details": details})
    try:
        return dt.date.fromisoformat(day) if day else None
    except ValueError:
        return None


def _data_use(r: ServiceRequest) -> str:
    """The slip's line on personal data: consent is claimed only where it was recorded."""
    details: dict[str, Any] = json.loads(r.details) if r.details else {}
    what = details.get(CONSENT)
    return f"{DATA_USE} {CONSENT_GIVEN.format(what=what)}" if what else DATA_USE


def _find(s: Session, ref_or_key: str) -> ServiceRequest:
    r = s.get(ServiceRequest, ref_or_key) or s.scalar(
        select(ServiceRequest).where(ServiceRequest.ref == ref_or_key.strip().upper()))
    if r is None:
        raise NotFound(f"Không có yêu cầu {ref_or_key}.")
    return r


def _text(value: str) -> str:
    return " ".join(value.split())


def _checked(s: Session, form: RequestForm, now: dt.datetime
             ) -> tuple[RequestForm, dict[str, Any], tuple[str, ...]]:
    """The form with spaces tidied, its kind's details checked and the papers brought, or
    a FieldError naming the first problem and the field it is in."""
    kind = service_kinds.kinds().get(form.kind)
    if kind is None:
        raise FieldError(f"Loại yêu cầu không hợp lệ: {form.kind}.", field="kind")
    name, address, note = _text(form.customer_name), _text(form.address), form.note.strip()
    if not name:
        raise FieldError("Nhập họ tên khách hàng.", field="customer_name")
    if len(name) > MAX_NAME:
        raise FieldError(f"Họ tên dài quá {MAX_NAME} ký tự.", field="customer_name")
    if not address:
        raise FieldError("Nhập địa chỉ (nơi sử dụng điện).", field="address")
    if len(address) > 2 * MAX_NAME:
        raise FieldError(f"Địa chỉ dài quá {2 * MAX_NAME} ký tự.", field="address")
    if len(note) > MAX_NOTE:
        raise FieldError(f"Nội dung dài quá {MAX_NOTE} ký tự.", field="note")
    phone = _on_file(s, form) or service_kinds.check_phone("phone", form.phone)
    today = now.astimezone(labels.VN_TZ).date()
    id_number = ""
    if form.id_number.strip():
        id_number = service_kinds.check_id_number(form.id_number, today)
    if "id_number" in service_kinds.required_fields(kind) and not id_number:
        raise FieldError(f"Yêu cầu \"{kind.label}\" cần số CCCD của khách hàng.", field="id_number")
    if not kind.needs_account:
        if form.account_id is not None:
            raise FieldError(f"{kind.label} là cho nơi chưa có hợp đồng: "
                                     "không chọn khách hàng có sẵn.", field="kind")
    else:
        if form.account_id is None:
            raise FieldError("Chọn khách hàng (mã khách hàng) cho yêu cầu này.", field="kind")
        account = s.get(Account, form.account_id)
        if account is None:
            raise NotFound("Không tìm thấy khách hàng trong dữ liệu của quầy.")
        if account.status == AccountStatus.TERMINATED:
            raise FieldError("Hợp đồng của khách hàng này đã chấm dứt; "
                                     "đăng ký lại bằng yêu cầu cấp điện mới.", field="kind")
    if form.preferred_on is not None and not (
            today <= form.preferred_on <= today + dt.timedelta(days=366)):
        raise FieldError(f"{kind.preferred_label} phải từ hôm nay đến trong vòng một năm.",
                         field="preferred_on")
    details = service_kinds.check_details(kind, form.details, today)
    papers = service_kinds.check_papers(kind, form.papers)
    return (RequestForm(form.kind, name, address, phone, form.account_id, id_number, note,
                        form.preferred_on), details, papers)


def _on_file(s: Session, form: RequestForm) -> str | None:
    """The account's phone on file when the form carries it as it was prefilled, masked
    for a cashier who may not see it whole; None when another number was typed."""
    account = s.get(Account, form.phone_from) if form.phone_from is not None else None
    on_file = normalise_phone(account.phone or "") if account is not None else None
    if not on_file or form.phone.strip() != mask_phone(on_file):
        return None
    # a number on file that a typed one would not pass (a landline's 11 digits) is refused
    # as typed: the cashier asks the customer for one
    return service_kinds.check_phone("phone", on_file)


def _kept(kind: service_kinds.Kind, details: Mapping[str, Any]) -> dict[str, Any]:
    """What the counter keeps of the details: a bank account number masked (the full one
    travels in the outbox row to central only), dates as ISO text."""
    kept: dict[str, Any] = {}
    for name, value in details.items():
        spec = next((f for f in kind.fields if f.name == name), None)
        if spec is not None and spec.type == "account_no":
            value = service_kinds.mask_account_no(str(value))
        kept[name] = value.isoformat() if isinstance(value, dt.date) else value
    return kept


#: the detail that records the applicant's consent: what it covers, as the slip prints it
CONSENT = "personal_data_consent"


def _covers(personal: Mapping[str, Any]) -> str:
    what = ["số CCCD"] if "id_number" in personal else []
    if personal.get("details"):
        what.append("số tài khoản ngân hàng")
    return ", ".join(what)


def _personal(kind: service_kinds.Kind, id_number: str,
              details: Mapping[str, Any]) -> dict[str, Any]:
    """The values sealed in the outbox row: the CCCD and the bank account numbers."""
    personal: dict[str, Any] = {}
    if id_number:
        personal["id_number"] = id_number
    secret = {f.name: details[f.name] for f in kind.fields
              if f.type == "account_no" and f.name in details}
    if secret:
        personal["details"] = secret
    return personal


def _slip_details(kind: service_kinds.Kind, r: ServiceRequest) -> list[Row]:
    """The kind's details, the papers brought and missing, and the date the utility must
    act by, as the slip prints them."""
    rows: list[Row] = []
    details: dict[str, Any] = json.loads(r.details) if r.details else {}
    for spec in kind.fields:
        if spec.name not in details:
            continue
        value = details[spec.name]
        if spec.type == "bool":
            text = "Có" if value else "Không"
        elif spec.type == "date":
            text = dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        elif spec.type == "bank":
            bank = service_kinds.banks().get(value)
            text = bank.name if bank else str(value)
        elif spec.type == "threshold":
            text = f"{value} {details.get(spec.name + '_unit', '')}".strip()
        elif spec.type == "contact" and "@" not in str(value):
            text = mask_phone(str(value))
        else:
            text = str(value)
        rows.append(Row(f"{spec.label}: {text}"))
    if details.get(CONSENT):
        rows.append(Row(f"Khách hàng đồng ý xử lý: {details[CONSENT]} (chỉ cho yêu cầu này)"))
    got, missing = service_kinds.papers_status(kind, json.loads(r.papers) if r.papers else [])
    if kind.papers:
        rows.append(Row("Giấy tờ đã nộp:", bold=True, rule=True))
        rows += [Row(f"  + {label}") for label in got] or [Row("  (chưa có)")]
        rows.append(Row("Giấy tờ còn thiếu:", bold=True))
        rows += [Row(f"  - {label}") for label in missing] or [Row("  (đủ)")]
    if r.due_on is not None:
        rows.append(Row(f"Hạn giải quyết: {r.due_on.strftime('%d/%m/%Y')} "
                        f"({kind.working_days} ngày làm việc, {kind.deadline_what})",
                        bold=True, rule=True))
    return rows


# -- reconnection on payment (issue 30, build 5) --------------------------------------------

#: a reconnection request's key, from the payment that raised it: the receipt finds it, and a
#: retried confirm (same payment key) can never make a second one
_RECONNECTION_NS = uuid.UUID("6f1d3a52-4c1e-4bde-9a53-2f6b0c0e7a11")
#: requests still open (not done, refused or withdrawn): one such per disconnection episode
_OPEN = (RequestStatus.SUBMITTED, RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class Reconnection:
    """What the receipt says about the reconnection a payment raised."""

    ref: str
    due_at: dt.datetime
    fee: ReconnectionFee | None


def reconnection_key(payment_key: str) -> str:
    return str(uuid.uuid5(_RECONNECTION_NS, payment_key))


def raise_reconnection(s: Session, payment: LocalPayment, account_code: str,
                       staff: Staff) -> None:
    """In the payment's own transaction (``PaymentService.alongside``): when the account
    was cut off for non-payment and owes nothing any more, ask for reconnection.

    Once per disconnection episode: an open reconnection request for the account (this
    payment's, on a retried confirm) means none is raised. A void withdraws the one its
    payment raised (:func:`withdraw_reconnection`), so the next clearing payment raises
    its own, with its own deadline.
    """
    account = s.get(Account, payment.account_id)
    if account is None or account.status != AccountStatus.DISCONNECTED:
        return
    if s.scalar(select(exists().where(Bill.account_id == account.id,
                                      Bill.status == BillStatus.UNPAID))):
        return
    if s.scalar(select(exists().where(ServiceRequest.account_id == account.id,
                                      ServiceRequest.kind == "reconnection",
                                      ServiceRequest.status.in_(_OPEN)))):
        return
    device = s.get(DeviceState, 1)
    if device is None:
        return
    now = payment.paid_at
    device.request_seq += 1
    ref = request_reference(device.device_code, device.request_seq)
    key = reconnection_key(payment.key)
    due = now + reconnect_within()
    # the request list's deadline (and its overdue mark) is a day: the 24 h's local day
    due_on = due.astimezone(labels.VN_TZ).date()
    fee = reconnection_fee(account.unit_code, account.voltage)
    note = (f"Khách đã thanh toán hết nợ (phiếu thu {payment.receipt_no}); đóng điện trở lại "
            f"trước {labels.local_datetime(due)}.")
    if fee is not None:
        note += f" Phí đóng điện lại {group_digits(fee.amount)} đ chưa VAT."
    phone = normalise_phone(account.phone or "")
    s.add(ServiceRequest(
        key=key, ref=ref, kind="reconnection", account_id=account.id,
        customer_name=account.name, address=account.address, phone=phone, id_number=None,
        note=note, preferred_on=None, staff_id=staff.id, created_at=now,
        status=RequestStatus.SUBMITTED, due_on=due_on))
    s.add(ServiceRequestHistory(request_key=key, status=RequestStatus.SUBMITTED, note=None,
                                at=now))
    data = service_request_data(
        ref=ref, kind="reconnection", account_code=account_code,
        customer_name=account.name, address=account.address,
        phone=phone if phone and len(phone) == 10 else None,
        id_number=None, note=note, preferred_on=None, staff=staff.username, created_at=now,
        due_on=due_on)
    s.add(OutboxOp(key=key, kind="service_request", created_at=now, attempts=0,
                   state=OutboxState.PENDING, data=json.dumps(data, ensure_ascii=False)))
    audit.append(s, action="service_request", staff=staff.username, now=now, subject=ref,
                 detail={"kind": "reconnection", "account": account_code,
                         "payment": payment.receipt_no})


def withdraw_reconnection(s: Session, payment: LocalPayment, staff: Staff, reason: str,
                          now: dt.datetime) -> None:
    """In the void's own transaction (``PaymentService.on_void``): the reconnection request
    this payment raised is withdrawn (``cancelled``, with the void's reason), since the debt
    is back; central hears it once through the outbox (``request_withdrawal``, after the
    request itself). The next payment clearing the debt raises a new one, with its own
    deadline."""
    r = s.get(ServiceRequest, reconnection_key(payment.key))
    if r is None or r.status not in _OPEN:
        return
    why = f"Phiếu thu {payment.receipt_no} đã hủy: {reason}"[:500]
    r.status, r.status_note, r.status_at = RequestStatus.CANCELLED, why, now
    s.add(ServiceRequestHistory(request_key=r.key, status=RequestStatus.CANCELLED, note=why,
                                at=now))
    s.add(OutboxOp(key=str(uuid.uuid4()), kind="request_withdrawal", created_at=now,
                   attempts=0, state=OutboxState.PENDING, data=json.dumps(
                       request_withdrawal_data(ref=r.ref, reason=why, at=now),
                       ensure_ascii=False)))
    audit.append(s, action="request_withdrawal", staff=staff.username, now=now, subject=r.ref,
                 detail={"kind": r.kind, "payment": payment.receipt_no, "reason": reason})


def reconnection_fee_due(s: Session, account: Account, bills: Sequence[Bill],
                         now: dt.datetime) -> list[FeeLine]:
    """The fee lines a cash payment of ``bills`` takes (``PaymentService.fees``): the
    reconnection fee, when these bills clear the debt of an account cut off for
    non-payment and the account's unit has its counters collect it
    (``_reconnection_fees.toml``).

    Once per disconnection episode: a payment not voided that took the fee since the
    episode's reconnection request was raised means none is taken again (a retried confirm
    is the same payment; a void gives the fee back with the rest, so the next payment takes
    it again).
    """
    if account.status != AccountStatus.DISCONNECTED:
        return []
    paid = [b.id for b in bills]
    if s.scalar(select(exists().where(Bill.account_id == account.id,
                                      Bill.status == BillStatus.UNPAID,
                                      Bill.id.not_in(paid)))):
        return []
    fee = counter_fee(account.unit_code, account.voltage, now)
    if fee is None:
        return []
    since = s.scalar(select(func.min(ServiceRequest.created_at)).where(
        ServiceRequest.account_id == account.id, ServiceRequest.kind == "reconnection",
        ServiceRequest.status.in_(_OPEN)))
    if since is not None and s.scalar(select(exists().where(
            LocalPayment.account_id == account.id, LocalPayment.status == PaymentStatus.TAKEN,
            LocalPayment.fees.is_not(None), LocalPayment.paid_at >= since))):
        return []
    return [fee]


def reconnection_for(s: Session, payment_key: str) -> Reconnection | None:
    """The reconnection this payment raised, for its receipt; None when it raised none."""
    r = s.get(ServiceRequest, reconnection_key(payment_key))
    if r is None:
        return None
    account = s.get(Account, r.account_id) if r.account_id else None
    fee = reconnection_fee(account.unit_code, account.voltage) if account else None
    return Reconnection(r.ref, r.created_at + reconnect_within(), fee)


def reconnection_lines(reconnection: Reconnection | None) -> tuple[str, ...]:
    """What a receipt prints about it (ESC/POS and PDF alike)."""
    if reconnection is None:
        return ()
    lines = [f"ĐÃ YÊU CẦU ĐÓNG ĐIỆN TRỞ LẠI (mã {reconnection.ref})",
             f"Điện lực đóng điện trước {labels.local_datetime(reconnection.due_at)}"]
    if reconnection.fee is not None:
        fee = group_digits(reconnection.fee.amount)
        where = ("thu tại quầy" if reconnection.fee.collect_at_counter
                 else "tính vào hóa đơn kỳ sau")
        lines.append(f"Phí đóng điện lại: {fee} đ (chưa VAT), {where}")
    return tuple(lines)
