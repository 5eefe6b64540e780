"""``quaythu-central``: serve the API and administer units, devices and data."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from central.database import make_engine, make_sessions, migrate, schema_state
from central.security import hash_password, receipt_secret
from central.service import Central
from central.service.common import vietqr_grace_from_env
from central.service.errors import CentralError
from desktop.contract import REQUEST_STATUSES, STAFF_ROLES, AccountStatus

DEFAULT_DB = "central.db"


def _central(args: argparse.Namespace) -> Central:
    engine = make_engine(args.db)
    migrate(engine)
    return Central(make_sessions(engine), bank_secret=os.environ.get("QUAYTHU_BANK_SECRET"),
                   receipt_secret=receipt_secret(args.db), vietqr_grace=vietqr_grace_from_env())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quaythu-central",
                                     description="QuayThu reference central system")
    parser.add_argument("--db", default=os.environ.get("QUAYTHU_CENTRAL_DB", DEFAULT_DB),
                        help="SQLite file or postgresql+psycopg://… URL "
                             "(default: $QUAYTHU_CENTRAL_DB or central.db)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8800)
    serve.add_argument("--workers", type=int, default=1,
                       help="API processes over one database (stateless: any answers any)")
    serve.add_argument("--log-format", choices=("json", "text"), default="json",
                       help="JSON lines with the request id (default), or plain text")
    sub.add_parser("migrate", help="bring the database to the code's schema, then exit")
    seed = sub.add_parser("seed", help="load the demo city")
    seed.add_argument("--accounts", type=int, required=True)
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    unit = sub.add_parser("unit", help="units: add")
    unit_sub = unit.add_subparsers(dest="unit_command", required=True)
    add = unit_sub.add_parser("add")
    add.add_argument("code")
    add.add_argument("name")
    add.add_argument("--kind", choices=("power_company", "agent", "route"),
                     default="power_company")
    code = sub.add_parser("enrolment-code", help="a one-time code to enrol a device")
    code.add_argument("unit")
    code.add_argument("--hours", type=float, default=24.0, help="validity")
    code.add_argument("--whole-city", action="store_true",
                      help="the device holds every unit's accounts and collects for any")
    imp = sub.add_parser("import-bundle",
                         help="apply a counter's signed bundle of unsent operations, once")
    imp.add_argument("bundle", type=Path)
    renewal = sub.add_parser("renewal-code",
                             help="a one-time code that gives an enrolled device a new token "
                                  "(its token expired; nothing unsent is lost)")
    renewal.add_argument("device_id", type=int)
    renewal.add_argument("--hours", type=float, default=24.0, help="validity")
    staff = sub.add_parser("staff", help="staff accounts: add, disable, enable, password, list")
    staff_sub = staff.add_subparsers(dest="staff_command", required=True)
    s_add = staff_sub.add_parser("add")
    s_add.add_argument("unit")
    s_add.add_argument("username")
    s_add.add_argument("full_name")
    s_add.add_argument("--role", required=True, choices=STAFF_ROLES)
    for name in ("disable", "enable", "password"):
        one = staff_sub.add_parser(name)
        one.add_argument("unit")
        one.add_argument("username")
    for p in (s_add, staff_sub.choices["password"]):
        p.add_argument("--password-stdin", action="store_true",
                       help="read the password from the first line of stdin (scripts)")
    staff_sub.add_parser("list").add_argument("--json", action="store_true")
    alerts = sub.add_parser("alerts", help="what supervisors must see (credits, broken journals)")
    alerts.add_argument("--unit")
    alerts.add_argument("--json", action="store_true")
    bank = unit_sub.add_parser("bank", help="the unit's VietQR collection account")
    bank.add_argument("code")
    bank.add_argument("bin", help="6-digit bank BIN")
    bank.add_argument("account")
    limit = unit_sub.add_parser("limit", help="an agent's collection limit (hạn mức thu hộ)")
    limit.add_argument("code")
    limit.add_argument("amount", help="dong, or 'none' to lift it")
    remit = sub.add_parser("remit", help="record cash an agent handed over (frees its limit)")
    remit.add_argument("unit")
    remit.add_argument("amount", type=int)
    remit.add_argument("--note", default="")
    notify = sub.add_parser("bank-notify", help="simulate the bank: a signed notification")
    notify.add_argument("reference", help="the payment intent's reference (QT…)")
    notify.add_argument("--url", default=os.environ.get("QUAYTHU_CENTRAL_URL",
                                                        "http://127.0.0.1:8800"))
    notify.add_argument("--amount", type=int, default=None,
                        help="default: the intent's amount, read from --db")
    notify.add_argument("--bank-ref", default=None, help="default: a new FT… reference")
    verify = sub.add_parser("verify-receipt", help="check a receipt's verification QR text")
    verify.add_argument("text", help="QT|<receipt no>|<customer>|<amount>|<MAC>")
    revoke = sub.add_parser("revoke", help="revoke a device")
    revoke.add_argument("device_id", type=int)
    settle = sub.add_parser("settle", help="mark a unit's payments as settled")
    settle.add_argument("unit")
    acct = sub.add_parser("account-status", help="cut an account off for non-payment "
                          "(disconnected) or put it back (active); the counters get it")
    acct.add_argument("code")
    acct.add_argument("status", choices=[s.value for s in AccountStatus])
    request = sub.add_parser("request", help="service requests: list, status")
    request_sub = request.add_subparsers(dest="request_command", required=True)
    r_list = request_sub.add_parser("list")
    r_list.add_argument("--unit")
    r_list.add_argument("--json", action="store_true")
    r_show = request_sub.add_parser("show", help="a request and its documents")
    r_show.add_argument("ref")
    r_doc = request_sub.add_parser("document", help="write a request's document to a file")
    r_doc.add_argument("sha256")
    r_doc.add_argument("out", type=Path)
    r_status = request_sub.add_parser("status", help="move a request on (the counters see it)")
    r_status.add_argument("ref")
    r_status.add_argument("status", choices=REQUEST_STATUSES)
    r_status.add_argument("--note")
    sub.add_parser("stats", help="per unit counts").add_argument("--json", action="store_true")
    unrecorded = sub.add_parser(
        "vietqr-unrecorded", help="VietQR intents the bank paid with no payment from the "
                                  "counter after the grace (QUAYTHU_VIETQR_GRACE_MINUTES)")
    unrecorded.add_argument("--unit")
    unrecorded.add_argument("--json", action="store_true")
    cash = sub.add_parser("cash-position",
                          help="a unit's cash on a day: taken, counted at the close, turned in, "
                               "deposited, still in hand")
    cash.add_argument("--unit", required=True)
    cash.add_argument("--day", type=dt.date.fromisoformat, default=None,
                      help="YYYY-MM-DD, Ho Chi Minh City's day (default: today there)")
    closing = sub.add_parser("closing", help="agents' daily closings: list, assign")
    closing_sub = closing.add_subparsers(dest="closing_command", required=True)
    c_list = closing_sub.add_parser("list", help="closings, newest first, as JSON")
    c_list.add_argument("--unit")
    c_list.add_argument("--open", action="store_true",
                        help="only those with differences nobody has been assigned")
    c_assign = closing_sub.add_parser("assign", help="give a closing's differences to someone")
    c_assign.add_argument("id", type=int)
    c_assign.add_argument("--to", required=True)
    c_assign.add_argument("--note", required=True)
    route = sub.add_parser("route", help="field collectors' route sheets: issue, report")
    route_sub = route.add_subparsers(dest="route_command", required=True)
    r_issue = route_sub.add_parser("issue", help="a route's sheet for one collector and day")
    r_issue.add_argument("--unit", required=True)
    r_issue.add_argument("--route", required=True)
    r_issue.add_argument("--collector", required=True)
    r_issue.add_argument("--day", type=dt.date.fromisoformat, default=None,
                         help="YYYY-MM-DD, Ho Chi Minh City's day (default: today there)")
    route_sub.add_parser("report", help="a sheet with its visits").add_argument("id", type=int)
    openapi = sub.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--out", type=Path, default=Path(__file__).with_name("openapi.json"))
    return parser


MIN_PASSWORD = 8


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại: ") != password:
            raise ValueError("Hai lần nhập mật khẩu không khớp.")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    return password


def _staff(central: Central, args: argparse.Namespace) -> None:
    cmd = args.staff_command
    if cmd == "add":
        password = _read_password(args.password_stdin)
        staff_id = central.add_staff(args.unit, args.username, args.full_name, args.role,
                                     hash_password(password))
        print(staff_id)
    elif cmd in ("disable", "enable"):
        central.set_staff_state(args.unit, args.username, disabled=cmd == "disable")
    elif cmd == "password":
        central.set_staff_state(args.unit, args.username,
                                password_hash=hash_password(_read_password(args.password_stdin)))
    else:
        rows = central.list_staff()
        if args.json:
            print(json.dumps(rows, indent=1, ensure_ascii=False))
        else:
            for r in rows:
                print(f"{r['unit']:8} {r['username']:20} {r['role']:16} "
                      f"{'' if r['active'] else 'DISABLED '}{r['full_name']}")


def _bank_notify(central: Central, args: argparse.Namespace) -> dict[str, object]:
    """Post what the bank would: signed with QUAYTHU_BANK_SECRET, timestamped now."""
    import secrets
    import time

    import httpx

    from central.models import PaymentIntent
    from central.service import bank_signature

    secret = os.environ.get("QUAYTHU_BANK_SECRET")
    if not secret:
        raise ValueError("set QUAYTHU_BANK_SECRET to the secret central was started with")
    amount = args.amount
    if amount is None:
        with central.sessions() as s:
            intent = s.get(PaymentIntent, args.reference)
            if intent is None:
                raise ValueError(f"no payment intent {args.reference} in --db")
            amount = intent.amount
    body = json.dumps({"reference": args.reference, "amount": amount,
                       "bank_ref": args.bank_ref or "FT" + secrets.token_hex(6).upper(),
                       "paid_at": dt.datetime.now(dt.UTC).isoformat()}).encode()
    stamp = str(int(time.time()))
    r = httpx.post(f"{args.url.rstrip('/')}/v1/bank/notifications", content=body,
                   headers={"Content-Type": "application/json", "X-Timestamp": stamp,
                            "X-Signature": bank_signature(secret, stamp, body)}, timeout=10)
    return {"status": r.status_code, "answer": r.json()}


def openapi_document() -> str:
    from central.api import create_app

    app = create_app(Central(make_sessions(make_engine("sqlite://"))))
    return json.dumps(app.openapi(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    if args.command == "serve" and args.log_format == "json":
        from central.observe import log_as_json

        log_as_json(logging.INFO)  # a server's access lines are what an operator reads
    else:
        logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command == "openapi":
        args.out.write_text(openapi_document(), encoding="utf-8")
        return 0
    if args.command == "serve":
        import uvicorn

        from central.api import create_app

        central = _central(args)  # migrated here, once, before any worker starts
        if args.workers > 1:
            os.environ["QUAYTHU_CENTRAL_DB"] = args.db
            os.environ["QUAYTHU_LOG_FORMAT"] = args.log_format
            uvicorn.run("central.asgi:app", host=args.host, port=args.port,
                        workers=args.workers, log_level="warning", log_config=None,
                        access_log=False)
        else:
            uvicorn.run(create_app(central), host=args.host, port=args.port,
                        log_level="warning", log_config=None, access_log=False)
        return 0
    if args.command == "migrate":
        engine = make_engine(args.db)
        migrate(engine)
        current, head = schema_state(engine)
        print(json.dumps({"revision": current, "head": head}))
        return 0
    central = _central(args)
    try:
        if args.command == "seed":
            from central.seed import seed

            counts = seed(central.sessions, accounts=args.accounts, seed=args.seed,
                          as_of=args.as_of)
            print(json.dumps(counts))
        elif args.command == "unit" and args.unit_command == "limit":
            central.set_collection_limit(
                args.code, None if args.amount.lower() == "none" else int(args.amount))
        elif args.command == "remit":
            print(central.remit(args.unit, args.amount, args.note))
        elif args.command == "unit" and args.unit_command == "bank":
            central.set_unit_bank(args.code, args.bin, args.account)
        elif args.command == "unit":
            central.add_unit(args.code, args.name, args.kind)
        elif args.command == "bank-notify":
            print(json.dumps(_bank_notify(central, args), ensure_ascii=False))
        elif args.command == "enrolment-code":
            print(central.issue_enrolment_code(args.unit, dt.timedelta(hours=args.hours),
                                               whole_city=args.whole_city))
        elif args.command == "import-bundle":
            bundle = json.loads(args.bundle.read_text(encoding="utf-8"))
            print(json.dumps(central.import_bundle(bundle), ensure_ascii=False))
        elif args.command == "renewal-code":
            print(central.issue_renewal_code(args.device_id, dt.timedelta(hours=args.hours)))
        elif args.command == "staff":
            _staff(central, args)
        elif args.command == "alerts":
            rows = central.alerts(args.unit)
            if args.json:
                print(json.dumps(rows, indent=1, ensure_ascii=False))
            else:
                for r in rows:
                    print(f"{r['created_at']} {r['unit']} {r['kind']}: {r['message']}")
        elif args.command == "account-status":
            print(json.dumps(central.set_account_status(args.code, args.status),
                             ensure_ascii=False))
        elif args.command == "verify-receipt":
            answer = central.verify_receipt(args.text)
            print(json.dumps(answer, ensure_ascii=False))
            return 0 if answer["valid"] else 1
        elif args.command == "request" and args.request_command == "show":
            try:
                shown = central.request_show(args.ref)
            except KeyError:
                print(f"no request {args.ref}", file=sys.stderr)
                return 1
            print(json.dumps(shown, indent=1, ensure_ascii=False))
        elif args.command == "request" and args.request_command == "document":
            try:
                body = central.document_bytes(args.sha256.strip().lower())
            except (KeyError, FileNotFoundError):
                print(f"no document {args.sha256}", file=sys.stderr)
                return 1
            fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            print(f"{args.out}: {len(body)} bytes")
        elif args.command == "request" and args.request_command == "status":
            print(json.dumps(central.set_request_status(args.ref, args.status, args.note),
                             ensure_ascii=False))
        elif args.command == "request":
            rows = central.list_requests(args.unit)
            if args.json:
                print(json.dumps(rows, indent=1, ensure_ascii=False))
            else:
                for r in rows:
                    print(f"{r['ref']}  {r['unit']}  {r['kind']}  {r['status']}  "
                          f"{r['customer_name']}")
        elif args.command == "revoke":
            central.revoke(args.device_id)
        elif args.command == "settle":
            print(central.settle(args.unit, dt.datetime.now(dt.UTC)))
        elif args.command == "cash-position":
            day = args.day or (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()
            print(json.dumps(central.cash_position(args.unit, day), indent=1))
        elif args.command == "route":
            if args.route_command == "issue":
                day = args.day or (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()
                out = central.issue_route(args.unit, args.route, args.collector, day)
                out = {k: v for k, v in out.items() if k != "stops"}
            else:
                out = central.route_report(args.id)
            print(json.dumps(out, indent=1, ensure_ascii=False))
        elif args.command == "closing":
            if args.closing_command == "list":
                print(json.dumps(central.closings(args.unit, open_only=args.open), indent=1,
                                 ensure_ascii=False))
            else:
                print(json.dumps(central.assign_closing(args.id, args.to, args.note), indent=1,
                                 ensure_ascii=False))
        elif args.command == "vietqr-unrecorded":
            central.alert_unrecorded_intents()
            found = central.unrecorded_intents(args.unit)
            if args.json:
                print(json.dumps(found, indent=1, ensure_ascii=False))
            else:
                for r in found:
                    print(f"{r['paid_at']} {r['unit']} {r['reference']} {r['account_code']} "
                          f"{r['amount']} {r['bank_ref']} (thiết bị {r['device_id']})")
        elif args.command == "stats":
            rows = central.stats()
            if args.json:
                print(json.dumps(rows, indent=1))
            else:
                for r in rows:
                    print(r)
    except (ValueError, CentralError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
