"""``quaythu simulate-counter``: a scripted cashier for load and fault tests."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import device_app, staff_password


def cmd_simulate_counter(args: argparse.Namespace) -> int:
    """A scripted cashier: N cash payments, one line per payment as it commits."""
    import random

    from desktop.sim import accounts_with_unpaid_bills

    app = device_app(args)
    rng = random.Random(args.seed)
    app.printer.start()
    try:
        actor = app.auth.sign_in(args.staff, staff_password())
        try:
            if app.shifts.current(actor) is None:
                app.shifts.open(actor, 0)  # a scripted cashier starts with an empty drawer
            part, _, parts = str(args.share).partition("/")
            if not (part.isdigit() and parts.isdigit() and 1 <= int(part) <= int(parts)):
                print("--share cần dạng I/N, ví dụ 1/2.", file=sys.stderr)
                return 2
            # several scripted cashiers on one store never reach for the same customer: the
            # share is by account number, whatever the others paid before this one started
            candidates = [a for a in accounts_with_unpaid_bills(app)
                          if a % int(parts) == int(part) - 1]
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
        # the receipts go to the counter's printer, as a cashier's would (bounded wait)
        app.printer.wait_idle(30.0)
    finally:
        app.close()
    return 0
