"""The ``quaythu`` command line: one parser, every sub-command and its options.

Only what the parser needs is imported here (the tariff's class names for
``--class``): a command's own modules are loaded when it runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from desktop.tariff.prices import TARIFF_CLASSES, VOLTAGES

#: PDF layouts of ``quaythu bill --layout`` (desktop.printing.pdf loads reportlab: only when asked)
LAYOUTS = ("slip80", "a5", "a4")


def data_dir_parent(default: object) -> argparse.ArgumentParser:
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
    common = data_dir_parent(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="quaythu",
        description="QuayThu – quầy thu tiền điện. Không có lệnh con: mở cửa sổ quầy thu "
                    "(lần đầu: đăng ký với máy chủ trung tâm). 'quaythu demo': dữ liệu demo.",
        parents=[data_dir_parent(None)],
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết")
    parser.add_argument("--set", dest="overrides", action="append", default=[],
                        metavar="KHÓA=GIÁ_TRỊ",
                        help="ghi đè một cài đặt cho lần chạy này (xem 'quaythu settings')")
    # no sub-command: the counter's own window on the user's store
    sub = parser.add_subparsers(dest="command", required=False, metavar="LỆNH")

    demo = sub.add_parser(
        "demo", parents=[common],
        help="mở ứng dụng trên dữ liệu demo (tạo ở lần chạy đầu)",
    )
    demo.add_argument("--accounts", type=int, default=None,
                      help="số khách hàng của kho demo (mặc định 200 000)")
    demo.add_argument("--agent", action="store_true",
                      help="mở máy của đại lý thu hộ demo (đơn vị và máy riêng, cùng trung tâm)")

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

    renew = sub.add_parser("renew", parents=[common],
                           help="gia hạn mã thiết bị đã hết hạn bằng mã gia hạn của quản trị "
                                "(dữ liệu chưa gửi được giữ nguyên)")
    renew.add_argument("--code", required=True, help="mã gia hạn một lần do quản trị cấp")

    sync = sub.add_parser("sync", parents=[common], help="đồng bộ với máy chủ trung tâm")
    sync.add_argument("--once", action="store_true", help="đồng bộ một lần rồi thoát")
    sync.add_argument("--interval", type=float, default=None,
                      help="giây giữa hai lần đồng bộ (mặc định: cài đặt sync_interval_seconds)")
    sync.add_argument("--progress", action="store_true",
                      help="in một dòng JSON sau mỗi lô gửi đi và mỗi trang nhận về đã lưu")

    sett = sub.add_parser("settings", parents=[common],
                          help="các cài đặt đang dùng và chúng lấy từ đâu")
    sett.add_argument("--json", action="store_true", help="in dạng JSON")

    status = sub.add_parser("status", parents=[common], help="tình trạng đồng bộ")
    status.add_argument("--json", action="store_true", help="in dạng JSON")

    sim = sub.add_parser("simulate-counter", parents=[common],
                         help="thu tiền mặt tự động cho kiểm thử tải và sự cố")
    sim.add_argument("--payments", type=int, required=True, help="số khoản thu")
    sim.add_argument("--seed", type=int, default=1, help="hạt giống chọn khách hàng")
    sim.add_argument("--share", default="1/1", metavar="I/N",
                     help="thu ngân thứ I trong N người trên kho này: lấy mỗi khách thứ N (mặc định 1/1)")
    sim.add_argument("--staff", required=True, metavar="TÊN",
                     help="nhân viên thu (mật khẩu: biến QUAYTHU_STAFF_PASSWORD, hoặc hỏi)")

    route = sub.add_parser("simulate-route", parents=[common],
                           help="một ngày thu lưu động tự động cho kiểm thử sự cố")
    route.add_argument("--staff", required=True, metavar="TÊN", help="nhân viên thu lưu động")
    route.add_argument("--head", required=True, metavar="TÊN", help="thủ quỹ nhận bàn giao")
    route.add_argument("--stops", type=int, default=40, help="số điểm đầu lộ trình đi qua")
    route.add_argument("--steps", type=int, default=10, help="số bước tối đa của lần chạy này")
    route.add_argument("--seed", type=int, default=1, help="hạt giống chọn kết quả")

    qr = sub.add_parser("vietqr", help="in chuỗi mã VietQR (tĩnh khi không có số tiền)")
    qr.add_argument("--bin", required=True, help="mã BIN 6 số của ngân hàng nhận")
    qr.add_argument("--account", required=True, help="số tài khoản nhận")
    qr.add_argument("--amount", default=None, help="số tiền (mã động); ví dụ 180000 hoặc 180.000")
    qr.add_argument("--bill", default=None, help="số hóa đơn (trường 62-01)")
    qr.add_argument("--purpose", default=None, help="nội dung (trường 62-08), bỏ dấu tự động")
    qr.add_argument("--png", type=Path, default=None, help="ghi thêm ảnh mã QR ra tệp PNG")

    support = sub.add_parser("support-bundle", help="xuất nhật ký hỗ trợ: tệp zip gồm nhật ký "
                             "(đã che thông tin cá nhân), phiên bản và cài đặt")
    support.add_argument("--out", type=Path, default=None, metavar="TỆP",
                         help="tệp zip (mặc định: quaythu-hotro-<thời điểm>.zip ở đây)")

    sub.add_parser("self-test", help="tự kiểm tra bản cài đặt (kho tạm, phông chữ, phiếu in, "
                   "Qt); cũng: --self-test")

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

    rec = sub.add_parser("recover", parents=[common],
                         help="kiểm tra kho cục bộ và khôi phục từ nhật ký thao tác (ops.log)")
    rec.add_argument("--db", type=Path, help="tệp kho (mặc định: quaythu.db trong thư mục dữ liệu)")

    exp = sub.add_parser("export-unsent", parents=[common],
                         help="ghi các thao tác chưa gửi (cả từ kho hỏng và ops.log) ra một gói "
                              "có chữ ký cho trung tâm (quaythu-central import-bundle)")
    exp.add_argument("--out", type=Path, required=True, help="tệp gói .json")
    exp.add_argument("--db", type=Path, help="tệp kho (mặc định: quaythu.db trong thư mục dữ liệu)")

    bak = sub.add_parser("backup", parents=[common],
                         help="sao lưu kho dữ liệu (bản chép trực tuyến, cùng ops.log)")
    bak.add_argument("--to", type=Path, default=None,
                     help="thư mục sao lưu (mặc định: backups trong thư mục dữ liệu)")
    res = sub.add_parser("restore", parents=[common],
                         help="đặt một bản sao lưu vào chỗ kho hiện tại (kho cũ được giữ lại)")
    res.add_argument("backup", type=Path, help="tệp sao lưu quaythu-….db")

    mig = sub.add_parser("migrate", parents=[common], help="nâng cấp kho cục bộ lên phiên bản mới")
    mig.add_argument("--db", type=Path, help="tệp kho (mặc định: quaythu.db trong thư mục dữ liệu)")
    return parser
