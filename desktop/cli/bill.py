"""``quaythu bill``: a period priced as the tools window's calculator does."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from desktop.errors import ValidationError
from desktop.tariff.billing import BillRequest


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
    from desktop.printing import documents
    from desktop.printing.pdf import render_pdf
    from desktop.tariff.billing import ReadingBelowOld, calculate
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
            "notes": list(result.notes), "estimate": result.estimate,
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
