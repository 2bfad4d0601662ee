"""
Reading of declaration lines from an XLSX workbook or a CSV file, reporting every bad cell.

Workbooks are matched sheet by sheet on the names « Personnel » and « Formations ». A CSV file
contains one table, recognised by its headers. CSV files may come from French Excel: semicolons,
Windows-1252 or UTF-8, with or without a byte-order mark. Cells match a list by French label or
code, ignoring case and accents. Counts accept a decimal comma when the value is whole.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .exceptions import ImportFailed, ImportIssue
from .lines import StaffLineData, TrainingLineData
from .tables import (
    Column,
    Table,
    fold,
    staff_table,
    tables,
    tables_in_every_language,
    training_table,
)

_GROUPING_SPACES = re.compile("[ \u00a0\u202f]")

# The header row is looked for among the first rows, below any title rows.
HEADER_SEARCH_ROWS = 10


@dataclass
class ParsedFile:
    """Lines read from a file; a table absent from the file is None and keeps its stored lines."""

    staff_lines: list[StaffLineData] | None = None
    training_lines: list[TrainingLineData] | None = None


def parse_file(filename: str, content: bytes) -> ParsedFile:
    """Read the lines of an XLSX or CSV file, raising `ImportFailed` with every problem found."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        return _parse_workbook(filename, content)
    if suffix == ".csv":
        return _parse_csv(filename, content)
    raise ImportFailed(
        [
            ImportIssue(
                filename,
                None,
                "",
                _("format non pris en charge ; importez un fichier .xlsx ou .csv."),
            )
        ]
    )


# Workbooks


def _parse_workbook(filename: str, content: bytes) -> ParsedFile:
    try:
        workbook = load_workbook(io.BytesIO(content), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFailed(
            [ImportIssue(filename, None, "", _("ce fichier n’est pas un classeur XLSX lisible."))]
        ) from None

    sheets = {fold(worksheet.title): worksheet for worksheet in workbook.worksheets}
    parsed = ParsedFile()
    issues: list[ImportIssue] = []
    for index, table in enumerate(tables()):
        names = {fold(translated[index].sheet) for translated in tables_in_every_language()}
        worksheet = next((sheets[name] for name in names if name in sheets), None)
        if worksheet is None:
            continue
        rows, header_spans = _read_worksheet(worksheet)
        lines = _parse_table(table, rows, header_spans, issues)
        _store(parsed, table, lines)

    if parsed.staff_lines is None and parsed.training_lines is None:
        issues.append(
            ImportIssue(
                filename,
                None,
                "",
                _(
                    "le classeur ne contient ni la feuille « %(staff)s » ni la feuille "
                    "« %(training)s » ; partez du modèle à télécharger."
                )
                % {"staff": staff_table().sheet, "training": training_table().sheet},
            )
        )
    if issues:
        raise ImportFailed(issues)
    return parsed


def _read_worksheet(worksheet) -> tuple[list[list[object]], dict[int, int]]:
    """Return the cell values row by row, and for each merged range the row it ends on.

    A merged range's value is copied into every cell it covers, so a header merged over two
    rows or columns reads the same in each of them. The second value maps each row that starts
    a merged range to the last row of that range.
    """
    rows = [list(row) for row in worksheet.iter_rows(values_only=True)]
    spans: dict[int, int] = {}
    for merged in worksheet.merged_cells.ranges:
        value = worksheet.cell(merged.min_row, merged.min_col).value
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                while len(rows) < row:
                    rows.append([])
                cells = rows[row - 1]
                while len(cells) < col:
                    cells.append(None)
                cells[col - 1] = value
        spans[merged.min_row] = max(spans.get(merged.min_row, 0), merged.max_row)
    return rows, spans


# CSV files


def _parse_csv(filename: str, content: bytes) -> ParsedFile:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    rows: list[list[object]] = [
        list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]

    table = _recognise_table(rows)
    issues: list[ImportIssue] = []
    if table is None:
        issues.append(
            ImportIssue(
                filename,
                None,
                "",
                _(
                    "aucune ligne d’en-tête reconnue ; la première ligne doit reprendre les "
                    "en-têtes du modèle « %(staff)s » ou « %(training)s »."
                )
                % {"staff": staff_table().csv_name, "training": training_table().csv_name},
            )
        )
        raise ImportFailed(issues)

    lines = _parse_table(table, rows, {}, issues, sheet_name=filename)
    if issues:
        raise ImportFailed(issues)
    parsed = ParsedFile()
    _store(parsed, table, lines)
    return parsed


def _decode(content: bytes) -> str:
    """Decode a CSV file in UTF-8 or else Windows-1252, dropping any UTF-8 byte-order mark.

    Some converters put the mark in front of Windows-1252 text, so the mark alone does not
    decide the encoding.
    """
    content = content.removeprefix(b"\xef\xbb\xbf")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _recognise_table(rows: list[list[object]]) -> Table | None:
    """Return the table whose headers best match one of the first rows, or None."""
    best, best_score = None, 0
    for table in tables():
        _, matched = _find_header_row(table, rows)
        if len(matched) > best_score:
            best, best_score = table, len(matched)
    return best if best_score >= 2 else None


# Tables


def _find_header_row(
    table: Table, rows: list[list[object]]
) -> tuple[int | None, dict[int, Column]]:
    """Return the index of the row matching most headers of `table`, and its column mapping."""
    # Headers match in any of the site's languages; the columns are in the same order in each.
    position = [candidate.key for candidate in tables()].index(table.key)
    headers = {}
    for translated in tables_in_every_language():
        for column, translated_column in zip(
            table.columns, translated[position].columns, strict=True
        ):
            headers[fold(translated_column.header)] = column
    best_index, best_mapping = None, {}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping = {}
        for position, cell in enumerate(row):
            column = headers.get(fold(cell)) if cell is not None else None
            if column is not None and column not in mapping.values():
                mapping[position] = column
        if len(mapping) > len(best_mapping):
            best_index, best_mapping = index, mapping
    return best_index, best_mapping


def _parse_table(
    table: Table,
    rows: list[list[object]],
    header_spans: dict[int, int],
    issues: list[ImportIssue],
    sheet_name: str | None = None,
) -> list:
    sheet = sheet_name or table.sheet
    header_index, mapping = _find_header_row(table, rows)
    if header_index is None:
        issues.append(
            ImportIssue(
                sheet,
                None,
                "",
                _("aucune ligne d’en-tête reconnue ; reprenez les en-têtes du modèle."),
            )
        )
        return []
    header_row_number = header_index + 1

    # Report missing or renamed columns, then unknown headers.
    found = set(mapping.values())
    for column in table.columns:
        if column.required and column not in found:
            issues.append(
                ImportIssue(
                    sheet,
                    header_row_number,
                    column.header,
                    _("colonne manquante ou renommée ; rétablissez l’en-tête du modèle."),
                )
            )
    for position, cell in enumerate(rows[header_index]):
        if position not in mapping and cell not in (None, "") and str(cell).strip():
            issues.append(
                ImportIssue(
                    sheet,
                    header_row_number,
                    str(cell).strip(),
                    _("colonne inconnue ; les en-têtes possibles sont : %(headers)s.")
                    % {"headers": ", ".join(f"« {column.header} »" for column in table.columns)},
                )
            )
    if any(column.required and column not in found for column in table.columns):
        return []

    # Data starts below the header row and below any merged header cell that spans rows.
    first_data_index = header_spans.get(header_row_number, header_row_number)
    lines = []
    for index in range(first_data_index, len(rows)):
        row = rows[index]
        cells = {
            column: row[position] if position < len(row) else None
            for position, column in mapping.items()
        }
        if all(_is_blank(value) for value in cells.values()):
            continue
        values = _parse_row(sheet, index + 1, cells, issues)
        if values is not None:
            lines.append(_make_line(table, values))
    return lines


def _parse_row(
    sheet: str, row_number: int, cells: dict[Column, object], issues: list[ImportIssue]
) -> dict[str, object] | None:
    values: dict[str, object] = {}
    issue_count = len(issues)
    for column, cell in cells.items():
        if column.choices is not None:
            values[column.field] = _parse_choice(column, cell, sheet, row_number, issues)
        elif column.is_count:
            values[column.field] = _parse_count(column, cell, sheet, row_number, issues)
        else:
            values[column.field] = "" if _is_blank(cell) else str(cell).strip()
    return values if len(issues) == issue_count else None


def _parse_choice(
    column: Column, cell: object, sheet: str, row_number: int, issues: list[ImportIssue]
) -> str | None:
    if _is_blank(cell):
        issues.append(ImportIssue(sheet, row_number, column.header, _("valeur manquante.")))
        return None
    code = column.match_choice(cell)
    if code is None:
        issues.append(
            ImportIssue(
                sheet,
                row_number,
                column.header,
                _("« %(value)s » ne figure pas dans la liste ; choisissez une valeur de la liste.")
                % {"value": str(cell).strip()},
            )
        )
    return code


def _parse_count(
    column: Column, cell: object, sheet: str, row_number: int, issues: list[ImportIssue]
) -> int | None:
    """Return a cell as a whole number, reading "3,0" and 3.0 as 3; a blank cell counts 0."""
    if _is_blank(cell):
        return 0

    def fail(reason: str) -> None:
        issues.append(ImportIssue(sheet, row_number, column.header, reason))

    # NOTE: the tables have no date column, so no Excel date serial is converted. A date typed
    # into a count cell is reported like any other value that is not a number.
    if isinstance(cell, (datetime.date, datetime.time, datetime.timedelta)) or isinstance(
        cell, bool
    ):
        fail(_("« %(value)s » n’est pas un nombre.") % {"value": cell})
        return None

    if isinstance(cell, (int, float)):
        number = Decimal(str(cell))
        display_value = str(cell)
    else:
        display_value = str(cell).strip()
        # Thousands may be grouped with spaces, and French spreadsheets write a decimal comma.
        digits = _GROUPING_SPACES.sub("", display_value).replace(",", ".")
        try:
            number = Decimal(digits)
        except InvalidOperation:
            fail(_("« %(value)s » n’est pas un nombre.") % {"value": display_value})
            return None
        if not number.is_finite():
            fail(_("« %(value)s » n’est pas un nombre.") % {"value": display_value})
            return None

    if number != number.to_integral_value():
        fail(_("« %(value)s » n’est pas un nombre entier.") % {"value": display_value})
        return None
    if number < 0:
        fail(_("« %(value)s » est négatif ; indiquez 0 ou plus.") % {"value": display_value})
        return None
    return int(number)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _make_line(table: Table, values: dict[str, object]):
    if table.key == "staff":
        return StaffLineData(**values)
    return TrainingLineData(**values)


def _store(parsed: ParsedFile, table: Table, lines: list) -> None:
    if table.key == "staff":
        parsed.staff_lines = lines
    else:
        parsed.training_lines = lines
