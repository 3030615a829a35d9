"""Horizontal bar charts as inline SVG, drawn on the server: readable without JavaScript,
with the same numbers in a table beside them for screen readers and print. In a right-to-left
language the chart is mirrored: labels on the right, bars growing leftwards."""

from dataclasses import dataclass

from django.utils.formats import number_format

from pledges.selectors import Total

WIDTH = 520
LABEL_SPACE = 200  # the labels, then a gap of GAP
GAP = 6
BAR_SPACE = 220  # the longest bar; the rest of the width holds its number
ROW_HEIGHT = 26
BAR_HEIGHT = 20


@dataclass
class Bar:
    label: str
    value: str
    width: int
    y: int
    x: int
    label_x: int
    value_x: int

    @property
    def text_y(self) -> int:
        return self.y + 15


@dataclass
class Chart:
    unit: str
    bars: list[Bar]
    # SVG anchors are drawn left to right (the svg element has direction: ltr).
    label_anchor: str
    value_anchor: str
    width: int = WIDTH

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_HEIGHT + 4


def bar_chart(totals: list[Total], *, rtl: bool = False) -> list[Chart]:
    """One chart per unit (personnel and dollars do not share a scale), bars by capability."""
    by_unit: dict[str, list[Total]] = {}
    for total in totals:
        by_unit.setdefault(total.unit, []).append(total)
    charts = []
    for unit_totals in by_unit.values():
        largest = max(total.quantity for total in unit_totals)
        bars = []
        for index, total in enumerate(unit_totals):
            width = max(2, round(BAR_SPACE * total.quantity / largest))
            if rtl:
                x = WIDTH - LABEL_SPACE - width
                label_x, value_x = WIDTH - LABEL_SPACE + GAP, x - GAP
            else:
                x = LABEL_SPACE
                label_x, value_x = LABEL_SPACE - GAP, x + width + GAP
            bars.append(
                Bar(
                    label=total.capability.translated_name,
                    value=number_format(total.quantity, force_grouping=True),
                    width=width,
                    y=index * ROW_HEIGHT + 2,
                    x=x,
                    label_x=label_x,
                    value_x=value_x,
                )
            )
        charts.append(
            Chart(
                unit=str(unit_totals[0].unit_label),
                bars=bars,
                label_anchor="start" if rtl else "end",
                value_anchor="end" if rtl else "start",
            )
        )
    return charts
