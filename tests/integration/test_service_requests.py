"""Service requests: taken at the counter, pushed once, their progress pulled back, the slip."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from central.models import AppliedOp
from central.models import ServiceRequest as CentralRequest
from central.service import Central
from db.models import Account, AuditEntry, DeviceState, OutboxOp, ServiceRequest
from desktop.app import App, build_app
from desktop.errors import NotFound, ValidationError
from desktop.link.sync.engine import SyncEngine
from desktop.printing.emulator import PrinterEmulator
from desktop.service_requests import KINDS, RequestForm
from desktop.staff.auth import PermissionDenied
from tests.staff import sign_in


@pytest.fixture
def counter(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    app = build_app(tmp_path / "counter" / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    app.link.engine.sync_once()
    yield app
    app.close()


def an_account(app: App) -> Account:
    with app.sessions() as s:
        return s.scalars(select(Account).where(Account.status == "active")
                         .order_by(Account.id).limit(1)).one()


def meter_check(account: Account, **changes: object) -> RequestForm:
    form = {"kind": "meter_inspection", "customer_name": account.name,
            "address": account.address, "phone": "0909 123 456", "account_id": account.id,
            "note": "Công tơ quay nhanh bất thường từ tháng 10.",
            "details": {"reason": "Công tơ chạy nhanh"}, "papers": ("application",)}
    form.update(changes)
    return RequestForm(**form)  # type: ignore[arg-type]


def test_a_request_reaches_central_once_and_its_progress_comes_back(
        counter: App, central: Central) -> None:
    cashier = sign_in(counter)
    account = an_account(counter)
    taken = counter.requests.submit(cashier, meter_check(account))
    with counter.sessions() as s:
        device_code = s.get(DeviceState, 1).device_code
    assert taken.ref == f"{device_code}-YC000001"
    assert taken.status_label == "Chờ gửi về trung tâm"
    again = counter.requests.submit(cashier, meter_check(account), key=taken.key)
    assert again.ref == taken.ref  # the same key twice is one request
    second = counter.requests.submit(
        cashier, meter_check(account, kind="extension", details={"new_end": "31/12/2030"}))
    assert second.ref.endswith("-YC000002")

    counter.link.engine.sync_once()
    counter.link.engine.sync_once()  # nothing is sent twice
    with central.sessions() as s:
        rows = s.scalars(select(CentralRequest).order_by(CentralRequest.ref)).all()
        assert [(r.ref, r.kind, r.account_code, r.status) for r in rows] == [
            (taken.ref, "meter_inspection", account.code, "received"),
            (second.ref, "extension", account.code, "received")]
        assert json.loads(rows[0].data)["phone"] == "0909123456"
        assert s.scalar(select(func.count()).select_from(AppliedOp)
                        .where(AppliedOp.kind == "service_request")) == 2
    assert [r.status_label for r in counter.requests.for_account(cashier, account.id)] == [
        "Trung tâm đã tiếp nhận"] * 2

    central.set_request_status(taken.ref, "done", "Đã thay công tơ mới ngày 28/11.")
    counter.link.engine.sync_once()
    done = counter.requests.get(cashier, taken.ref)
    assert (done.status_label, done.status_note) == ("Đã hoàn thành",
                                                     "Đã thay công tơ mới ngày 28/11.")
    with counter.sessions() as s:
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 0
        # the journal names the request and never the customer's phone
        lines = [json.loads(e) for e in s.scalars(select(AuditEntry.entry))]
    ours = [e for e in lines if e["action"] == "service_request"]
    assert [e["subject"] for e in ours] == [taken.ref, second.ref]
    assert not any("0909" in json.dumps(e) for e in ours)


def test_another_counters_request_shows_in_the_account_panel(
        counter: App, central: Central, url: str, tmp_path: Path) -> None:
    other = build_app(tmp_path / "other" / "quaythu.db")
    try:
        other.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 2")
        other.link.engine.sync_once()
        account = an_account(other)
        ref = other.requests.submit(sign_in(other), meter_check(account)).ref
        other.link.engine.sync_once()
    finally:
        other.close()
    counter.link.engine.sync_once()
    seen = counter.requests.for_account(sign_in(counter), account.id)
    assert [(r.ref, r.kind_label, r.status) for r in seen] == [
        (ref, KINDS["meter_inspection"], "received")]
    with counter.sessions() as s:  # another counter's customer contact stays there
        assert s.get(ServiceRequest, seen[0].key).phone is None


@pytest.mark.parametrize(("changes", "message"), [
    ({"customer_name": "  "}, "Nhập họ tên"),
    ({"customer_name": "A" * 201}, "dài quá 200"),
    ({"address": ""}, "Nhập địa chỉ"),
    ({"phone": "12345"}, "Số điện thoại"),
    ({"phone": "0909' OR 1=1 --"}, "Số điện thoại"),
    ({"id_number": "07909"}, "12 chữ số"),
    ({"kind": "termination"}, "cần số CCCD"),
    ({"kind": "refund"}, "Loại yêu cầu không hợp lệ"),
    ({"account_id": None}, "Chọn khách hàng"),
    ({"kind": "new_supply", "id_number": "079090001234"}, "không chọn khách hàng"),
    ({"id_number": "003090001234"}, "Mã tỉnh 003"),
    ({"id_number": "079790001234"}, "thế kỷ"),
    ({"phone": "0109 123 456"}, "Số điện thoại"),
    ({"details": {}}, "Chọn lý do"),
    ({"papers": ()}, "Thiếu giấy tờ bắt buộc"),
    ({"note": "x" * 1001}, "dài quá 1000"),
    ({"preferred_on": dt.date(2020, 1, 1)}, "Ngày mong muốn"),
])
def test_bad_forms_are_refused_in_vietnamese_and_nothing_is_written(
        counter: App, changes: dict[str, object], message: str) -> None:
    cashier = sign_in(counter)
    with pytest.raises(ValidationError, match=message):
        counter.requests.submit(cashier, meter_check(an_account(counter), **changes))
    with counter.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ServiceRequest)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxOp)
                        .where(OutboxOp.kind == "service_request")) == 0
    with pytest.raises(NotFound):
        counter.requests.submit(cashier, meter_check(an_account(counter), account_id=10**9))


def test_agents_do_not_take_contract_requests(counter: App) -> None:
    with pytest.raises(PermissionDenied):
        counter.requests.submit(sign_in(counter, "daily"), meter_check(an_account(counter)))


def test_a_request_for_another_units_account_is_rejected_and_listed(
        counter: App, central: Central) -> None:
    """A forged account code (another unit's customer) is refused by central, visibly."""
    cashier = sign_in(counter)
    account = an_account(counter)
    taken = counter.requests.submit(cashier, meter_check(account))
    with central.sessions() as s:
        from central.models import Account as CentralAccount

        foreign = s.scalars(select(CentralAccount.code)
                            .where(CentralAccount.unit_code != "PE1400").limit(1)).one()
    with counter.writes() as s, s.begin():
        op = s.scalars(select(OutboxOp).where(OutboxOp.key == taken.key)).one()
        data = json.loads(op.data)
        data["account_code"] = foreign
        op.data = json.dumps(data)
    # the counter's own sync would set the edited row aside (its seal fails,
    # desktop.rowseal): sent by a sync that does not check seals, central refuses it
    report = SyncEngine(counter.sessions, counter.link.client(),
                        writes=counter.writes).sync_once()
    assert report.rejected == 1
    assert [i.reason for i in counter.sync.open_issues()] == ["unknown-account"]
    with central.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CentralRequest)) == 0


def test_the_acknowledgement_slip_prints_and_reads_back(
        counter: App, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from desktop.printing.pdf import render_pdf

    cashier = sign_in(counter)
    account = an_account(counter)
    long_address = ("Số 12/3 hẻm 45 đường Nguyễn Thị Minh Khai, phường Bến Thành, "
                    "quận 1 (cũ), Thành phố Hồ Chí Minh — ấp Ổ Ốc, xã Đồng Ưởng") * 2
    form = RequestForm("new_supply", "Trần Thị Ngọc Ánh " * 8, long_address, "0912345678",
                       id_number="079190001234", note="Cấp điện sinh hoạt cho nhà mới xây.",
                       preferred_on=dt.date(2026, 12, 15),
                       details={"purpose": "Sinh hoạt", "households": "1", "load_kw": "5"},
                       papers=("application", "rental_contract"))
    taken = counter.requests.submit(cashier, form)
    short = counter.requests.submit(cashier, meter_check(account))
    with PrinterEmulator(tmp_path / "paper") as em:
        counter.device.set_printer(sign_in(counter, "quantri"), f"tcp://127.0.0.1:{em.port}", 58)
        counter.prints.print_document(counter.requests.slip_document(cashier, taken.ref))
        counter.prints.print_document(counter.requests.slip_document(cashier, short.ref))
        jobs = em.wait_for_jobs(2)
    assert len(jobs) == 2
    long_slip, short_slip = (Image.open(p) for p in jobs)
    assert long_slip.width == short_slip.width == 384
    assert long_slip.height > short_slip.height + 150  # wrapped, never cut off
    doc = counter.requests.slip_document(cashier, taken.ref)
    pdf = render_pdf(doc, tmp_path / "phieu.pdf", "a5")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "PHIẾU TIẾP NHẬN YÊU CẦU" in text and taken.ref in text
    assert "Cấp điện mới" in text and "ấp Ổ Ốc, xã Đồng Ưởng" in text
    assert "079******234" in text and "0912***678" in text
    assert "079190001234" not in text and "0912345678" not in text  # masked on paper


def test_the_slip_claims_consent_only_where_it_was_recorded(
        counter: App, tmp_path: Path) -> None:
    """A request with no personal number asks no consent (the box stays unticked): its slip
    says how data is used and nothing of a consent; one with a CCCD says what was agreed."""
    from pypdf import PdfReader

    from desktop.printing.pdf import render_pdf

    cashier = sign_in(counter)
    unticked = counter.requests.submit(cashier, meter_check(an_account(counter),
                                                            consent=False))
    given = counter.requests.submit(cashier, RequestForm(
        "new_supply", "Trần Thị Ngọc Ánh", "12 Lê Lợi", "0912345678",
        id_number="079190001234", details={"purpose": "Sinh hoạt", "households": "1",
                                           "load_kw": "5"},
        papers=("application", "rental_contract"), consent=True))

    def text(ref: str) -> str:
        pdf = render_pdf(counter.requests.slip_document(cashier, ref),
                         tmp_path / f"{ref}.pdf", "a5")
        return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)

    without = text(unticked.ref)
    assert "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15" in without
    assert "đồng ý" not in without
    assert "Khách hàng đã đồng ý cho xử lý số CCCD khi ký phiếu." in text(given.ref)


def test_a_new_supply_pushed_with_the_old_date_field_is_read_as_its_preferred_date(
        counter: App, central: Central, tmp_path: Path) -> None:
    """Before the new-supply form had one date, a counter sent it in the details
    (``wanted_on``) and left ``preferred_on`` empty: the slip and central's list still
    show it as the preferred date; one taken now sends it as ``preferred_on``."""
    cashier = sign_in(counter)
    soon = dt.date.today() + dt.timedelta(days=20)
    form = RequestForm("new_supply", "Trần Thị Ngọc Ánh", "12 Hoàng Văn Thụ", "0909123456",
                       id_number="079190001234", preferred_on=soon,
                       details={"purpose": "Sinh hoạt", "households": "2", "load_kw": "6"},
                       papers=("application",))
    new = counter.requests.submit(cashier, form)
    old = counter.requests.submit(cashier, RequestForm(
        "new_supply", "Lê Văn Bình", "5 Lê Lợi", "0909123457", id_number="079190001235",
        details={"purpose": "Sinh hoạt", "households": "1", "load_kw": "3"},
        papers=("application",)))
    with counter.sessions() as s, s.begin():  # as an older counter wrote it
        row = s.scalars(select(ServiceRequest).where(ServiceRequest.ref == old.ref)).one()
        row.details = json.dumps({**json.loads(row.details or "{}"), "wanted_on": "2027-12-15"})
        op = s.scalars(select(OutboxOp).where(OutboxOp.key == row.key)).one()
        data = json.loads(op.data)
        data["details"] = {**data["details"], "wanted_on": "2027-12-15"}
        op.data = json.dumps(data, ensure_ascii=False)
    slip = counter.requests.slip_document(cashier, old.ref)
    assert "Ngày muốn có điện: 15/12/2027" in [r.left for r in slip.rows]
    # the row as an older counter wrote it is not this counter's sealed row
    # (desktop.rowseal): sent by a sync that does not check seals, as that counter's was
    link = counter.link
    SyncEngine(counter.sessions, link.client(), writes=counter.writes,
               open_sealed=link._open_sealed).sync_once()
    listed = {r["ref"]: r for r in central.list_requests()}
    assert listed[old.ref]["preferred_on"] == "2027-12-15"
    assert listed[new.ref]["preferred_on"] == soon.isoformat()
