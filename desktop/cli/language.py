"""The command line in the chosen language: argparse's own words, and QuayThu's help.

The source words of ``desktop/cli/parser.py`` are Vietnamese; ``ENGLISH`` gives each
its English, and a test builds the parser in English and fails on any Vietnamese
left. argparse's own words ("usage:", "error:", "invalid choice"…) come through its
gettext calls: in Vietnamese they are replaced by ``ARGPARSE_VI``; in English they
are argparse's. The language is the ``language`` setting, read before the parser
exists: ``--set language=…``, then ``QUAYTHU_LANGUAGE``, then ``settings.toml``.
"""

from __future__ import annotations

import argparse
import os
import tomllib
from collections.abc import Mapping, Sequence

ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "not allowed with argument %s": "không dùng chung được với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ambiguous option: %(option)s could match %(matches)s":
        "tùy chọn mơ hồ: %(option)s có thể là %(matches)s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
}

ENGLISH = {
    "QuayThu – quầy thu tiền điện. Không có lệnh con: mở cửa sổ quầy thu (lần đầu: đăng ký "
    "với máy chủ trung tâm). 'quaythu demo': dữ liệu demo.":
        "QuayThu – electricity bill collection counter. Without a command: opens the counter "
        "window (first time: the setup wizard). 'quaythu demo': demo data.",
    "thư mục dữ liệu (mặc định: biến QUAYTHU_DATA_DIR, rồi thư mục người dùng)":
        "data folder (default: the QUAYTHU_DATA_DIR variable, then the user's folder)",
    "ghi nhật ký chi tiết": "detailed logging",
    "ghi đè một cài đặt cho lần chạy này (xem 'quaythu settings')":
        "override a setting for this run (see 'quaythu settings')",
    "KHÓA=GIÁ_TRỊ": "KEY=VALUE",
    "LỆNH": "COMMAND",
    "TỆP": "FILE",
    "TÊN": "NAME",
    "mở ứng dụng trên dữ liệu demo (tạo ở lần chạy đầu)":
        "open the application on demo data (made on the first run)",
    "tạo kho dữ liệu demo": "make a demo data store",
    "mở máy của đại lý thu hộ demo (đơn vị và máy riêng, cùng trung tâm)":
        "open the demo agent's device (its own unit and device, the same central)",
    "tìm khách hàng trong kho cục bộ": "find customers in the local store",
    "tính tiền điện một kỳ (công cụ tính hóa đơn)": "price one billing period (bill calculator)",
    "đăng ký thiết bị với máy chủ trung tâm": "enrol this device with the central server",
    "gia hạn mã thiết bị đã hết hạn bằng mã gia hạn của quản trị (dữ liệu chưa gửi được giữ "
    "nguyên)": "renew an expired device token with the administrator's renewal code (unsent "
               "data is kept)",
    "đồng bộ với máy chủ trung tâm": "sync with the central server",
    "các cài đặt đang dùng và chúng lấy từ đâu": "the settings in use and where each comes from",
    "tình trạng đồng bộ": "sync status",
    "thu tiền mặt tự động cho kiểm thử tải và sự cố": "take cash automatically, for load and "
                                                     "fault tests",
    "in chuỗi mã VietQR (tĩnh khi không có số tiền)": "print a VietQR string (static without "
                                                     "an amount)",
    "xuất nhật ký hỗ trợ: tệp zip gồm nhật ký (đã che thông tin cá nhân), phiên bản và cài "
    "đặt": "export the support log: a zip of the logs (personal data masked), versions and "
           "settings",
    "tự kiểm tra bản cài đặt (kho tạm, phông chữ, phiếu in, Qt); cũng: --self-test":
        "check this installation (a temporary store, fonts, receipts, Qt); also: --self-test",
    "in số tiền bằng chữ như trên phiếu thu": "print an amount in words as on the receipt",
    "in thử một phiếu thu mẫu": "print a sample receipt",
    "máy in ESC/POS giả lập trên máy này": "an emulated ESC/POS printer on this machine",
    "nhật ký thao tác": "the audit journal",
    "kiểm tra kho cục bộ và khôi phục từ nhật ký thao tác (ops.log)":
        "check the local store and recover from the operations log (ops.log)",
    "ghi các thao tác chưa gửi (cả từ kho hỏng và ops.log) ra một gói có chữ ký cho trung tâm "
    "(quaythu-central import-bundle)":
        "write the unsent operations (also from a damaged store and ops.log) into a signed "
        "bundle for central (quaythu-central import-bundle)",
    "sao lưu kho dữ liệu (bản chép trực tuyến, cùng ops.log)":
        "back up the data store (an online copy, with ops.log)",
    "đặt một bản sao lưu vào chỗ kho hiện tại (kho cũ được giữ lại)":
        "put a backup in place of the current store (the old one is kept)",
    "nâng cấp kho cục bộ lên phiên bản mới": "upgrade the local store to the new version",
    "số khách hàng của kho demo (mặc định 200 000)":
        "customers in the demo store (default 200 000)",
    "số khách hàng": "number of customers",
    "hạt giống: cùng hạt giống, cùng dữ liệu": "seed: the same seed, the same data",
    "tệp kho mới (mặc định: quaythu.db trong thư mục dữ liệu)":
        "the new store file (default: quaythu.db in the data folder)",
    "ngày hiện tại của dữ liệu, YYYY-MM-DD (mặc định hôm nay)":
        "the data's today, YYYY-MM-DD (default: today)",
    "số tiến trình tạo dữ liệu": "processes making the data",
    "mã KH, số điện thoại, số công tơ, hoặc tên/địa chỉ":
        "customer code, phone, meter number, or name/address",
    "tệp kho (mặc định: quaythu.db trong thư mục dữ liệu)":
        "the store file (default: quaythu.db in the data folder)",
    "in kết quả dạng JSON": "print the result as JSON",
    "số kết quả tối đa": "most results",
    "sản lượng kWh của kỳ": "the period's kWh",
    "chỉ số cũ (đi với --new)": "previous reading (with --new)",
    "sản lượng giờ bình thường, thấp điểm, cao điểm (kinh doanh, sản xuất)":
        "kWh in normal, off-peak and peak hours (business, production)",
    "BT,TD,CD": "NORMAL,OFF,PEAK",
    "chỉ số mới": "current reading",
    "hệ số nhân (HSN)": "meter multiplier",
    "công tơ quay vòng: số chữ số của công tơ": "meter rolled over: the meter's digits",
    "chỉ số ghi ngày đổi giá": "the reading taken on the day prices changed",
    "ngày đầu kỳ, YYYY-MM-DD": "the period's first day, YYYY-MM-DD",
    "ngày cuối kỳ (ngày ghi chỉ số), YYYY-MM-DD": "the period's last day (reading day), "
                                                "YYYY-MM-DD",
    "nhóm giá": "price group",
    "cấp điện áp": "voltage level",
    "số hộ dùng chung công tơ": "households sharing the meter",
    "số người thuê (4 người = 1 hộ)": "tenants (4 people = 1 household)",
    "ghi phiếu tính ra tệp PDF": "write the calculation to a PDF file",
    "khổ PDF": "PDF layout",
    "địa chỉ máy chủ trung tâm": "the central server's address",
    "mã đăng ký một lần do quản trị cấp": "the one-time enrolment code from the administrator",
    "tên quầy (mặc định: tên máy)": "counter name (default: the machine's name)",
    "tệp CA để xác thực chứng chỉ máy chủ (mặc định: CA của hệ thống)":
        "CA file to verify the server's certificate (default: the system's CAs)",
    "cho phép http:// tới máy khác (chỉ trong mạng nội bộ đã bảo vệ)":
        "allow http:// to another machine (only inside a protected network)",
    "mã gia hạn một lần do quản trị cấp": "the one-time renewal code from the administrator",
    "đồng bộ một lần rồi thoát": "sync once, then leave",
    "giây giữa hai lần đồng bộ (mặc định: cài đặt sync_interval_seconds)":
        "seconds between syncs (default: the sync_interval_seconds setting)",
    "in một dòng JSON sau mỗi lô gửi đi và mỗi trang nhận về đã lưu":
        "print a JSON line after each batch sent and each page received and stored",
    "in dạng JSON": "print as JSON",
    "số khoản thu": "number of payments",
    "hạt giống chọn khách hàng": "seed that picks the customers",
    "một ngày thu lưu động tự động cho kiểm thử sự cố":
        "a scripted field collector's day, for fault tests",
    "nhân viên thu lưu động": "the field collector",
    "thủ quỹ nhận bàn giao": "the head cashier who takes the hand-over",
    "số điểm đầu lộ trình đi qua": "how many of the route's first stops to walk",
    "số bước tối đa của lần chạy này": "the most steps this run takes",
    "hạt giống chọn kết quả": "seed that picks the outcomes",
    "thu ngân thứ I trong N người trên kho này: lấy mỗi khách thứ N (mặc định 1/1)":
        "cashier I of N on this store: takes every N-th account (default 1/1)",
    "nhân viên thu (mật khẩu: biến QUAYTHU_STAFF_PASSWORD, hoặc hỏi)":
        "the collecting staff member (password: the QUAYTHU_STAFF_PASSWORD variable, or asked)",
    "mã BIN 6 số của ngân hàng nhận": "the receiving bank's 6-digit BIN",
    "số tài khoản nhận": "the receiving account number",
    "số tiền (mã động); ví dụ 180000 hoặc 180.000": "amount (dynamic code); e.g. 180000 or "
                                                   "180.000",
    "số hóa đơn (trường 62-01)": "bill number (field 62-01)",
    "nội dung (trường 62-08), bỏ dấu tự động": "purpose (field 62-08), accents removed",
    "ghi thêm ảnh mã QR ra tệp PNG": "also write the QR code as a PNG file",
    "tệp zip (mặc định: quaythu-hotro-<thời điểm>.zip ở đây)":
        "zip file (default: quaythu-hotro-<time>.zip here)",
    "số tiền, ví dụ 1.709.544": "amount, e.g. 1.709.544",
    "tcp://máy:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600, win32://Tên máy in, "
    "file:///đường/dẫn; thêm ?profile=TM-T88V cho máy in có bảng mã tiếng Việt (in chữ thay "
    "vì ảnh)": "tcp://host:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600, "
               "win32://Printer name, file:///path; add ?profile=TM-T88V for a printer with a "
               "Vietnamese code page (text instead of an image)",
    "khổ giấy (mm)": "paper width (mm)",
    "thư mục ghi ảnh PNG mỗi lần in": "folder for a PNG of each job",
    "giả lập hết giấy": "play out of paper",
    "ngắt kết nối sau N byte (một lần)": "drop the connection after N bytes (once)",
    "giây chờ mỗi 4 KiB": "seconds of delay per 4 KiB",
    "khổ giấy của máy giả lập (chữ in theo khổ này)":
        "the emulated paper width (text is laid out on it)",
    "kiểm tra chuỗi băm của nhật ký (và so với trung tâm)":
        "check the journal's hash chain (and against central)",
    "không hỏi máy chủ trung tâm": "do not ask the central server",
    "tệp gói .json": "the bundle's .json file",
    "thư mục sao lưu (mặc định: backups trong thư mục dữ liệu)":
        "backup folder (default: backups in the data folder)",
    "tệp sao lưu quaythu-….db": "a quaythu-….db backup file",
}


def choose_language(argv: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    """The language setting as far as it can be known before the parser runs."""
    from desktop.settings_file import LANGUAGES, config_path

    env = os.environ if env is None else env
    for i, item in enumerate(argv):
        value = item.partition("=")[2] if item.startswith("--set=") else (
            argv[i + 1] if item == "--set" and i + 1 < len(argv) else "")
        key, _sep, chosen = value.partition("=")
        if key.strip() == "language" and chosen.strip() in LANGUAGES:
            return chosen.strip()
    if env.get("QUAYTHU_LANGUAGE") in LANGUAGES:
        return str(env["QUAYTHU_LANGUAGE"])
    try:
        data = tomllib.loads(config_path(env).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return "vi"  # a broken file is reported when the settings load, in Vietnamese
    in_file = data.get("language")
    return str(in_file) if isinstance(in_file, str) and in_file in LANGUAGES else "vi"


def _walk(parser: argparse.ArgumentParser, words: Mapping[str, str]) -> None:
    if parser.description:
        parser.description = words.get(parser.description, parser.description)
    for group in parser._action_groups:  # titled by argparse when the parser was made
        if group.title:
            group.title = words.get(group.title, group.title)
    for action in parser._actions:
        if isinstance(action.help, str):
            action.help = words.get(action.help, action.help)
        if isinstance(action.metavar, str):
            action.metavar = words.get(action.metavar, action.metavar)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if isinstance(choice.help, str):
                    choice.help = words.get(choice.help, choice.help)
            for sub in action.choices.values():
                _walk(sub, words)


def apply(parser: argparse.ArgumentParser, language: str) -> argparse.ArgumentParser:
    """The parser's words, and argparse's, in ``language``."""
    if language == "en":
        # argparse's words back to its own, should an earlier parser have set Vietnamese
        _walk(parser, {**{vi: en for en, vi in ARGPARSE_VI.items()}, **ENGLISH})
        argparse._ = lambda text: text  # type: ignore[attr-defined]
        argparse.ngettext = lambda one, many, n: one if n == 1 else many  # type: ignore[attr-defined]
    else:
        _walk(parser, ARGPARSE_VI)  # "options", "show this help message and exit"
        argparse._ = lambda text: ARGPARSE_VI.get(text, text)  # type: ignore[attr-defined]
        argparse.ngettext = (  # type: ignore[attr-defined]
            lambda one, many, n: ARGPARSE_VI.get(one if n == 1 else many,
                                                 one if n == 1 else many))
    return parser
