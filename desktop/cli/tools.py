"""Support staff's tools: VietQR payloads, amounts in words, printers.

None of them opens the store or the network: they start in about the
interpreter's own time.
"""

from __future__ import annotations

import argparse

from desktop.money.amounts import group_digits


def cmd_vietqr(args: argparse.Namespace) -> int:
    """For support staff: the payload a counter would show, static or dynamic."""
    from desktop.money.amounts import parse_amount
    from desktop.money.vietqr import VietQR, qr_png

    amount = parse_amount(args.amount) if args.amount is not None else None
    payload = VietQR(args.bin, args.account, amount=amount, bill_no=args.bill,
                     purpose=args.purpose).payload()
    print(payload)
    if args.png is not None:
        qr_png(payload, str(args.png))
    return 0


def cmd_words(args: argparse.Namespace) -> int:
    from desktop.money.amounts import parse_amount
    from desktop.words import amount_in_words

    print(amount_in_words(parse_amount(args.amount, allow_zero=True)))
    return 0


def cmd_print_test(args: argparse.Namespace) -> int:
    from desktop.printing.receipts.escpos_out import receipt_bytes
    from desktop.printing.receipts.profiles import profile_of
    from desktop.printing.receipts.sample import sample_receipt
    from desktop.printing.transport import send

    profile = profile_of(args.printer)
    data = receipt_bytes(sample_receipt(), args.paper, kick_drawer=False, profile=profile)
    send(args.printer, data)
    tables = {"cp1258": "CP1258", "tcvn3": "TCVN-3"}
    how = (f"chữ, bảng mã {tables.get(profile.text or '', '')} của {profile.name}"
           if profile.native
           else "ảnh raster" + (f", {profile.name}" if profile.pixels else ""))
    print(f"Đã gửi {group_digits(len(data))} byte tới {args.printer} ({how}).")
    return 0


def cmd_printer_emulator(args: argparse.Namespace) -> int:
    import time

    from desktop.printing.emulator import Faults, PrinterEmulator

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
