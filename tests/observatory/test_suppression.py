"""Public suppression: small cells are hidden and cannot be recovered by subtraction."""

from observatory.suppression import suppress
from observatory.tables import Column, Row, Table


def _table(values, *, total=True, row_total_column=None, columns=1, row_sums=()):
    rows = tuple(Row(f"r{i}", f"r{i}", tuple(v)) for i, v in enumerate(values))
    total_row = None
    if total:
        total_row = Row("total", "Total", tuple(sum(v[c] for v in values) for c in range(columns)))
    return Table(
        slug="t",
        title="t",
        dimension="d",
        columns=tuple(Column(f"c{c}", f"c{c}") for c in range(columns)),
        rows=rows,
        total=total_row,
        row_total_column=row_total_column,
        row_sums=row_sums,
    )


def _column(table, column=0):
    return [row.values[column] for row in table.all_rows()]


def test_cells_below_five_are_hidden():
    table = suppress(_table([(3,), (4,), (50,)]))
    assert _column(table) == [None, None, 50, 57]


def test_zero_and_five_stay_visible():
    table = suppress(_table([(0,), (5,), (20,)]))
    assert _column(table) == [0, 5, 20, 25]


def test_single_hidden_cell_gets_a_complement():
    table = suppress(_table([(3,), (40,), (12,), (60,)]))
    assert _column(table) == [None, 40, None, 60, 115]


def test_hidden_cell_not_recoverable_by_subtraction():
    original = _table([(2,), (17,), (9,), (31,)])
    published = _column(suppress(original))
    total = published[-1]
    visible_parts = [value for value in published[:-1] if value is not None]
    hidden = [index for index, value in enumerate(published[:-1]) if value is None]
    assert total == 59
    assert len(hidden) >= 2
    # Subtracting the published parts from the published total leaves the sum of two or more
    # hidden cells, never the small cell alone.
    assert total - sum(visible_parts) != 2


def test_total_hidden_when_other_parts_are_zero():
    table = suppress(_table([(3,), (0,), (0,)]))
    assert _column(table) == [None, 0, 0, None]


def test_two_dimensional_sums_are_protected():
    # Columns women, men, total; each row adds up to its total column, each column to the total.
    table = suppress(
        _table([(2, 30, 32), (20, 25, 45), (40, 44, 84)], columns=3, row_total_column=2)
    )
    grid = [list(row.values) for row in table.all_rows()]
    for values in grid:
        assert sum(v is None for v in values) != 1
    for column in range(3):
        assert sum(row[column] is None for row in grid) != 1


def test_row_sums_protect_nationals_split():
    table = _table([(120,), (118,), (2,)], total=False, row_sums=(((1, 2), 0),))
    assert _column(suppress(table)) == [120, None, None]


def test_percentage_hidden_with_its_counts():
    rows = (
        Row("staff", "staff", (120,)),
        Row("nationals", "nationals", (118,)),
        Row("expatriates", "expatriates", (2,)),
        Row("share", "share", (98.3,), is_percentage=True),
    )
    table = Table("t", "t", "d", (Column("v", "v"),), rows, row_sums=(((1, 2), 0),))
    assert [row.values[0] for row in suppress(table).rows] == [120, None, None, None]


def test_small_percentage_is_not_a_count():
    rows = (Row("staff", "staff", (120,)), Row("share", "share", (3.5,), is_percentage=True))
    table = Table("t", "t", "d", (Column("v", "v"),), rows)
    assert [row.values[0] for row in suppress(table).rows] == [120, 3.5]
