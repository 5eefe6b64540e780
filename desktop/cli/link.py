"""Commands of the counter's link to central: enrol, sync, status, the journal's check."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json

from desktop.cli.common import device_app


def cmd_enrol(args: argparse.Namespace) -> int:
    import sys

    from desktop.link.device import PlainHttpRefused

    app = device_app(args)
    try:
        state = app.link.enrol(args.central, args.code, args.name, ca_bundle=args.ca_bundle,
                               allow_http=args.allow_http)
    except PlainHttpRefused as exc:
        # the command line's own way out, said only here (the window has no such flag)
        print(f"{exc.user_message} Trong mạng nội bộ đã được bảo vệ: thêm --allow-http.",
              file=sys.stderr)
        return 2
    finally:
        app.close()
    print(json.dumps({"device_id": state.device_id, "unit_code": state.unit_code,
                      "device_code": state.device_code}))
    return 0


def cmd_renew(args: argparse.Namespace) -> int:
    """A renewal code: the same device, a new token; the outbox waiting goes at the next sync."""
    app = device_app(args)
    try:
        device = app.link.renew_with_code(args.code)
        pending = app.sync.pending()
    finally:
        app.close()
    print(json.dumps({"device_id": device.device_id, "device_code": device.device_code,
                      "renewed": True, "pending": pending}))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Once (``--once``) or in a loop until interrupted; ``--progress`` prints a JSON line
    after each local transaction of the sync (a push batch's answers, a pulled page)."""
    from desktop.events import SyncProgressed

    app = device_app(args)
    try:
        if args.progress:
            app.events.subscribe(SyncProgressed, lambda e: print(json.dumps(
                {"step": e.step, "count": e.count, "cursor": e.cursor}), flush=True))
        link = app.link
        link.active = True
        if args.once:
            report = link.sync_once()
            print(json.dumps(dataclasses.asdict(report)), flush=True)
            return 0
        if args.interval is not None:
            link.interval = args.interval
        with contextlib.suppress(KeyboardInterrupt):
            link.run()  # never dies of a failed turn: logs it, backs off, goes on
        return 0
    finally:
        app.close()


def cmd_status(args: argparse.Namespace) -> int:
    app = device_app(args)
    try:
        st = app.sync.status()
        if not st.enrolled:
            status: dict[str, object] = {"enrolled": False}
        else:
            status = {**dataclasses.asdict(st),
                      "last_sync_at": st.last_sync_at.isoformat() if st.last_sync_at else None}
        # why this counter takes no cash now, said where an operator looks first
        status["cash_refused"] = app.cash_refusal()
        # VietQR intents still waiting for central's last word (the bank may have paid)
        status["vietqr_open"] = app.qr.open_count()
        # where the log's key is kept ("file": weaker, said so), and what the start noticed
        status["log_key"] = app.vault.where
        # signed lines in the log under a key this counter no longer has (a moved folder)
        status["log_key_missing"] = bool(app.recovery and app.recovery.key_missing)
        # signed lines gone from the middle or the head of ops.log (deleted by hand?)
        status["missing_log_lines"] = app.recovery.missing_lines if app.recovery else 0
        status["missing_log_ranges"] = [list(r) for r in app.recovery.missing_ranges] \
            if app.recovery else []
        # unreadable lines inside ops.log (not a torn last line): junk where a line was?
        status["damaged_log_lines"] = app.recovery.damaged_lines if app.recovery else 0
        # rows written straight into the store (their seal fails): set aside, never sent
        status["unsealed_rows"] = app.sync.unsealed()
        status["notices"] = list(app.start_notices()) + list(app.admin_notices())
    finally:
        app.close()
    if args.json:
        print(json.dumps(status, ensure_ascii=False))
    else:
        for k, v in status.items():
            print(f"{k}: {v}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """``audit verify``: the local chain, and central's last line when reachable."""
    from desktop.errors import CentralUnreachable, NotEnrolled

    app = device_app(args)
    try:
        head, note = None, "không hỏi trung tâm (--offline)"
        if not args.offline:
            try:
                head = app.link.audit_head()
                note = f"trung tâm đã nhận đến dòng {head[0]}"
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
