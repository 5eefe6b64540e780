"""The bill calculator (công cụ tính hóa đơn): the utility's figures, offline.

From kWh or readings, the period's dates, the tariff class and voltage and
the number of households, it gives a line per tier (or time-of-use band) and
per price period, the subtotal, VAT and total, all in integer đồng. When a
price decision takes effect inside the period, consumption and tier widths
are split by days (DOMAIN.md): ``kWh_old = S / T × Nc`` and
``width_old = W / T × Nc × h`` with T the calendar days of the month of the
previous reading (``rules.toml`` says why and where from), rounded half up,
the last part taking the remainder of the kWh; readings taken on the change day replace the split of
the kWh. The demo data is priced by this same code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop.errors import ValidationError
from desktop.money.amounts import group_digits
from desktop.tariff.prices import (
    HOUSEHOLD_CLASSES,
    TARIFF_CLASSES,
    TOU_CLASSES,
    TOU_LABELS,
    VOLTAGES,
    Decision,
    decision_on,
    decisions,
    rules,
    vat_of,
    vat_rate_on,
)


class ReadingBelowOld(ValidationError):
    """New reading below old: the meter rolled over or was replaced. Asked, never guessed."""

    def __init__(self, old: int, new: int) -> None:
        self.old = old
        self.new = new
        super().__init__(
            f"Chỉ số mới ({group_digits(new)}) nhỏ hơn chỉ số cũ ({group_digits(old)}). Công tơ đã quay vòng "
            "(qua số 0) hay đã được thay? Hãy chọn trường hợp đúng: với công tơ quay vòng, "
            "cho biết số chữ số của công tơ; với công tơ đã thay, nhập sản lượng (kWh)."
        )


def _half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half up (both non-negative)."""
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True, slots=True)
class BillRequest:
    """What the calculator needs; exactly one of ``kwh``, readings or ``tou_kwh``."""

    period_from: dt.date
    period_to: dt.date
    tariff_class: str = "residential"
    voltage: str = "lv"
    kwh: int | None = None
    old_reading: int | None = None
    new_reading: int | None = None
    multiplier: int = 1
    #: the meter passed zero: its number of digits (asked after ReadingBelowOld)
    rollover_digits: int | None = None
    households: int | None = None
    #: tenants without a declared household count (4 persons = 1 household)
    tenants: int | None = None
    #: (normal, off-peak, peak) kWh for time-of-use classes
    tou_kwh: tuple[int, int, int] | None = None
    #: readings taken on a price-change day: ((date, reading), ...)
    change_readings: tuple[tuple[dt.date, int], ...] = ()
    #: the day the calculation is made; a period ending after it is an estimate
    today: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CalcLine:
    label: str
    kwh: int
    unit_price: int
    amount: int
    decision: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """The part of the period under one price decision."""

    decision: str
    first_day: dt.date
    last_day: dt.date
    days: int
    kwh: int


@dataclass(frozen=True, slots=True)
class BillResult:
    lines: tuple[CalcLine, ...]
    kwh: int
    households: int
    days: int
    segments: tuple[Segment, ...]
    subtotal: int
    vat_rate: int
    vat: int
    total: int
    notes: tuple[str, ...] = field(default=())
    #: the period ends after the day of the calculation: priced with the tariff and VAT
    #: on file for those dates, which may still change
    estimate: bool = False


def households_of(req: BillRequest) -> int:
    if req.households is not None and req.tenants is not None:
        raise ValidationError("Chỉ nhập số hộ hoặc số người thuê, không nhập cả hai.")
    if req.tenants is not None:
        if req.tenants < 1:
            raise ValidationError("Số người thuê phải từ 1 trở lên.")
        per = rules().persons_per_household
        return -(-req.tenants // per)
    households = 1 if req.households is None else req.households
    if households < 1:
        raise ValidationError("Số hộ phải từ 1 trở lên.")
    if households > 500:
        raise ValidationError("Số hộ quá lớn; hãy kiểm tra lại.")
    return households


def consumption_of(req: BillRequest) -> int:
    """Total kWh from whichever input the request carries."""
    given = [req.kwh is not None, req.new_reading is not None or req.old_reading is not None,
             req.tou_kwh is not None]
    if sum(given) != 1:
        raise ValidationError("Nhập sản lượng (kWh), hoặc chỉ số cũ và mới, "
                              "hoặc sản lượng theo 3 khung giờ – một trong ba.")
    if req.multiplier < 1:
        raise ValidationError("Hệ số nhân phải từ 1 trở lên.")
    if req.kwh is not None:
        if req.kwh < 0:
            raise ValidationError("Sản lượng điện không được âm.")
        return req.kwh
    if req.tou_kwh is not None:
        if len(req.tou_kwh) != 3 or any(k < 0 for k in req.tou_kwh):
            raise ValidationError("Sản lượng theo khung giờ phải là 3 số không âm.")
        return sum(req.tou_kwh)
    if req.old_reading is None or req.new_reading is None:
        raise ValidationError("Nhập cả chỉ số cũ và chỉ số mới.")
    old, new = req.old_reading, req.new_reading
    if old < 0 or new < 0:
        raise ValidationError("Chỉ số công tơ không được âm.")
    if new >= old:
        return (new - old) * req.multiplier
    if req.rollover_digits is None:
        raise ReadingBelowOld(old, new)
    wrap: int = 10 ** req.rollover_digits
    if not 4 <= req.rollover_digits <= 9 or old >= wrap:
        raise ValidationError("Số chữ số công tơ không khớp với chỉ số cũ.")
    return (wrap - old + new) * req.multiplier


def _check_period(req: BillRequest) -> int:
    if req.period_from > req.period_to:
        raise ValidationError("Ngày đầu kỳ phải trước ngày cuối kỳ.")
    days = (req.period_to - req.period_from).days + 1
    if days > rules().max_period_days:
        raise ValidationError(f"Kỳ hóa đơn dài {days} ngày, quá 2 tháng; hãy tách thành nhiều kỳ.")
    return days


def _segments(
    req: BillRequest, days: int, kwh: int
) -> list[tuple[Decision, dt.date, dt.date, int, int]]:
    """(decision, first day, last day, days, kWh) for each decision in the period."""
    parts: list[tuple[Decision, dt.date, dt.date]] = []
    first = req.period_from
    current = decision_on(first)
    for d in decisions():
        if req.period_from < d.effective_from <= req.period_to:
            if _price_table(d, req) == _price_table(current, req):
                # a decision that leaves this class's prices alone is no price
                # change for this bill: no split, no rounding from splitting
                continue
            parts.append((current, first, d.effective_from - dt.timedelta(days=1)))
            first, current = d.effective_from, d
    parts.append((current, first, req.period_to))
    readings = dict(req.change_readings)
    previous = req.old_reading
    out = []
    used = 0
    for i, (decision, a, b) in enumerate(parts):
        n = (b - a).days + 1
        change_day = b + dt.timedelta(days=1)
        if i == len(parts) - 1:
            part_kwh = kwh - used
        elif change_day in readings:
            # read on the change day: this side uses its actual readings
            reading = readings[change_day]
            if previous is None or reading < previous or (
                    req.new_reading is not None and reading > req.new_reading):
                raise ValidationError(
                    f"Chỉ số ngày đổi giá {change_day:%d/%m/%Y} phải nằm giữa chỉ số cũ và mới.")
            part_kwh = (reading - previous) * req.multiplier
            previous = reading
        else:
            part_kwh = _half_up(kwh * n, days)
            previous = None
        part_kwh = max(0, min(part_kwh, kwh - used))
        used += part_kwh
        out.append((decision, a, b, n, part_kwh))
    return out


def _price_table(decision: Decision, req: BillRequest) -> object:
    try:
        if req.tariff_class == "residential":
            return decision.residential()
        return decision.prices(req.tariff_class, req.voltage)
    except ValidationError:
        return None


def split_month_days(period_from: dt.date) -> int:
    """T of a split period's tier widths under ``split_width_days = "preceding_month"``.

    The calendar days of the month of the previous reading, the day before the period
    opens (01/05–31/05/2025: April, 30).
    """
    previous_reading = period_from - dt.timedelta(days=1)
    following = (previous_reading.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (following - previous_reading.replace(day=1)).days


def _tier_lines(
    decision: Decision, kwh: int, households: int, n: int, widths_of: tuple[int, int],
    tag: str,
) -> list[CalcLine]:
    """Tier lines of one decision's part: a width is ``W × a × N × h / b``, (a, b) = widths_of."""
    widths, prices = decision.residential()
    lines = []
    remaining = kwh
    scale, over = widths_of
    for i, price in enumerate(prices):
        if remaining <= 0:
            break
        if i < len(widths):
            width = _half_up(widths[i] * scale * n * households, over)
            take = min(remaining, width)
        else:
            take = remaining
        if take > 0:
            lines.append(CalcLine(f"Bậc {i + 1}{tag}", take, price, take * price,
                                  decision.decision))
        remaining -= take
    return lines


def calculate(req: BillRequest) -> BillResult:
    """Price one bill. Raises :class:`ValidationError` children with Vietnamese messages."""
    if req.tariff_class not in TARIFF_CLASSES:
        raise ValidationError(f"Nhóm giá không hợp lệ: {req.tariff_class!r}.")
    if req.voltage not in VOLTAGES:
        raise ValidationError(f"Cấp điện áp không hợp lệ: {req.voltage!r}.")
    if req.tariff_class in HOUSEHOLD_CLASSES and req.voltage != "lv":
        # the decisions price household use with no voltage bands: a 22 kV "household"
        # is a data error, not a customer to price at the low-voltage rate unasked
        raise ValidationError("Giá bán lẻ điện sinh hoạt không chia theo cấp điện áp; khách "
                              "hàng sinh hoạt mua điện ở cấp dưới 6 kV. Hãy kiểm tra nhóm giá "
                              "và cấp điện áp của hợp đồng.")
    tou = req.tariff_class in TOU_CLASSES
    if tou and req.tou_kwh is None:
        raise ValidationError("Khách hàng kinh doanh, sản xuất tính theo 3 khung giờ: "
                              "nhập sản lượng giờ bình thường, thấp điểm và cao điểm.")
    if not tou and req.tou_kwh is not None:
        raise ValidationError("Nhóm giá này không tính theo khung giờ.")
    days = _check_period(req)
    households = households_of(req)
    kwh = consumption_of(req)
    r = rules()
    per_30 = _half_up(kwh * 30, days)
    limit = (r.implausible_kwh_per_household * households
             if req.tariff_class in ("residential", "prepaid") else r.implausible_kwh_other)
    if per_30 > limit:
        raise ValidationError(f"Sản lượng {group_digits(kwh)} kWh bất thường cho kỳ {days} ngày; "
                              "hãy kiểm tra lại chỉ số.")
    # a period of about a month has a month of tier widths; otherwise scale by days
    scale_days = r.base_days if r.month_min_days <= days <= r.month_max_days else days
    segments = _segments(req, days, kwh)
    split = len(segments) > 1
    if split and r.split_width_days == "preceding_month":
        # Mt = Mq / T × N × h, T the days of the month before (rules.toml)
        widths_of = (1, split_month_days(req.period_from))
    else:
        # W / T × N × h with W first scaled to the period's length
        widths_of = (scale_days, days * r.base_days)
    lines: list[CalcLine] = []
    bands_used = [0, 0, 0]
    for index, (decision, _a, _b, n, part_kwh) in enumerate(segments):
        tag = f" – {decision.short_name} ({n} ngày)" if split else ""
        if req.tariff_class == "residential":
            lines += _tier_lines(decision, part_kwh, households, n, widths_of, tag)
        elif tou:
            assert req.tou_kwh is not None
            prices = decision.prices(req.tariff_class, req.voltage)
            if index == len(segments) - 1:
                band_kwh = [t - u for t, u in zip(req.tou_kwh, bands_used, strict=True)]
            else:
                band_kwh = [_half_up(t * part_kwh, kwh) if kwh else 0 for t in req.tou_kwh]
            bands_used = [u + k for u, k in zip(bands_used, band_kwh, strict=True)]
            lines += [CalcLine(f"{label}{tag}", k, p, k * p, decision.decision)
                      for label, k, p in zip(TOU_LABELS, band_kwh, prices, strict=True) if k]
        else:
            (price,) = decision.prices(req.tariff_class, req.voltage)
            if part_kwh:
                lines.append(CalcLine(f"Một giá{tag}", part_kwh, price, part_kwh * price,
                                      decision.decision))
    subtotal = sum(line.amount for line in lines)
    rate = vat_rate_on(req.period_to)
    vat = vat_of(subtotal, rate)
    notes = []
    estimate = req.period_to > (req.today or dt.date.today())
    if estimate:
        notes.append(f"ƯỚC TÍNH: kỳ kết thúc sau hôm nay; tính theo biểu giá và thuế GTGT "
                     f"{rate}% đã biết cho ngày {req.period_to:%d/%m/%Y}, có thể thay đổi.")
    if split:
        if req.tariff_class != "residential" or widths_of[0] != 1:
            notes.append("Giá điện thay đổi trong kỳ: sản lượng chia theo số ngày.")
        else:
            notes.append(f"Giá điện thay đổi trong kỳ: sản lượng chia theo số ngày; định mức "
                         f"= định mức tháng / {widths_of[1]} ngày (tháng trước liền kề) "
                         f"× số ngày × số hộ.")
    if scale_days != r.base_days:
        notes.append(f"Kỳ {days} ngày: định mức bậc thang tính theo {days}/{r.base_days} tháng.")
    return BillResult(
        lines=tuple(lines), kwh=kwh, households=households, days=days,
        segments=tuple(Segment(d.decision, a, b, n, k) for d, a, b, n, k in segments),
        subtotal=subtotal, vat_rate=rate, vat=vat, total=subtotal + vat, notes=tuple(notes),
        estimate=estimate,
    )
