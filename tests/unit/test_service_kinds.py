"""The kinds of service request as data: their checks refuse bad input with the reason and
the field it is in; the deadline counts working days."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop import contract
from desktop.service_kinds import (
    FieldError,
    add_working_days,
    check_details,
    check_id_number,
    check_papers,
    check_phone,
    kinds,
    papers_status,
)

TODAY = dt.date(2026, 12, 7)  # a Monday


def test_every_kind_is_on_the_wire_cites_its_deadline_and_has_its_form() -> None:
    found = kinds()
    assert list(found) == ["new_supply", "change_details", "extension", "termination",
                           "suspension", "meter_inspection", "auto_debit", "usage_alert"]
    assert set(found) <= set(contract.REQUEST_KINDS)
    for kind in found.values():
        assert kind.working_days > 0 and kind.deadline_source, kind.key
    assert found["new_supply"].working_days == 7 and not found["new_supply"].needs_account
    assert found["termination"].working_days == 3


def test_working_days_skip_weekends_and_holidays() -> None:
    assert add_working_days(dt.date(2026, 12, 4), 3) == dt.date(2026, 12, 9)  # Fri → Wed
    assert add_working_days(dt.date(2026, 12, 28), 7) == dt.date(2027, 1, 7)  # 1/1 skipped
    assert add_working_days(TODAY, 0) == TODAY


@pytest.mark.parametrize(("number", "reason"), [
    ("07909000123", "đúng 12 chữ số (đã gõ 11)"),
    ("0790900012345", "đúng 12 chữ số"),
    ("07909000123a", "chỉ gồm chữ số"),
    ("003090001234", "Mã tỉnh 003"),
    ("099090001234", "Mã tỉnh 099"),
    ("079290001234", "thế kỷ"),  # born 2090
    ("079830001234", "thế kỷ"),  # born 2383
])
def test_impossible_id_numbers_are_refused(number: str, reason: str) -> None:
    with pytest.raises(FieldError) as refused:
        check_id_number(number, TODAY)
    assert refused.value.field == "id_number" and reason in refused.value.user_message


def test_possible_id_numbers_in_usual_spellings() -> None:
    assert check_id_number("079 190 001 234", TODAY) == "079190001234"
    assert check_id_number("001205001234", TODAY) == "001205001234"  # a woman born 2005


@pytest.mark.parametrize("spelling", ["0909 123 456", "0909.123.456", "+84 909 123 456",
                                      "84909123456", "0909-123-456", "(0909) 123456"])
def test_phone_numbers_in_every_usual_spelling(spelling: str) -> None:
    assert check_phone("phone", spelling) == "0909123456"


@pytest.mark.parametrize("bad", ["12345", "0009123456", "0109123456", "09091234567",
                                 "0909 123 45x", "+1 909 123 4567", ""])
def test_impossible_phone_numbers(bad: str) -> None:
    with pytest.raises(FieldError, match="Số điện thoại"):
        check_phone("contact", bad)


def refused(kind: str, details: dict[str, object]) -> tuple[str, str]:
    with pytest.raises(FieldError) as caught:
        check_details(kinds()[kind], details, TODAY)
    return caught.value.field, caught.value.user_message


def test_dates_in_the_past_in_the_wrong_order_or_too_long_a_suspension() -> None:
    assert refused("suspension", {"from_day": "01/12/2026", "to_day": "10/12/2026"}) == (
        "from_day", "Tạm ngừng từ ngày đã qua: chọn từ hôm nay trở đi.")
    field, message = refused("suspension", {"from_day": "20/12/2026", "to_day": "10/12/2026"})
    assert field == "to_day" and "phải sau ngày bắt đầu (20/12/2026)" in message
    field, message = refused("suspension", {"from_day": "20/12/2026", "to_day": "20/12/2027"})
    assert field == "to_day" and "tối đa 180 ngày" in message
    assert refused("suspension", {"from_day": "31/02/2027", "to_day": ""})[0] == "from_day"
    ok = check_details(kinds()["suspension"], {"from_day": "20/12/2026",
                                               "to_day": "20/01/2027"}, TODAY)
    assert ok == {"from_day": dt.date(2026, 12, 20), "to_day": dt.date(2027, 1, 20)}


def test_a_change_of_purpose_is_notified_fifteen_days_ahead() -> None:
    base = {"detail": "Mục đích sử dụng điện", "old_value": "Sinh hoạt",
            "new_value": "Kinh doanh"}
    field, message = refused("change_details", {**base, "effective_on": "10/12/2026"})
    assert field == "effective_on" and "báo trước 15 ngày" in message
    check_details(kinds()["change_details"], {**base, "detail": "Địa chỉ liên hệ",
                                              "effective_on": "10/12/2026"}, TODAY)


@pytest.mark.parametrize(("bank", "number", "field", "reason"), [
    ("VCB", "123456789012", "account_no", "Vietcombank có 13 chữ số (đã gõ 12)"),
    ("CTG", "1234 5678 9012 3", "account_no", "VietinBank có 12 chữ số"),
    ("BIDV", "12345678901", "account_no", "BIDV có 12–14 chữ số"),
    ("VCB", "12345678901a3", "account_no", "chỉ gồm chữ số"),
    ("", "1234567890123", "bank", "Chọn ngân hàng"),
])
def test_a_bank_account_number_must_fit_its_banks_rule(
        bank: str, number: str, field: str, reason: str) -> None:
    got = refused("auto_debit", {"bank": bank, "holder": "Nguyễn Văn An",
                                 "account_no": number, "consent": True})
    assert got[0] == field and reason in got[1]


def test_auto_debit_needs_the_holders_consent() -> None:
    details = {"bank": "VCB", "holder": "Nguyễn Văn An", "account_no": "0071 0012 34567"}
    assert refused("auto_debit", {**details, "consent": False})[0] == "consent"
    clean = check_details(kinds()["auto_debit"], {**details, "consent": True}, TODAY)
    assert clean["account_no"] == "0071001234567" and clean["consent"] is True


@pytest.mark.parametrize(("threshold", "unit", "reason"), [
    ("0", "kWh", "lớn hơn 0"), ("-50", "kWh", "lớn hơn 0"), ("abc", "đồng", "số nguyên"),
    ("5000", "%", "tối đa 1000"), ("100", "lít", "đơn vị"),
])
def test_an_alert_threshold_must_be_positive(threshold: str, unit: str, reason: str) -> None:
    got = refused("usage_alert", {"channel": "SMS", "contact": "0909123456",
                                  "threshold": threshold, "threshold_unit": unit})
    assert got[0] == "threshold" and reason in got[1]


def test_an_alert_contact_fits_its_channel() -> None:
    assert refused("usage_alert", {"channel": "Email", "contact": "an.nguyen@",
                                   "threshold": "300"})[0] == "contact"
    assert refused("usage_alert", {"channel": "Zalo", "contact": "0123",
                                   "threshold": "300"})[0] == "contact"
    clean = check_details(kinds()["usage_alert"], {"channel": "Zalo", "contact": "+84 909 123 456",
                                                   "threshold": "300",
                                                   "threshold_unit": "kWh"}, TODAY)
    assert clean == {"channel": "Zalo", "contact": "0909123456", "threshold": 300,
                     "threshold_unit": "kWh"}


def test_papers_a_required_one_refused_the_alternatives_listed_as_missing() -> None:
    supply = kinds()["new_supply"]
    with pytest.raises(FieldError, match="Thiếu giấy tờ bắt buộc: Giấy đề nghị mua điện") as e:
        check_papers(supply, ["rental_contract"])
    assert e.value.field == "papers"
    assert check_papers(supply, ["application", "application"]) == ("application",)
    got, missing = papers_status(supply, ["application"])
    assert got == ["Giấy đề nghị mua điện"]
    assert missing == ["Một trong: Bản sao CCCD / thẻ căn cước; Giấy xác nhận thông tin cư trú; "
                       "Giấy chứng nhận quyền sở hữu nhà ở; Giấy chứng nhận quyền sử dụng đất "
                       "có nhà ở; Quyết định phân nhà / cấp nhà; Hợp đồng mua bán nhà; "
                       "Hợp đồng thuê nhà (từ 1 năm trở lên)"]
    assert papers_status(supply, ["application", "rental_contract"])[1] == []
