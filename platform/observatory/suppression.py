"""
Small-cell suppression of the public figures.

A count of 1 to 4 people is hidden (primary suppression). Zeros stay visible because they
describe no person. Then, wherever the published figures of a sum would let a reader recover a
hidden one by subtraction, the smallest other non-zero part of that sum is hidden too
(complementary suppression), repeated until no sum has exactly one hidden member.
"""

from __future__ import annotations

from .tables import Table, Value

THRESHOLD = 5

Cell = tuple[int, int]


def suppress(table: Table) -> Table:
    """Return a copy of `table` with the public suppression applied: hidden figures are None."""
    grid = [list(row.values) for row in table.all_rows()]
    count_columns = [
        index for index, column in enumerate(table.columns) if not column.is_percentage
    ]
    count_rows = [index for index, row in enumerate(table.all_rows()) if not row.is_percentage]
    hidden: set[Cell] = {
        (row, column)
        for row in count_rows
        for column in count_columns
        if grid[row][column] is not None and 0 < grid[row][column] < THRESHOLD
    }

    sums = _sums_of(table, len(grid), count_columns)
    changed = True
    while changed:
        changed = False
        for parts, total in sums:
            members = [*parts, total]
            if sum(cell in hidden for cell in members) != 1:
                continue
            complement = _complement(grid, parts, total, hidden)
            if complement is not None:
                hidden.add(complement)
                changed = True

    for row, column in hidden:
        grid[row][column] = None
    _hide_percentages(table, grid, hidden)
    return table.with_values(
        [tuple(values) for values in grid[: len(table.rows)]],
        tuple(grid[-1]) if table.total else None,
    )


def _sums_of(
    table: Table, row_count: int, count_columns: list[int]
) -> list[tuple[list[Cell], Cell]]:
    """Return each published sum as (the cells of its parts, the cell of its total)."""
    sums: list[tuple[list[Cell], Cell]] = []
    if table.total is not None:
        total_row = row_count - 1
        for column in count_columns:
            sums.append(([(row, column) for row in range(total_row)], (total_row, column)))
    if table.row_total_column is not None:
        parts = [column for column in count_columns if column != table.row_total_column]
        for row in range(row_count):
            sums.append(([(row, column) for column in parts], (row, table.row_total_column)))
    for part_rows, total_row in table.row_sums:
        for column in count_columns:
            sums.append(([(row, column) for row in part_rows], (total_row, column)))
    return sums


def _complement(
    grid: list[list[Value]], parts: list[Cell], total: Cell, hidden: set[Cell]
) -> Cell | None:
    """Pick the cell to hide so that the single hidden member of a sum cannot be recovered.

    It is the smallest visible non-zero part; when every visible part is zero, the hidden part
    equals the total, so the total is hidden instead.
    """
    candidates = [
        cell for cell in parts if cell not in hidden and grid[cell[0]][cell[1]] not in (0, None)
    ]
    if candidates:
        return min(candidates, key=lambda cell: (grid[cell[0]][cell[1]], cell))
    if total not in hidden:
        return total
    # The hidden member is the total and every part is zero, so the total is zero: nothing to hide.
    return None


def _hide_percentages(table: Table, grid: list[list[Value]], hidden: set[Cell]) -> None:
    """Hide the percentages of any row or column where a count is hidden, as they derive from it."""
    rows = table.all_rows()
    percentage_columns = [i for i, column in enumerate(table.columns) if column.is_percentage]
    percentage_rows = [i for i, row in enumerate(rows) if row.is_percentage]
    hidden_rows = {row for row, _column in hidden}
    hidden_columns = {column for _row, column in hidden}
    for row in hidden_rows:
        for column in percentage_columns:
            grid[row][column] = None
    for row in percentage_rows:
        for column in hidden_columns:
            grid[row][column] = None
