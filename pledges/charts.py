"""Horizontal bar charts as inline SVG, drawn on the server: readable without JavaScript,
with the same numbers in a table beside them for screen readers and print."""

from dataclasses import dataclass

from pledges.selectors import Total

WIDTH = 480
LABEL_WIDTH = 200
BAR_SPACE = 220  # the longest bar; the rest of the width holds its number
ROW_HEIGHT = 26


@dataclass
class Bar:
    label: str
    value: int
    width: int
    y: int


@dataclass
class Chart:
    unit: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_HEIGHT + 4


def bar_chart(totals: list[Total]) -> list[Chart]:
    """One chart per unit (personnel and dollars do not share a scale), bars by capability."""
    by_unit: dict[str, list[Total]] = {}
    for total in totals:
        by_unit.setdefault(total.unit, []).append(total)
    charts = []
    for unit_totals in by_unit.values():
        largest = max(total.quantity for total in unit_totals)
        bars = [
            Bar(
                label=total.capability.translated_name,
                value=total.quantity,
                width=max(2, round(BAR_SPACE * total.quantity / largest)),
                y=index * ROW_HEIGHT + 2,
            )
            for index, total in enumerate(unit_totals)
        ]
        charts.append(Chart(unit=str(unit_totals[0].unit_label), bars=bars))
    return charts
