"""Consumption at a glance (issue 30, build 8): the account panel's chart of the last
24 months, drawn from the bills the counter holds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select

from db.models import Account, Bill
from desktop.app import App
from desktop.dto import UsageMonth
from tests.conftest import AS_OF
from tests.staff import pretend_enrolled
from ui.counter.account_panel import AccountPanel
from ui.counter.main_window import MainWindow
from ui.widgets.usage_chart import BAR, EMPTY_TEXT, LATEST, PRICE_MARK, THRESHOLD, UsageChart


def count(image: QImage, colour: object) -> int:
    """Pixels of exactly this colour (bars are filled without antialiasing)."""
    rgb = colour.rgb()  # type: ignore[attr-defined]
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if image.pixel(x, y) == rgb)


def months_back(n: int) -> list[dt.date]:
    out = []
    y, m = AS_OF.year, AS_OF.month
    for _ in range(n):
        out.append(dt.date(y, m, 5))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return sorted(out)


def give_bills(app: App, n: int) -> int:
    """An account of the demo store with exactly ``n`` monthly bills, paid, the last ``n``,
    and no history from central."""
    with app.writes() as s, s.begin():
        account = s.scalars(select(Account).where(Account.tariff_class == "residential")
                            .order_by(Account.id).limit(1)).one()
        account.usage = None
        s.execute(delete(Bill).where(Bill.account_id == account.id))
        reading = 1000
        for i, end in enumerate(months_back(n)):
            kwh = 150 + (i % 6) * 40
            s.add(Bill(account_id=account.id, bill_no=f"HDTEST{i:06d}",
                       period_start=end - dt.timedelta(days=30), period_end=end,
                       issued_on=end, due_on=end + dt.timedelta(days=10),
                       old_reading=reading, new_reading=reading + kwh, multiplier=1, kwh=kwh,
                       subtotal=kwh * 2000, vat_rate=8, vat=kwh * 160, total=kwh * 2160,
                       status="paid", paid_at=dt.datetime.combine(end, dt.time(3), dt.UTC)))
            reading += kwh
        return account.id


def test_the_panel_charts_24_months_of_an_account_with_their_price_changes(
        qtbot: QtBot, app: App) -> None:
    account_id = give_bills(app, 24)
    detail = app.lookup.account(account_id, today=AS_OF)
    assert len(detail.usage) == 24
    assert [m.kwh for m in detail.usage][:3] == [150, 190, 230]
    # 27/11/2024 – 27/11/2026: QĐ 1279 (10/05/2025) inside, QĐ 2699 (11/10/2024) before
    assert detail.price_changes == ((dt.date(2025, 5, 10), "QĐ 1279"),)
    panel = AccountPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 900)
    panel.show()
    panel.show_account(detail)
    qtbot.waitExposed(panel)
    chart = panel.usage_chart
    assert panel.usage_box.isVisible()
    image = chart.grab().toImage()
    assert len(chart.bars) == 24
    # a taller bar for a month of more kWh: the drawing follows the data
    assert chart.bars[5].height() > chart.bars[0].height()
    assert count(image, BAR) > 200 and count(image, LATEST) > 10
    assert count(image, PRICE_MARK) > 10  # the dashed mark and its "QĐ 1279"
    assert "24 kỳ" in chart.toolTip()


def test_central_s_history_fills_the_months_without_a_bill_priced_by_the_tariff(
        qtbot: QtBot, app: App) -> None:
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.tariff_class == "residential",
                                                  Account.households == 1)
                            .order_by(Account.id).limit(1)).one()
        bills = {b.period_end.strftime("%Y%m"): b for b in s.scalars(
            select(Bill).where(Bill.account_id == account.id))}
        history = account.usage
    assert history is not None and len(history) < 200  # 24 months in one short text
    detail = app.lookup.account(account.id, today=AS_OF)
    assert len(detail.usage) == 24
    for m in detail.usage:
        bill = bills.get(m.period_end.strftime("%Y%m"))
        if bill is not None:  # a month the store has a bill for: that bill
            assert (m.kwh, m.amount) == (bill.kwh, bill.total)
    # a month of 100 kWh under QĐ 1279 and 8 % VAT: 50 × 1 984 + 50 × 2 050 = 201 700,
    # VAT 16 136 (DOMAIN.md's worked example)
    [priced] = [m for m in detail.usage if m.period_end.strftime("%Y%m") not in bills][-1:]
    assert priced.amount is not None and priced.amount > 0
    from desktop.lookup import _priced
    assert _priced(account, 2026, 6, 100) == 217_836
    panel = AccountPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_account(detail)
    qtbot.waitExposed(panel)
    panel.usage_chart.grab()
    assert len(panel.usage_chart.bars) == 24
    assert panel.usage_chart.month_text(0).endswith(" đ")


def test_an_account_without_bills_says_there_is_no_data(qtbot: QtBot, app: App) -> None:
    account_id = give_bills(app, 0)
    detail = app.lookup.account(account_id, today=AS_OF)
    assert detail.usage == ()
    panel = AccountPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_account(detail)
    qtbot.waitExposed(panel)
    chart = panel.usage_chart
    image = chart.grab().toImage()
    assert chart.bars == [] and count(image, BAR) == 0
    assert chart.toolTip() == EMPTY_TEXT
    assert "Chưa có dữ liệu" in EMPTY_TEXT
    # the words are painted: something other than the background is on the widget
    background = image.pixel(0, 0)
    assert any(image.pixel(x, image.height() // 2) != background
               for x in range(image.width()))


def test_a_registered_threshold_is_a_line_and_a_bad_one_is_not_drawn(qtbot: QtBot) -> None:
    chart = UsageChart()
    qtbot.addWidget(chart)
    chart.resize(600, 200)
    months = [UsageMonth(d, 200, 432_000) for d in months_back(12)]
    chart.set_usage(months, (), 250)
    assert count(chart.grab().toImage(), THRESHOLD) > 100
    chart.set_usage(months, (), 0)  # 0 or negative is no threshold
    assert chart.threshold_kwh is None
    assert count(chart.grab().toImage(), THRESHOLD) == 0


def test_the_registered_usage_alert_is_the_chart_s_threshold(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    """A usage alert registered at the counter is the line the account's chart draws: kWh
    as registered; đồng and per cent turned into kWh from the latest month, and the line
    says how."""
    from desktop.service_requests import RequestForm

    pretend_enrolled(app, 2)
    account_id = give_bills(app, 24)
    with app.sessions() as s:
        account = s.get(Account, account_id)
        assert account is not None
        name, address = account.name, account.address

    def register(threshold: str, unit: str) -> None:
        app.requests.submit(window.actor, RequestForm(
            "usage_alert", name, address, "0909123456", account_id=account_id,
            details={"channel": "Zalo", "contact": "0909123456", "threshold": threshold,
                     "threshold_unit": unit}))

    def chart_after(threshold: str, unit: str) -> UsageChart:
        register(threshold, unit)
        before = window.panel.detail
        window.open_account(account_id)
        qtbot.waitUntil(lambda: window.panel.detail is not before
                        and window.panel.detail is not None, timeout=5000)
        return window.panel.usage_chart

    window.open_account(account_id)
    qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=5000)
    assert window.panel.usage_chart.threshold_kwh is None  # nothing registered: no line
    chart = chart_after("320", "kWh")
    assert chart.threshold_kwh == 320
    assert chart.threshold_label == "Ngưỡng cảnh báo 320 kWh"
    assert count(chart.grab().toImage(), THRESHOLD) > 100
    last = window.panel.detail.usage[-1]  # the latest month: 350 kWh at 2 160 đ/kWh
    assert (last.kwh, last.amount) == (350, 350 * 2160)
    chart = chart_after("864.000", "đồng")  # the newest registration counts
    assert chart.threshold_kwh == 400
    assert chart.threshold_label == "Ngưỡng cảnh báo 864.000 đ ≈ 400 kWh (theo giá kỳ 11/2026)"
    chart = chart_after("20", "%")
    assert chart.threshold_kwh == 420
    assert "+20 % so với tháng trước ≈ 420 kWh" in chart.threshold_label
    assert chart.threshold_label in chart.toolTip()
