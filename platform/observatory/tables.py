"""The statistics tables: rows of figures that the pages, the exports and the API all render."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

Value = int | float | None


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # Percentages are derived from counts and never summed into a total.
    is_percentage: bool = False


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    values: tuple[Value, ...]
    is_percentage: bool = False


@dataclass(frozen=True)
class Table:
    """A breakdown: one row per value of a dimension, one column per measure.

    When `total` is set, each column of `rows` adds up to it, and when `row_total_column` is set,
    each row's other count columns add up to that column. Suppression relies on these sums and on
    `row_sums`.
    """

    slug: str
    title: str
    dimension: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    row_total_column: int | None = None
    # Other sums between rows, as (indexes of the part rows, index of the total row).
    row_sums: tuple[tuple[tuple[int, ...], int], ...] = ()
    notes: tuple[str, ...] = field(default=())

    def with_values(self, rows: list[tuple[Value, ...]], total: tuple[Value, ...] | None) -> Table:
        """Return a copy whose rows and total carry the given values, in the same order."""
        new_rows = tuple(
            replace(row, values=values) for row, values in zip(self.rows, rows, strict=True)
        )
        new_total = replace(self.total, values=total) if self.total and total else self.total
        return replace(self, rows=new_rows, total=new_total)

    def all_rows(self) -> tuple[Row, ...]:
        """Return the rows followed by the total row, if any."""
        return (*self.rows, self.total) if self.total else self.rows

    def as_dict(self) -> dict:
        """Return the table as JSON-ready values, a suppressed figure being None."""
        return {
            "slug": self.slug,
            "title": self.title,
            "dimension": self.dimension,
            "columns": [{"key": column.key, "label": column.label} for column in self.columns],
            "rows": [
                {"key": row.key, "label": row.label, "values": list(row.values)}
                for row in self.all_rows()
            ],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Bar:
    label: str
    value: Value
    width: int


def bars_of(table: Table, column: int = 0) -> list[Bar]:
    """Return the rows as bars of a chart, each as wide as its share of the largest value (%)."""
    largest = max((row.values[column] or 0 for row in table.rows), default=0)
    return [
        Bar(
            row.label,
            row.values[column],
            round(100 * (row.values[column] or 0) / largest) if largest else 0,
        )
        for row in table.rows
    ]
