"""Server-rendered SVG charts: geometry computed here, drawn by templates (no JavaScript)."""

from dataclasses import dataclass, field


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


@dataclass
class ChartRow:
    label: str
    y: float
    bars: list[Bar] = field(default_factory=list)
    summary: str = ""


@dataclass
class SmallMultiples:
    width: int
    height: int
    label_width: int
    row_height: int
    axis: list[tuple[float, str]]
    rows: list[ChartRow]


def distribution_chart(scale: list[int], distributions, *, width: int = 640, row_height: int = 60) -> SmallMultiples:
    """One row per juror, one bar per scale value; bar height relative to the juror's largest count."""
    label_width = 180
    plot = width - label_width - 10
    slot = plot / max(len(scale), 1)
    rows = []
    for index, dist in enumerate(distributions):
        top = index * row_height + 10
        peak = max(dist.counts) if dist.counts else 0
        row = ChartRow(label=str(dist.juror), y=top + row_height / 2)
        for position, (value, count) in enumerate(zip(scale, dist.counts, strict=True)):
            height = (row_height - 20) * count / peak if peak else 0
            row.bars.append(
                Bar(
                    x=round(label_width + position * slot + 2, 1),
                    y=round(top + (row_height - 20) - height, 1),
                    width=round(max(slot - 4, 1), 1),
                    height=round(height, 1),
                    value=count,
                    label=str(value),
                )
            )
        rows.append(row)
    axis_y = len(distributions) * row_height + 10
    axis = [(round(label_width + i * slot + slot / 2, 1), str(v)) for i, v in enumerate(scale)]
    return SmallMultiples(
        width=width,
        height=axis_y + 20,
        label_width=label_width,
        row_height=row_height,
        axis=[(x, label) for x, label in axis],
        rows=rows,
    )
