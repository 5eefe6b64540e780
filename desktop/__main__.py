"""The ``quaythu`` command (also ``python -m desktop``).

Sub-commands never open the GUI, except ``demo``, which imports ``ui`` lazily:
this entry point is the one place in ``desktop/`` allowed to know it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.app import App, build_app
from desktop.billing import BillRequest
from desktop.config import STORE_FILE, Settings, ensure_data_dir, resolve_data_dir
from desktop.errors import QuayThuError, ValidationError
from desktop.money import format_vnd, group_digits
from desktop.privacy import install_log_redaction
from desktop.tariff import TARIFF_CLASSES, VOLTAGES

#: PDF layouts of ``quaythu bill --layout`` (desktop.pdf loads reportlab: only when asked)
LAYOUTS = ("slip80", "a5", "a4")

logger = logging.getLogger("desktop")

DEMO_DIR = "demo"
DEMO_SEED = 2026
#: the demo counter belongs to Điện lực Tân Bình
DEMO_UNIT = "PE1400"


def _data_dir_parent(default: object) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="thư mục dữ liệu (mặc định: biến QUAYTHU_DATA_DIR, rồi thư mục người dùng)",
    )
    return p


def build_parser() -> argparse.ArgumentParser:
    # Accepted before or after the sub-command; the sub-command's copy must
    # not reset a value given before it, hence SUPPRESS there.
    common = _data_dir_parent(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="quaythu",
        description="QuayThu – quầy thu tiền điện. Không có lệnh con: mở cửa sổ quầy thu "
                    "(lần đầu: đăng ký với máy chủ trung tâm). 'quaythu demo': dữ liệu demo.",
        parents=[_data_dir_parent(None)],
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết")
    # no sub-command: the counter's own window on the user's store
    sub = parser.add_subparsers(dest="command", required=False, metavar="LỆNH")

    demo = sub.add_parser(
        "demo", parents=[common],
        help="mở ứng dụng trên dữ liệu demo (tạo ở lần chạy đầu)",
    )
    demo.add_argument("--accounts", type=int, default=None,
                      help="số khách hàng của kho demo (mặc định 200 000)")

    gen = sub.add_parser("demo-data", parents=[common], help="tạo kho dữ liệu demo")
    gen.add_argument("--accounts", type=int, required=True, help="số khách hàng")
    gen.add_argument("--seed", type=int, default=1, help="hạt giống: cùng hạt giống, cùng dữ liệu")
    gen.add_argument("--db", type=Path, help="tệp kho mới (mặc định: quaythu.db trong thư mục dữ liệu)")
    gen.add_argument("--as-of", type=dt.date.fromisoformat, default=None,
                     help="ngày hiện tại của dữ liệu, YYYY-MM-DD (mặc định hôm nay)")
    gen.add_argument("--processes", type=int, default=None, help="số tiến trình tạo dữ liệu")

    look = sub.add_parser("lookup", parents=[common], help="tìm khách hàng trong kho cục bộ")
    look.add_argument("query", help="mã KH, số điện thoại, số công tơ, hoặc tên/địa chỉ")
    look.add_argument("--db", type=Path, help="tệp kho (mặc định: quaythu.db trong thư mục dữ liệu)")
    look.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    look.add_argument("--limit", type=int, default=None, help="số kết quả tối đa")

    bill = sub.add_parser("bill", parents=[common], help="tính tiền điện một kỳ (công cụ tính hóa đơn)")
    amount = bill.add_mutually_exclusive_group(required=True)
    amount.add_argument("--kwh", type=int, help="sản lượng kWh của kỳ")
    amount.add_argument("--old", type=int, help="chỉ số cũ (đi với --new)")
    amount.add_argument("--tou", metavar="BT,TD,CD",
                        help="sản lượng giờ bình thường, thấp điểm, cao điểm (kinh doanh, sản xuất)")
    bill.add_argument("--new", type=int, help="chỉ số mới")
    bill.add_argument("--multiplier", type=int, default=1, help="hệ số nhân (HSN)")
    bill.add_argument("--rollover-digits", type=int, default=None,
                      help="công tơ quay vòng: số chữ số của công tơ")
    bill.add_argument("--change-reading", action="append", default=[], metavar="YYYY-MM-DD=R",
                      help="chỉ số ghi ngày đổi giá")
    bill.add_argument("--from", dest="period_from", type=dt.date.fromisoformat, required=True,
                      help="ngày đầu kỳ, YYYY-MM-DD")
    bill.add_argument("--to", dest="period_to", type=dt.date.fromisoformat, required=True,
                      help="ngày cuối kỳ (ngày ghi chỉ số), YYYY-MM-DD")
    bill.add_argument("--class", dest="tariff_class", default="residential",
                      choices=TARIFF_CLASSES, help="nhóm giá")
    bill.add_argument("--voltage", default="lv", choices=VOLTAGES, help="cấp điện áp")
    who = bill.add_mutually_exclusive_group()
    who.add_argument("--households", type=int, default=None, help="số hộ dùng chung công tơ")
    who.add_argument("--tenants", type=int, default=None, help="số người thuê (4 người = 1 hộ)")
    bill.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    bill.add_argument("--pdf", type=Path, help="ghi phiếu tính ra tệp PDF")
    bill.add_argument("--layout", choices=LAYOUTS, default="a4", help="khổ PDF")

    enrol = sub.add_parser("enrol", parents=[common], help="đăng ký thiết bị với máy chủ trung tâm")
    enrol.add_argument("--central", required=True, metavar="URL", help="địa chỉ máy chủ trung tâm")
    enrol.add_argument("--code", required=True, help="mã đăng ký một lần do quản trị cấp")
    enrol.add_argument("--name", default=None, help="tên quầy (mặc định: tên máy)")
    enrol.add_argument("--ca-bundle", default=None, metavar="PEM",
                       help="tệp CA để xác thực chứng chỉ máy chủ (mặc định: CA của hệ thống)")
    enrol.add_argument("--allow-http", action="store_true",
                       help="cho phép http:// tới máy khác (chỉ trong mạng nội bộ đã bảo vệ)")

    sync = sub.add_parser("sync", parents=[common], help="đồng bộ với máy chủ trung tâm")
    sync.add_argument("--once", action="store_true", help="đồng bộ một lần rồi thoát")
    sync.add_argument("--interval", type=float, default=30.0, help="giây giữa hai lần đồng bộ")

    status = sub.add_parser("status", parents=[common], help="tình trạng đồng bộ")
    status.add_argument("--json", action="store_true", help="in dạng JSON")

    sim = sub.add_parser("simulate-counter", parents=[common],
                         help="thu tiền mặt tự động cho kiểm thử tải và sự cố")
    sim.add_argument("--payments", type=int, required=True, help="số khoản thu")
    sim.add_argument("--seed", type=int, default=1, help="hạt giống chọn khách hàng")
    sim.add_argument("--staff", required=True, metavar="TÊN",
                     help="nhân viên thu (mật khẩu: biến QUAYTHU_STAFF_PASSWORD, hoặc hỏi)")

    qr = sub.add_parser("vietqr", help="in chuỗi mã VietQR (tĩnh khi không có số tiền)")
    qr.add_argument("--bin", required=True, help="mã BIN 6 số của ngân hàng nhận")
    qr.add_argument("--account", required=True, help="số tài khoản nhận")
    qr.add_argument("--amount", default=None, help="số tiền (mã động); ví dụ 180000 hoặc 180.000")
    qr.add_argument("--bill", default=None, help="số hóa đơn (trường 62-01)")
    qr.add_argument("--purpose", default=None, help="nội dung (trường 62-08), bỏ dấu tự động")
    qr.add_argument("--png", type=Path, default=None, help="ghi thêm ảnh mã QR ra tệp PNG")

    words = sub.add_parser("words", help="in số tiền bằng chữ như trên phiếu thu")
    words.add_argument("amount", help="số tiền, ví dụ 1.709.544")

    pt = sub.add_parser("print-test", help="in thử một phiếu thu mẫu")
    pt.add_argument("--printer", required=True, metavar="URI",
                    help="tcp://máy:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600, "
                         "win32://Tên máy in, file:///đường/dẫn; thêm ?profile=TM-T88V cho máy "
                         "in có bảng mã tiếng Việt (in chữ thay vì ảnh)")
    pt.add_argument("--paper", type=int, choices=(58, 80), default=80, help="khổ giấy (mm)")

    emu = sub.add_parser("printer-emulator", help="máy in ESC/POS giả lập trên máy này")
    emu.add_argument("--port", type=int, default=9100)
    emu.add_argument("--out", type=Path, required=True, help="thư mục ghi ảnh PNG mỗi lần in")
    emu.add_argument("--paper-out", action="store_true", help="giả lập hết giấy")
    emu.add_argument("--drop-after", type=int, default=None,
                     help="ngắt kết nối sau N byte (một lần)")
    emu.add_argument("--slow", type=float, default=0.0, help="giây chờ mỗi 4 KiB")
    emu.add_argument("--paper", type=int, choices=(58, 80), default=80,
                     help="khổ giấy của máy giả lập (chữ in theo khổ này)")

    aud = sub.add_parser("audit", parents=[common], help="nhật ký thao tác")
    aud_sub = aud.add_subparsers(dest="audit_command", required=True)
    verify = aud_sub.add_parser("verify", parents=[common],
                                help="kiểm tra chuỗi băm của nhật ký (và so với trung tâm)")
    verify.add_argument("--offline", action="store_true", help="không hỏi máy chủ trung tâm")
    verify.add_argument("--json", action="store_true", help="in dạng JSON")

    mig = sub.add_parser("migrate", parents=[common], help="nâng cấp kho cục bộ lên phiên bản mới")
    mig.add_argument("--db", type=Path, help="tệp kho (mặc định: quaythu.db trong thư mục dữ liệu)")
    return parser


def _store_path(args: argparse.Namespace, default_name: str = STORE_FILE) -> Path:
    if getattr(args, "db", None):
        return Path(args.db)
    return ensure_data_dir(resolve_data_dir(args.data_dir)) / default_name


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() or done == total:
        print(f"\r  {group_digits(done)}/{group_digits(total)} khách hàng", end="" if done < total else "\n",
              file=sys.stderr, flush=True)


def cmd_demo_data(args: argparse.Namespace) -> int:
    from desktop.demo import generate_demo_store

    path = _store_path(args)
    if path.exists():
        print(f"Tệp {path} đã tồn tại; không ghi đè. Hãy chọn --db khác.", file=sys.stderr)
        return 2
    if args.accounts < 1:
        print("--accounts phải từ 1 trở lên.", file=sys.stderr)
        return 2
    report = generate_demo_store(
        path, accounts=args.accounts, seed=args.seed, as_of=args.as_of,
        processes=args.processes, progress=_progress,
    )
    print(json.dumps({
        "db": str(path), "accounts": report.accounts, "bills": report.bills,
        "seconds": round(report.seconds, 1), "size_bytes": report.size_bytes,
    }, ensure_ascii=False))
    return 0


def cmd_lookup(args: argparse.Namespace) -> int:
    app = build_app(_store_path(args), create=False)
    try:
        result = app.lookup.search(args.query, limit=args.limit)
    finally:
        app.close()
    if args.json:
        print(json.dumps([
            {"code": h.code, "name": h.name, "address": h.address, "phone": h.phone,
             "meter": h.meter, "status": h.status, "unpaid_total": h.unpaid_total,
             "unpaid_bills": h.unpaid_count, "matched_by": h.matched_by}
            for h in result.hits
        ], ensure_ascii=False, indent=1))
        return 0
    if not result.hits:
        print("Không tìm thấy khách hàng nào.")
        return 0
    for h in result.hits:
        print(f"{h.code}  {h.name}  |  {h.address}  |  ĐT {h.phone or '-'}  |  "
              f"công tơ {h.meter}  |  còn nợ {format_vnd(h.unpaid_total)}")
    if result.truncated:
        print(f"(chỉ hiện {len(result.hits)} kết quả đầu; hãy gõ thêm để thu hẹp)")
    return 0


def _bill_request(args: argparse.Namespace) -> BillRequest:
    if args.old is not None and args.new is None:
        raise ValidationError("Thiếu --new (chỉ số mới).")
    if args.new is not None and args.old is None:
        raise ValidationError("Thiếu --old (chỉ số cũ).")
    tou = None
    if args.tou:
        try:
            a, b, c = (int(x) for x in args.tou.split(","))
        except ValueError:
            raise ValidationError("--tou cần 3 số cách nhau bằng dấu phẩy, ví dụ 600,300,100.") from None
        tou = (a, b, c)
    changes = []
    for item in args.change_reading:
        day, _, reading = item.partition("=")
        try:
            changes.append((dt.date.fromisoformat(day), int(reading)))
        except ValueError:
            raise ValidationError(f"--change-reading không hợp lệ: {item!r}.") from None
    return BillRequest(
        period_from=args.period_from, period_to=args.period_to, tariff_class=args.tariff_class,
        voltage=args.voltage, kwh=args.kwh, old_reading=args.old, new_reading=args.new,
        multiplier=args.multiplier, rollover_digits=args.rollover_digits,
        households=args.households, tenants=args.tenants, tou_kwh=tou,
        change_readings=tuple(changes),
    )


def cmd_bill(args: argparse.Namespace) -> int:
    from desktop import documents
    from desktop.billing import ReadingBelowOld, calculate
    from desktop.pdf import render_pdf
    from desktop.words import amount_in_words

    req = _bill_request(args)
    try:
        result = calculate(req)
    except ReadingBelowOld as exc:
        print(exc.user_message, file=sys.stderr)
        print("Công tơ quay vòng: thêm --rollover-digits N. Công tơ đã thay: dùng --kwh.",
              file=sys.stderr)
        return 2
    if args.pdf:
        render_pdf(documents.bill_calculation(req, result), args.pdf, args.layout)
    if args.json:
        print(json.dumps({
            "period_from": req.period_from.isoformat(), "period_to": req.period_to.isoformat(),
            "days": result.days, "kwh": result.kwh, "households": result.households,
            "lines": [{"label": x.label, "kwh": x.kwh, "unit_price": x.unit_price,
                       "amount": x.amount, "decision": x.decision} for x in result.lines],
            "subtotal": result.subtotal, "vat_rate": result.vat_rate, "vat": result.vat,
            "total": result.total, "total_in_words": amount_in_words(result.total),
            "notes": list(result.notes),
        }, ensure_ascii=False, indent=1))
        return 0
    doc = documents.bill_calculation(req, result)
    print(doc.title)
    for line in doc.subtitle:
        print(line)
    for row in doc.rows:
        print(f"{row.left:<60} {row.right:>14}" if row.right else row.left)
    for line in result.notes:
        print(line)
    return 0


def _device_app(args: argparse.Namespace) -> App:
    return build_app(_store_path(args))


def cmd_enrol(args: argparse.Namespace) -> int:
    from desktop.device import enrol

    app = _device_app(args)
    try:
        state = enrol(app, args.central, args.code, args.name, ca_bundle=args.ca_bundle,
                      allow_http=args.allow_http)
    finally:
        app.close()
    print(json.dumps({"device_id": state.device_id, "unit_code": state.unit_code,
                      "device_code": state.device_code}))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    import threading

    from desktop.device import sync_engine

    app = _device_app(args)
    engine = sync_engine(app)
    try:
        if args.once:
            report = engine.sync_once()
            print(json.dumps(dataclasses.asdict(report)))
            return 0
        stop = threading.Event()
        try:
            engine.run(stop, interval=args.interval)
        except KeyboardInterrupt:
            stop.set()
        return 0
    finally:
        engine.client.close()
        app.close()


def cmd_status(args: argparse.Namespace) -> int:
    from desktop.device import NotEnrolled, sync_engine

    app = _device_app(args)
    try:
        try:
            engine = sync_engine(app)
        except NotEnrolled:
            status: dict[str, object] = {"enrolled": False}
        else:
            st = engine.status()
            engine.client.close()
            status = {**dataclasses.asdict(st),
                      "last_sync_at": st.last_sync_at.isoformat() if st.last_sync_at else None}
    finally:
        app.close()
    if args.json:
        print(json.dumps(status, ensure_ascii=False))
    else:
        for k, v in status.items():
            print(f"{k}: {v}")
    return 0


def cmd_simulate_counter(args: argparse.Namespace) -> int:
    """A scripted cashier: N cash payments, one line per payment as it commits."""
    import random

    from desktop.sim import accounts_with_unpaid_bills

    app = _device_app(args)
    rng = random.Random(args.seed)
    try:
        actor = app.auth.sign_in(args.staff, _staff_password())
        try:
            if app.shifts.current(actor) is None:
                app.shifts.open(actor, 0)  # a scripted cashier starts with an empty drawer
            candidates = accounts_with_unpaid_bills(app)
            rng.shuffle(candidates)
            if len(candidates) < args.payments:
                print(f"Chỉ có {len(candidates)} khách hàng còn nợ trong dữ liệu cục bộ.",
                      file=sys.stderr)
            for account_id in candidates[: args.payments]:
                taken = app.payments.take_cash(actor, account_id)
                # printed only after the commit: a line on screen is a payment on disk
                print(f"{taken.key} {taken.receipt_no} {taken.amount}", flush=True)
        finally:
            app.auth.sign_out(actor)
    finally:
        app.close()
    return 0


def _staff_password() -> str:
    import getpass

    return os.environ.get("QUAYTHU_STAFF_PASSWORD") or getpass.getpass("Mật khẩu: ")


def cmd_vietqr(args: argparse.Namespace) -> int:
    """For support staff: the payload a counter would show, static or dynamic."""
    from desktop.money import parse_amount
    from desktop.vietqr import VietQR, qr_png

    amount = parse_amount(args.amount) if args.amount is not None else None
    payload = VietQR(args.bin, args.account, amount=amount, bill_no=args.bill,
                     purpose=args.purpose).payload()
    print(payload)
    if args.png is not None:
        qr_png(payload, str(args.png))
    return 0


def cmd_words(args: argparse.Namespace) -> int:
    from desktop.money import parse_amount
    from desktop.words import amount_in_words

    print(amount_in_words(parse_amount(args.amount, allow_zero=True)))
    return 0


def cmd_print_test(args: argparse.Namespace) -> int:
    from desktop.printing import send
    from desktop.receipts.escpos_out import receipt_bytes
    from desktop.receipts.profiles import profile_of
    from desktop.receipts.sample import sample_receipt

    profile = profile_of(args.printer)
    data = receipt_bytes(sample_receipt(), args.paper, kick_drawer=False, profile=profile)
    send(args.printer, data)
    how = (f"chữ, bảng mã CP1258 của {profile.name}" if profile.native
           else "ảnh raster" + (f", {profile.name}" if profile.pixels else ""))
    print(f"Đã gửi {group_digits(len(data))} byte tới {args.printer} ({how}).")
    return 0


def cmd_printer_emulator(args: argparse.Namespace) -> int:
    import time

    from desktop.printer_emulator import Faults, PrinterEmulator

    faults = Faults(paper_out=args.paper_out, drop_after=args.drop_after, slow=args.slow)
    with PrinterEmulator(args.out, args.port, faults,
                         width=384 if args.paper == 58 else 576) as emulator:
        print(f"Máy in giả lập: tcp://127.0.0.1:{emulator.port} → {args.out}", flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """``audit verify``: the local chain, and central's last line when reachable."""
    from desktop.device import NotEnrolled, central_client
    from desktop.sync.client import CentralUnreachable

    app = _device_app(args)
    try:
        head, note = None, "không hỏi trung tâm (--offline)"
        if not args.offline:
            try:
                client = central_client(app)
                try:
                    head = client.audit_head()
                    note = f"trung tâm đã nhận đến dòng {head[0]}"
                finally:
                    client.close()
            except NotEnrolled:
                note = "thiết bị chưa đăng ký: chỉ kiểm tra trên máy"
            except CentralUnreachable as exc:
                note = f"không hỏi được trung tâm ({exc.user_message})"
        verdict = app.audit.verify(None, head)
    finally:
        app.close()
    if args.json:
        print(json.dumps({"ok": verdict.ok, "entries": verdict.local.entries,
                          "last_seq": verdict.local.last_seq,
                          "central_seq": verdict.central_seq,
                          "problems": list(verdict.problems)}, ensure_ascii=False))
    else:
        print(f"Nhật ký: {verdict.local.entries} dòng; {note}.")
        print("Chuỗi băm hợp lệ." if verdict.ok else "NHẬT KÝ KHÔNG HỢP LỆ:")
        for problem in verdict.problems:
            print(f"  - {problem}")
    return 0 if verdict.ok else 1


def cmd_migrate(args: argparse.Namespace) -> int:
    path = _store_path(args)
    build_app(path, create=False).close()
    print(f"Kho {path} đã ở phiên bản mới nhất.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The embedded default: a central on loopback, this counter enrolled with it, synced."""
    from db.demo import DEMO_PASSWORD, DEMO_STAFF
    from desktop.device import enrol, is_enrolled, point_demo_printer, set_central_url, sync_engine
    from desktop.instance import InstanceLock
    from desktop.printer_emulator import PrinterEmulator

    settings = Settings()
    try:
        data_dir = ensure_data_dir(resolve_data_dir(args.data_dir))
        demo_dir = data_dir / DEMO_DIR
        with InstanceLock(data_dir):
            # the one place in desktop/ that starts central (DESIGN.md, layout)
            from central.embedded import start_embedded

            embedded = start_embedded(
                demo_dir / "central.db", accounts=args.accounts or settings.demo_accounts,
                seed_value=DEMO_SEED, say=lambda m: print(m, file=sys.stderr))
            try:
                app = build_app(demo_dir / STORE_FILE, settings=settings)
                try:
                    if is_enrolled(app):
                        set_central_url(app, embedded.url)  # a new port every start
                    else:
                        enrol(app, embedded.url,
                              embedded.central.issue_enrolment_code(DEMO_UNIT), "Quầy demo")
                    print("Đang đồng bộ với máy chủ trung tâm demo …", file=sys.stderr)
                    engine = sync_engine(app)
                    engine.sync_once()
                    engine.client.close()
                    from ui.main import run_gui  # the GUI is only loaded here and for `quaythu`

                    # the demo prints too: receipts and slips become PNGs in demo/printer
                    with PrinterEmulator(demo_dir / "printer") as printer:
                        point_demo_printer(app, f"tcp://127.0.0.1:{printer.port}")
                        print(f"Máy in demo: ảnh phiếu in trong {demo_dir / 'printer'}",
                              file=sys.stderr)
                        return run_gui(
                            app, with_sync=True, simulate_bank=embedded.simulate_bank,
                            sign_in_hint=(
                                f"Demo: thu ngân '{DEMO_STAFF[0][0]}', giám sát "
                                f"'{DEMO_STAFF[2][0]}', quản trị '{DEMO_STAFF[3][0]}'; "
                                f"mật khẩu '{DEMO_PASSWORD}'."))
                finally:
                    app.close()
            finally:
                embedded.stop()
    except QuayThuError as exc:
        return _fatal(exc)


def _fatal(exc: QuayThuError) -> int:
    """A failure before the window opened: on stderr and, for a desktop shortcut, on screen."""
    from ui.main import show_fatal

    print(exc.user_message, file=sys.stderr)
    show_fatal(exc.user_message)
    return 2


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.instance import InstanceLock

    try:
        data_dir = ensure_data_dir(resolve_data_dir(args.data_dir))
        with InstanceLock(data_dir):
            app = build_app(data_dir / STORE_FILE)
            try:
                from ui.main import run_gui  # the GUI is only loaded here and for demo

                return run_gui(app, with_sync=True)
            finally:
                app.close()
    except QuayThuError as exc:
        return _fatal(exc)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_gui,
    "demo": cmd_demo,
    "demo-data": cmd_demo_data,
    "lookup": cmd_lookup,
    "migrate": cmd_migrate,
    "bill": cmd_bill,
    "enrol": cmd_enrol,
    "sync": cmd_sync,
    "status": cmd_status,
    "simulate-counter": cmd_simulate_counter,
    "audit": cmd_audit,
    "vietqr": cmd_vietqr,
    "words": cmd_words,
    "print-test": cmd_print_test,
    "printer-emulator": cmd_printer_emulator,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    install_log_redaction()
    try:
        return COMMANDS[args.command](args)
    except QuayThuError as exc:
        print(exc.user_message, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (e.g. ``| head``) went away; not an error of ours
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
