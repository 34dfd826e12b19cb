"""Records counted per week, month or year: what the period charts above the events and the claims draw.

A record falls in the bucket its date begins with, so a bar's count is exactly the rows its
list shows when the bar is chosen. A date coarser than the unit ("2025" in a chart by month)
fits no bar: it is counted apart (`coarse`), as are undated records (`undated`), and the chart
says how many there are rather than spreading them over bars they may not belong to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Iterable

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKS_AT_MOST = 16  # a span of dated days this short is drawn by week, when every date has its day


@dataclass
class Bucket:
    key: str  # "2025-12" (month), "2025" (year) or the Monday "2025-12-01" (week)
    label: str  # "Dec 2025", "2025", "1–7 Dec 2025" (a week, Monday to Sunday)
    since: str  # the bucket as a period (store.period): its first and last day, month or year
    until: str
    rows: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # per series (a stance), when the chart has several

    @property
    def total(self) -> int:
        return len(self.rows)


@dataclass
class Histogram:
    unit: str  # "week", "month" or "year"
    buckets: list[Bucket]
    undated: int = 0
    coarse: int = 0  # dated less precisely than the unit

    @property
    def peak(self) -> int:
        return max((b.total for b in self.buckets), default=0)


def _monday(day: str) -> date:
    d = date.fromisoformat(day)
    return d - timedelta(days=d.weekday())


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last[:7]:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _bucket(unit: str, key: str) -> Bucket:
    if unit == "year":
        return Bucket(key, key, key, key)
    if unit == "month":
        return Bucket(key, f"{MONTHS[int(key[5:7]) - 1]} {key[:4]}", key, key)
    monday = date.fromisoformat(key)
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        label = f"{monday.day}–{sunday.day} {MONTHS[monday.month - 1]} {monday.year}"
    else:
        label = (f"{monday.day} {MONTHS[monday.month - 1]}" + (f" {monday.year}" if monday.year != sunday.year else "")
                 + f"–{sunday.day} {MONTHS[sunday.month - 1]} {sunday.year}")
    return Bucket(key, label, key, sunday.isoformat())


def histogram(rows: Iterable, date_of: Callable[[object], str | None], width: int,
              series: Callable[[object], str] | None = None) -> Histogram:
    """`rows` per bucket of the finest unit that fits `width` bars (week, month, year), every
    bucket between the first and the last date included (empty ones too: a gap is news)."""
    rows = list(rows)
    dated = [(d, r) for r in rows if (d := date_of(r))]
    undated = len(rows) - len(dated)
    if not dated:
        return Histogram("month", [], undated=undated)
    days = [d for d, _ in dated if len(d) == 10]
    if len(days) == len(dated) and (_monday(max(days)) - _monday(min(days))).days // 7 < WEEKS_AT_MOST:
        unit = "week"
        first, last = _monday(min(days)), _monday(max(days))
        keys = [(first + timedelta(weeks=i)).isoformat() for i in range((last - first).days // 7 + 1)]
    else:
        monthly = [d for d, _ in dated if len(d) >= 7]
        keys = _months(min(monthly), max(monthly)) if monthly else []
        unit = "month"
        if not keys or len(keys) > width:
            unit = "year"
            years = sorted({d[:4] for d, _ in dated})
            keys = [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    buckets = [_bucket(unit, k) for k in keys]
    at = {b.key: b for b in buckets}
    coarse = 0
    for d, r in dated:
        if unit == "week":
            key = _monday(d).isoformat() if len(d) == 10 else None
        else:
            key = d[:4] if unit == "year" else d[:7]
        b = at.get(key) if key and (unit != "month" or len(d) >= 7) else None
        if b is None:
            coarse += 1
            continue
        b.rows.append(r)
        if series is not None:
            name = series(r)
            b.counts[name] = b.counts.get(name, 0) + 1
    return Histogram(unit, buckets, undated=undated, coarse=coarse)
