"""The kinds of service request, read from ``resources/services/*.toml``.

Each kind's fields, their rules, the papers the customer brings and the deadline the
utility must meet are data with their sources (resources/services/README.md): a figure
that changes, or a kind added, needs no code. This module checks a kind's details as
typed, says which papers are still missing, and counts working days for the deadline.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from db.text import normalise_phone
from desktop.errors import ValidationError


class FieldError(ValidationError):
    """A refusal that names the form field it is about, so the form can show it there."""

    def __init__(self, user_message: str, *, field: str) -> None:
        self.field = field
        super().__init__(user_message)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str
    type: str
    required: bool
    rules: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Paper:
    key: str
    label: str
    required: bool
    #: papers sharing a group are alternatives: any one is enough
    group: str | None


#: the preferred date's name where a kind gives none
PREFERRED_LABEL = "Ngày mong muốn"


@dataclass(frozen=True, slots=True)
class Kind:
    key: str
    label: str
    order: int
    needs_account: bool
    needs_id: bool
    working_days: int
    deadline_what: str
    deadline_source: str
    deadline_settled: bool
    fields: tuple[FieldSpec, ...]
    papers: tuple[Paper, ...]
    #: the name of the request's preferred date (``preferred_on``) for this kind
    preferred_label: str = PREFERRED_LABEL


@dataclass(frozen=True, slots=True)
class Bank:
    code: str
    name: str
    min_len: int
    max_len: int


def _files() -> Iterable[tuple[str, dict[str, Any]]]:
    folder = resources.files("resources").joinpath("services")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            yield entry.name, tomllib.loads(entry.read_text(encoding="utf-8"))


@cache
def kinds() -> Mapping[str, Kind]:
    """Every kind, in the order the form lists them."""
    found: list[Kind] = []
    for name, d in _files():
        if name.startswith("_"):
            continue
        deadline = d.get("deadline", {})
        found.append(Kind(
            key=d["key"], label=d["label"], order=int(d.get("order", 99)),
            needs_account=bool(d.get("needs_account", True)),
            needs_id=bool(d.get("needs_id", False)),
            working_days=int(deadline.get("working_days", 0)),
            deadline_what=str(deadline.get("what", "")),
            deadline_source=str(deadline.get("source", "")),
            deadline_settled=bool(deadline.get("settled", False)),
            fields=tuple(FieldSpec(f["name"], f["label"], f["type"], bool(f.get("required")),
                                   {k: v for k, v in f.items()
                                    if k not in ("name", "label", "type", "required")})
                         for f in d.get("field", [])),
            papers=tuple(Paper(p["key"], p["label"], bool(p.get("required")), p.get("group"))
                         for p in d.get("paper", [])),
            preferred_label=str(d.get("preferred_label", PREFERRED_LABEL))))
    return {k.key: k for k in sorted(found, key=lambda k: (k.order, k.key))}


#: the form's own fields that every kind refuses empty
COMMON_REQUIRED = ("customer_name", "address", "phone")


def required_fields(kind: Kind) -> frozenset[str]:
    """The form's own fields (beside the kind's ``[[field]]``s) that this kind refuses
    empty: the CCCD where ``needs_id`` says so, and the customer's consent where the
    request always carries a personal number (a CCCD, a required bank account number).
    The form stars these and the core's checks demand them: one source for both."""
    names = set(COMMON_REQUIRED)
    if kind.needs_id:
        names.add("id_number")
    if kind.needs_id or any(f.type == "account_no" and f.required for f in kind.fields):
        names.add("personal_consent")
    return frozenset(names)


def _table(name: str) -> dict[str, Any]:
    text = resources.files("resources").joinpath("services", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def banks() -> Mapping[str, Bank]:
    return {b["code"]: Bank(b["code"], b["name"], int(b["min_len"]), int(b["max_len"]))
            for b in _table("_banks.toml")["bank"]}


@cache
def _holidays() -> frozenset[dt.date]:
    return frozenset(dt.date.fromisoformat(d) for d in _table("_calendar.toml")["holidays"])


@cache
def _provinces() -> frozenset[str]:
    return frozenset(_table("_id_numbers.toml")["provinces"])


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The day ``days`` working days after ``start`` (Monday–Friday, not a holiday)."""
    day, left = start, days
    # bounded: a year of days cannot hold fewer working days than any kind's deadline
    for _ in range(days * 3 + 30):
        if left <= 0:
            return day
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in _holidays():
            left -= 1
    return day


def due_on(kind: Kind, taken_on: dt.date) -> dt.date:
    return add_working_days(taken_on, kind.working_days)


def check_id_number(text: str, today: dt.date) -> str:
    """A personal identification number (12 digits) with a possible structure, or FieldError."""
    digits = re.sub(r"[\s.\-]", "", text)
    if not digits.isdigit():
        raise FieldError("Số CCCD chỉ gồm chữ số.", field="id_number")
    if len(digits) != 12:
        raise FieldError(f"Số CCCD gồm đúng 12 chữ số (đã gõ {len(digits)}).", field="id_number")
    if digits[:3] not in _provinces():
        raise FieldError(f"Mã tỉnh {digits[:3]} (3 số đầu) không có trên CCCD.", field="id_number")
    century = 1900 + 100 * (int(digits[3]) // 2)
    born = century + int(digits[4:6])
    if born > today.year or today.year - born > 130:
        raise FieldError("Số thứ 4 (thế kỷ, giới tính) và năm sinh trong số CCCD "
                                      "không hợp lý.", field="id_number")
    return digits


def check_phone(name: str, text: str) -> str:
    phone = normalise_phone(text)
    if phone is None or len(phone) != 10 or phone[1] not in "235789":
        raise FieldError("Số điện thoại không hợp lệ (10 chữ số, ví dụ 0909 123 456 "
                               "hoặc +84 909 123 456).", field=name)
    return phone


def parse_day(name: str, value: object) -> dt.date | None:
    """``15/12/2026`` (or ``15-12-2026``, ``15.12.2026``, a date) → a date; empty → None."""
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip().replace("-", "/").replace(".", "/")
    if not text:
        return None
    try:
        day, month, year = (int(x) for x in text.split("/"))
        return dt.date(year, month, day)
    except ValueError:
        raise FieldError("Ngày không hợp lệ: gõ ngày/tháng/năm, ví dụ 15/12/2026.", field=name) from None


def _check_account_no(spec: FieldSpec, text: str, bank_code: object) -> str:
    digits = re.sub(r"[\s.\-]", "", text)
    if not digits.isdigit():
        raise FieldError("Số tài khoản chỉ gồm chữ số.", field=spec.name)
    bank = banks().get(str(bank_code or ""))
    if bank is None:
        raise FieldError("Chọn ngân hàng.", field=spec.rules.get("bank_field", "bank"))
    if not bank.min_len <= len(digits) <= bank.max_len:
        span = (str(bank.min_len) if bank.min_len == bank.max_len
                else f"{bank.min_len}–{bank.max_len}")
        raise FieldError(f"Số tài khoản {bank.name} có {span} chữ số "
                                    f"(đã gõ {len(digits)}).", field=spec.name)
    return digits


def check_details(kind: Kind, details: Mapping[str, object], today: dt.date) -> dict[str, Any]:
    """The kind's details, parsed and checked in the form's order; FieldError on the first
    that is refused. Values come as typed (text, or a bool for a tick box)."""
    clean: dict[str, Any] = {}
    for spec in kind.fields:
        raw = details.get(spec.name)
        text = raw.strip() if isinstance(raw, str) else raw
        if spec.type == "bool":
            value = bool(raw)
            if spec.rules.get("must_be_true") and not value:
                raise FieldError(f"Cần có: {spec.label}.", field=spec.name)
            clean[spec.name] = value
            continue
        if text in (None, ""):
            if spec.required:
                verb = "Chọn" if spec.type in ("choice", "bank") else "Nhập"
                raise FieldError(f"{verb} {spec.label.lower()}.", field=spec.name)
            continue
        value_text = " ".join(str(text).split())
        if spec.type == "int":
            try:
                number = int(value_text.replace(".", "").replace(" ", ""))
            except ValueError:
                raise FieldError(f"{spec.label}: gõ một số nguyên.", field=spec.name) from None
            low, high = spec.rules.get("min"), spec.rules.get("max")
            if (low is not None and number < low) or (high is not None and number > high):
                raise FieldError(f"{spec.label} phải từ {low} đến {high}.", field=spec.name)
            clean[spec.name] = number
        elif spec.type == "date":
            day = parse_day(spec.name, value_text)
            assert day is not None
            if spec.rules.get("not_before_today") and day < today:
                raise FieldError(f"{spec.label} đã qua: chọn từ hôm nay trở đi.", field=spec.name)
            before = spec.rules.get("after")
            if before and isinstance(clean.get(before), dt.date):
                start: dt.date = clean[before]
                if day <= start:
                    raise FieldError(f"{spec.label} phải sau ngày bắt đầu "
                                                f"({start:%d/%m/%Y}).", field=spec.name)
                longest = spec.rules.get("max_days_after")
                if longest is not None and (day - start).days > longest:
                    raise FieldError(f"Tạm ngừng tối đa {longest} ngày "
                                                f"(đã chọn {(day - start).days} ngày).", field=spec.name)
            notice = spec.rules.get("notice_days")
            when = spec.rules.get("notice_when")
            if notice and (when is None or when in clean.values()) \
                    and day < today + dt.timedelta(days=notice):
                raise FieldError(f"Cần báo trước {notice} ngày: chọn từ "
                                            f"{today + dt.timedelta(days=notice):%d/%m/%Y}.", field=spec.name)
            clean[spec.name] = day
        elif spec.type == "choice":
            if value_text not in spec.rules.get("choices", []):
                raise FieldError(f"Chọn {spec.label.lower()} trong danh sách.", field=spec.name)
            clean[spec.name] = value_text
        elif spec.type == "bank":
            if value_text not in banks():
                raise FieldError("Chọn ngân hàng trong danh sách.", field=spec.name)
            clean[spec.name] = value_text
        elif spec.type == "account_no":
            clean[spec.name] = _check_account_no(
                spec, value_text, clean.get(spec.rules.get("bank_field", "bank")))
        elif spec.type == "contact":
            channel = str(clean.get(spec.rules.get("channel_field", "channel"), ""))
            if channel == "Email":
                if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value_text):
                    raise FieldError("Địa chỉ email không hợp lệ.", field=spec.name)
                clean[spec.name] = value_text.lower()
            else:
                clean[spec.name] = check_phone(spec.name, value_text)
        elif spec.type == "threshold":
            unit = str(details.get(f"{spec.name}_unit") or "kWh")
            if unit not in spec.rules.get("units", ["kWh"]):
                raise FieldError("Chọn đơn vị ngưỡng: kWh, đồng hoặc %.", field=spec.name)
            try:
                number = int(value_text.replace(".", "").replace(" ", ""))
            except ValueError:
                raise FieldError("Ngưỡng là một số nguyên dương.", field=spec.name) from None
            if number <= 0:
                raise FieldError("Ngưỡng phải lớn hơn 0.", field=spec.name)
            if unit == "%" and number > 1000:
                raise FieldError("Ngưỡng phần trăm tối đa 1000 %.", field=spec.name)
            clean[spec.name] = number
            clean[f"{spec.name}_unit"] = unit
        else:
            if len(value_text) > 400:
                raise FieldError(f"{spec.label} dài quá 400 ký tự.", field=spec.name)
            clean[spec.name] = value_text
    return clean


def papers_status(kind: Kind, brought: Iterable[str]) -> tuple[list[str], list[str]]:
    """(labels of the papers brought, labels of what is still missing): a group of
    alternatives is missing as one line naming them all."""
    have = set(brought)
    got = [p.label for p in kind.papers if p.key in have]
    missing = [p.label for p in kind.papers if p.group is None and p.required
               and p.key not in have]
    groups: dict[str, list[Paper]] = {}
    for p in kind.papers:
        if p.group:
            groups.setdefault(p.group, []).append(p)
    for members in groups.values():
        if not any(p.key in have for p in members):
            missing.append("Một trong: " + "; ".join(p.label for p in members))
    return got, missing


def check_papers(kind: Kind, brought: Iterable[str]) -> tuple[str, ...]:
    """The papers ticked, known to the kind; a required one not brought is refused (the
    alternatives of a group may come later: the slip lists them as missing)."""
    have = tuple(dict.fromkeys(brought))
    known = {p.key for p in kind.papers}
    for key in have:
        if key not in known:
            raise FieldError(f"Giấy tờ không thuộc loại yêu cầu này: {key}.", field="papers")
    for p in kind.papers:
        if p.required and p.group is None and p.key not in have:
            raise FieldError(f"Thiếu giấy tờ bắt buộc: {p.label}.", field="papers")
    return have


def mask_account_no(number: str) -> str:
    return f"••••{number[-4:]}" if len(number) > 4 else "••••"
