"""Lab trends: a series per test, drawn on the server as SVG beside its data table.

The SVG is an image for sighted readers (role="img" with <title> and <desc> saying what it
shows); the table beside it carries every value for screen readers, print and PDF. High
and low flags are written as text ("H", "L"), never shown by colour alone. No script, no
inline style: shapes take classes styled by the static stylesheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from recordright.vault.models import Entry

WIDTH, HEIGHT = 360, 180
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 28
FLAG_WORDS = {"H": "high", "HH": "very high", "L": "low", "LL": "very low", "A": "abnormal",
              "AA": "very abnormal", "HU": "very high", "LU": "very low"}
# "N" (normal) and an empty flag are not flags: nothing to point out.
NOT_FLAGS = {"", "N"}
MAX_POINTS = 120


@dataclass(frozen=True)
class Point:
    day: date
    value: float
    text: str  # as written ("<5", "6.8")
    flag: str  # "H", "L", "" ...
    entry_id: int

    @property
    def flag_word(self) -> str:
        return FLAG_WORDS.get(self.flag.upper(), self.flag.lower())


@dataclass
class Series:
    key: str
    title: str
    unit: str
    reference_range: str
    points: list[Point]
    total: int = 0  # every result of the test; the latest MAX_POINTS are shown

    @property
    def slug(self) -> str:
        return "".join(ch if ch.isalnum() else "-" for ch in self.key.lower())[:60]

    def svg(self) -> SafeString:
        return render_svg(self)


def _key(title: str, codes: list | None) -> str:
    loinc = next((c.get("code") for c in codes or [] if c.get("system") == "LOINC"), "")
    return f"loinc-{loinc}" if loinc else f"title-{title.strip().lower()}"


def lab_series(patient_id: int, *, minimum: int = 2,
               categories: tuple[str, ...] = ("results", "vitals")) -> list[Series]:
    """Every numeric lab result and vital sign of the patient, grouped by test (LOINC code,
    else its name), oldest first, the latest MAX_POINTS of each; tests measured fewer than
    ``minimum`` times are left out."""
    rows = (Entry.objects.filter(patient_id=patient_id, category__in=categories,
                                 value_number__isnull=False, date__isnull=False)
            .order_by("date", "id")
            .values_list("id", "title", "date", "value_number", "value_text", "unit",
                         "reference_range", "abnormal_flag", "codes"))
    series: dict[str, Series] = {}
    for pk, title, day, number, text, unit, ref, flag, codes in rows.iterator():
        key = _key(title, codes)
        found = series.get(key)
        if found is None:
            found = series[key] = Series(key, title, unit, ref, [])
        if unit == found.unit:  # another unit would need converting: the kind page lists it
            flag = "" if flag.strip().upper() in NOT_FLAGS else flag.strip()
            found.points.append(Point(day, number, text or _number(number), flag, pk))
            found.total += 1
    result = [s for s in series.values() if len(s.points) >= minimum]
    for one in result:
        one.points = one.points[-MAX_POINTS:]
    return sorted(result, key=lambda s: s.title.lower())


def _number(value: float) -> str:
    return f"{value:g}"


def _scale(series: Series) -> tuple[float, float, int, int]:
    values = [p.value for p in series.points]
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.1
    first = series.points[0].day.toordinal()
    last = series.points[-1].day.toordinal()
    return low - pad, high + pad, first, max(last, first + 1)


def render_svg(series: Series) -> SafeString:
    low, high, first, last = _scale(series)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + (day.toordinal() - first) / (last - first) * plot_w

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_h

    title = escape(f"{series.title}, {len(series.points)} results over time")
    start, end = series.points[0], series.points[-1]
    values = [p.value for p in series.points]
    desc = escape(
        f"From {start.text} {series.unit} on {start.day:%b %d, %Y} to {end.text} "
        f"{series.unit} on {end.day:%b %d, %Y}; lowest {_number(min(values))}, "
        f"highest {_number(max(values))}. Every value is in the table beside the chart.")
    ident = escape(series.slug)
    # Days when the series spans a few months at most, else months.
    ticks = "%Y-%m-%d" if (end.day - start.day).days < 92 else "%Y-%m"
    parts = [
        f'<svg class="lab-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-{ident}-t chart-{ident}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-{ident}-t">{title}</title><desc id="chart-{ident}-d">{desc}</desc>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" '
        f'y2="{TOP + plot_h}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}"/>',
        f'<text class="tick" x="{LEFT - 4}" y="{TOP + 10}" text-anchor="end">'
        f'{escape(_number(round(high, 2)))}</text>',
        f'<text class="tick" x="{LEFT - 4}" y="{TOP + plot_h}" text-anchor="end">'
        f'{escape(_number(round(low, 2)))}</text>',
        f'<text class="tick" x="{LEFT}" y="{HEIGHT - 8}">{start.day.strftime(ticks)}</text>',
        f'<text class="tick" x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end">'
        f'{end.day.strftime(ticks)}</text>',
    ]
    line = " ".join(f"{x(p.day):.1f},{y(p.value):.1f}" for p in series.points)
    parts.append(f'<polyline class="trend" points="{line}"/>')
    for point in series.points:
        flagged = " flagged" if point.flag else ""
        parts.append(f'<circle class="point{flagged}" cx="{x(point.day):.1f}" '
                     f'cy="{y(point.value):.1f}" r="3.5"/>')
        if point.flag:
            parts.append(f'<text class="flag" x="{x(point.day) + 5:.1f}" '
                         f'y="{y(point.value) - 5:.1f}">{escape(point.flag.upper())}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
