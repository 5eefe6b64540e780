"""The print queue: the payment first, the receipt after, through printer faults and restarts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from db.demo import DEMO_PASSWORD
from db.models import AuditEntry, LocalPayment, PrintJob
from desktop.app import App, build_app
from desktop.printing.emulator import PrinterEmulator
from desktop.printing.queue import ReprintNeedsApproval
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.auth import PermissionDenied
from desktop.staff.permissions import ApprovalAction
from tests.staff import pretend_enrolled, sign_in


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[PrinterEmulator]:
    with PrinterEmulator(tmp_path / "paper") as em:
        yield em


@pytest.fixture
def counter(app: App, emulator: PrinterEmulator) -> App:
    pretend_enrolled(app, 9)
    admin = sign_in(app, "quantri")
    with pytest.raises(PermissionDenied):
        app.device.set_printer(sign_in(app), "tcp://127.0.0.1:1", 80)  # a cashier may not
    app.device.set_printer(admin, f"tcp://127.0.0.1:{emulator.port}", 80)
    return app


def wait_jobs(em: PrinterEmulator, n: int) -> list[Image.Image]:
    jobs = em.wait_for_jobs(n)
    assert len(jobs) == n
    return [Image.open(p) for p in jobs]


def test_the_receipt_follows_the_payment_through_a_dead_printer_and_a_restart(
        counter: App, emulator: PrinterEmulator) -> None:
    cashier = sign_in(counter)
    counter.shifts.open(cashier, 0)
    emulator.faults.paper_out = True
    taken = counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0],
                                       tendered=1_000_000)
    outcome = counter.prints.print_pending()
    assert (outcome.printed, outcome.failed) == (0, 1) and "hết giấy" in outcome.error
    with counter.sessions() as s:  # the payment stands, the receipt waits
        assert s.get(LocalPayment, taken.key).status == "taken"
    path = counter.store_path
    counter.close()  # and the counter restarts
    emulator.faults.paper_out = False
    again = build_app(path, create=False)
    try:
        assert again.prints.pending() == 1
        assert again.prints.print_pending().printed == 1
        [image] = wait_jobs(emulator, 1)
        [qr] = zxingcpp.read_barcodes(image)
        assert qr.text.startswith(f"QT|{taken.receipt_no}|")
        assert again.prints.pending() == 0
        assert emulator.drawer_kicks == 1
    finally:
        again.close()


def test_a_job_cut_mid_way_is_sent_whole_again_and_printed_once(
        counter: App, emulator: PrinterEmulator) -> None:
    cashier = sign_in(counter)
    counter.shifts.open(cashier, 0)
    counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0])
    emulator.faults.drop_after = 20_000
    assert counter.prints.print_pending().failed == 1
    assert counter.prints.print_pending().printed == 1
    assert len(wait_jobs(emulator, 1)) == 1
    with counter.sessions() as s:
        job = s.scalar(select(PrintJob))
    assert (job.state, job.attempts, job.copy_no) == ("printed", 2, 0)


def test_copies_are_counted_marked_journaled_and_late_ones_need_a_supervisor(
        counter: App, emulator: PrinterEmulator) -> None:
    cashier = sign_in(counter)
    counter.shifts.open(cashier, 0)
    taken = counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0])
    counter.prints.print_pending()
    assert counter.prints.reprint(cashier, taken.key) == 1
    assert counter.prints.reprint(cashier, taken.key) == 2
    counter.prints.print_pending()
    original, copy1, _copy2 = wait_jobs(emulator, 3)
    assert copy1.height > original.height  # the "BẢN SAO" line
    assert emulator.drawer_kicks == 1  # a copy does not open the drawer
    with counter.sessions() as s:
        lines = [json.loads(e) for e in s.scalars(select(AuditEntry.entry))]
    assert [e["detail"]["copy"] for e in lines if e["action"] == "reprint"] == [1, 2]
    # an hour later: a supervisor must approve
    with counter.writes() as s, s.begin():
        s.get(LocalPayment, taken.key).paid_at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    with pytest.raises(ReprintNeedsApproval, match="cần giám sát phê duyệt"):
        counter.prints.reprint(cashier, taken.key)
    approval = counter.auth.approve(cashier, ApprovalAction.LATE_REPRINT, taken.key, "giamsat",
                                    DEMO_PASSWORD, "Khách làm mất phiếu")
    assert counter.prints.reprint(cashier, taken.key, approval) == 3


def test_a_receipt_taken_with_no_printer_prints_when_one_is_configured(
        app: App, emulator: PrinterEmulator) -> None:
    """The receipt is queued with its payment whether or not a printer is set; the
    printer thread prints it the moment an administrator names one."""
    pretend_enrolled(app, 9)
    cashier = sign_in(app)
    app.shifts.open(cashier, 0)
    app.printer.start()
    taken = app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
    assert app.printer.wait_idle(30)
    assert app.prints.pending() == 1  # nowhere to print yet: it waits
    app.device.set_printer(sign_in(app, "quantri"), f"tcp://127.0.0.1:{emulator.port}", 80)
    [image] = wait_jobs(emulator, 1)
    [qr] = zxingcpp.read_barcodes(image)
    assert qr.text.startswith(f"QT|{taken.receipt_no}|")
    assert app.printer.wait_idle(30) and app.prints.pending() == 0


def test_receipts_a_kill_left_behind_print_at_the_next_start(
        counter: App, emulator: PrinterEmulator) -> None:
    """Payments committed by a process that died before printing (no printer thread ran):
    the next start prints them without waiting for another payment or Ctrl+P."""
    cashier = sign_in(counter)
    counter.shifts.open(cashier, 0)
    receipts = [counter.payments.take_cash(cashier, a).receipt_no
                for a in accounts_with_unpaid_bills(counter)[:2]]
    path = counter.store_path
    counter.close()
    assert emulator.jobs == []  # nothing printed them before the "crash"
    again = build_app(path, create=False)
    try:
        again.printer.start()
        images = wait_jobs(emulator, 2)
        texts = [zxingcpp.read_barcodes(i)[0].text for i in images]
        assert [t.split("|")[1] for t in texts] == receipts
    finally:
        again.close()


def test_the_shift_report_and_the_drop_slip_print(counter: App,
                                                  emulator: PrinterEmulator,
                                                  tmp_path: Path) -> None:
    from pypdf import PdfReader

    from desktop.printing.pdf import render_pdf

    cashier = sign_in(counter)
    shift = counter.shifts.open(cashier, 1_000_000)
    taken = counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0])
    drop_key = counter.shifts.drop(cashier, 500_000, "Thủ quỹ Lan")
    counter.prints.print_document(counter.shifts.drop_document(cashier, drop_key))
    expected = 1_000_000 + taken.amount - 500_000
    counter.shifts.close(cashier, {500_000: expected // 500_000,
                                   1_000: expected % 500_000 // 1_000})
    document = counter.shifts.report_document(cashier, shift.key)
    counter.prints.print_document(document)
    slip, report = wait_jobs(emulator, 2)
    assert slip.width == report.width == 576 and report.height > slip.height
    pdf = render_pdf(document, tmp_path / "ca.pdf", "a4")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "BÁO CÁO CA THU" in text and "Tiền mặt phải có" in text
    assert "Nguyễn Thị Thu Ngân" in text and shift.key in text
