"""Commands on the local store itself: demo data, lookups, migrations."""

from __future__ import annotations

import argparse
import json
import sys

from desktop.cli.common import progress, settings_of, store_path
from desktop.money.amounts import format_vnd


def cmd_demo_data(args: argparse.Namespace) -> int:
    from desktop.demo import generate_demo_store

    path = store_path(args)
    if path.exists():
        print(f"Tệp {path} đã tồn tại; không ghi đè. Hãy chọn --db khác.", file=sys.stderr)
        return 2
    if args.accounts < 1:
        print("--accounts phải từ 1 trở lên.", file=sys.stderr)
        return 2
    report = generate_demo_store(
        path, accounts=args.accounts, seed=args.seed, as_of=args.as_of,
        processes=args.processes, progress=progress,
    )
    print(json.dumps({
        "db": str(path), "accounts": report.accounts, "bills": report.bills,
        "seconds": round(report.seconds, 1), "size_bytes": report.size_bytes,
    }, ensure_ascii=False))
    return 0


def cmd_lookup(args: argparse.Namespace) -> int:
    from desktop.app import build_app

    app = build_app(store_path(args), create=False, settings=settings_of(args))
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


def cmd_migrate(args: argparse.Namespace) -> int:
    from desktop.app import build_app

    path = store_path(args)
    build_app(path, create=False).close()
    print(f"Kho {path} đã ở phiên bản mới nhất.")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    """Check the store's pages and put back what the operation log has and it lost."""
    from desktop.app import build_app

    app = build_app(store_path(args), create=False, settings=settings_of(args))
    try:
        problem = app.check_store()
        recovery = app.recovery
        pending = app.sync.pending()
        refused = app.cash_refusal()
        notices = app.start_notices() + app.admin_notices()
        unsealed_open = app.unsealed_at_start
    finally:
        app.close()
    assert recovery is not None
    print(json.dumps({"store_ok": problem is None, "problem": problem,
                      "forged_log_lines_refused": recovery.forged,
                      "journal_lines_refused": recovery.broken_chain,
                      "put_back": recovery.put_back, "notices": list(notices),
                      "log_key_missing": recovery.key_missing,
                      # signed lines gone from the middle or the head of ops.log
                      "missing_log_lines": recovery.missing_lines,
                      "missing_log_ranges": [list(r) for r in recovery.missing_ranges],
                      # unreadable lines inside ops.log (not a torn last line)
                      "damaged_log_lines": recovery.damaged_lines,
                      "unsealed_rows_refused": recovery.unsealed,
                      # refused now or before, and not yet acknowledged by a supervisor
                      "unsealed_rows_open": unsealed_open,
                      "operations_restored": recovery.operations,
                      "journal_lines_restored": recovery.journal_lines,
                      "receipt_seq_raised_to": recovery.receipt_seq or None,
                      "unreadable_log_lines": recovery.unreadable,
                      "copied_into_log": recovery.copied,
                      "pending": pending, "cash_refused": refused}, ensure_ascii=False))
    trusted = not (recovery.forged or recovery.broken_chain or recovery.put_back
                   or recovery.key_missing or recovery.unsealed or recovery.missing_lines
                   or recovery.damaged_lines)
    return 0 if problem is None and refused is None and trusted else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop.backup import take_backup

    store = store_path(args)
    if not store.exists():
        print(f"Không có kho dữ liệu {store}.", file=sys.stderr)
        return 2
    settings = settings_of(args)
    folder = args.to or store.parent / "backups"
    target = take_backup(store, folder, keep=settings.backup_keep if settings else 7)
    print(json.dumps({"backup": str(target)}, ensure_ascii=False))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """The backup in the store's place; ops.log puts back what it lacks; the next sync
    makes the numbering continue after central's."""
    from desktop.app import build_app
    from desktop.backup import restore_backup
    from desktop.instance import InstanceLock

    store = store_path(args)
    with InstanceLock(store.parent):  # never under an open window
        aside = restore_backup(args.backup, store)
        app = build_app(store, create=False, settings=settings_of(args))
        try:
            recovery = app.recovery
            assert recovery is not None
        finally:
            app.close()
    print(json.dumps({"restored": str(args.backup), "previous_files": str(aside),
                      "operations_restored": recovery.operations,
                      "journal_lines_restored": recovery.journal_lines,
                      "receipt_seq_raised_to": recovery.receipt_seq or None,
                      "next": "quaythu sync --once (số phiếu tiếp tục sau số trung tâm đã có)"},
                     ensure_ascii=False))
    return 0


def cmd_export_unsent(args: argparse.Namespace) -> int:
    """Unsent operations out of a store that cannot sync, signed for central. The store is
    only read (a damaged one is not opened through the application)."""
    from desktop.bundle import export_unsent
    from desktop.link.token_store import load_token

    store = store_path(args)
    token = load_token(store.parent)
    if not token:
        print("Không có mã thiết bị trên máy này: không ký được gói.", file=sys.stderr)
        return 2
    print(json.dumps(export_unsent(store, token, args.out), ensure_ascii=False))
    return 0
