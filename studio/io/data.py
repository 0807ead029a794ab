"""Order and data files for batch work: CSV/TSV text as people export it, XLSX and ODS workbooks.

Everything comes back as text, the way the person sees it in their spreadsheet: a whole number is
``12`` (not ``12.0``), a date is ``2026-12-04``. Rows keep the number the spreadsheet shows them
under (the header is row 1), so a report can point at the row to fix. Blank rows are dropped
(and say nothing); their numbers are simply not used.

Text files are decoded by their byte-order mark (UTF-8, UTF-16: what "Unicode text" export
writes), as UTF-8 when they are valid UTF-8, and otherwise by a charset detector (Windows-1252 and
ISO-8859-1 files from older spreadsheet software). The delimiter is the one of ``,`` ``;`` tab and
``|`` that splits the first records into the most columns consistently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studio.model.errors import InvalidFile

__all__ = ["DATA_SUFFIXES", "DataRow", "DataTable", "read_table"]

DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".ods")
"""The data file types :func:`read_table` reads."""

MAX_DATA_BYTES = 256 * 1024 * 1024
"""Largest data file read (a million orders of a few columns is far below this)."""

_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_RECORDS = 50


@dataclass(frozen=True, slots=True)
class DataRow:
    """One record: its row number as the spreadsheet shows it (header = 1) and its cells by header."""

    number: int
    values: dict[str, str]


@dataclass(frozen=True, slots=True)
class DataTable:
    """A data file read as text: trimmed, unique headers and the non-blank rows below them."""

    path: Path
    headers: tuple[str, ...]
    rows: tuple[DataRow, ...]
    sheet: str | None = None
    """The workbook sheet read (None for text files)."""
    encoding: str | None = None
    """The text encoding used (None for workbooks)."""
    delimiter: str | None = None
    """The delimiter found (None for workbooks)."""


def read_table(path: Path, *, sheet: str | None = None) -> DataTable:
    """Read a ``.csv``/``.tsv``/``.txt`` file or the first (or ``sheet``) sheet of an ``.xlsx``/``.ods`` workbook.

    Raises
    ------
    InvalidFile
        With one sentence naming the file and what is wrong with it.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in DATA_SUFFIXES:
        raise InvalidFile(f"{path}: not a data file Studio reads; use {', '.join(DATA_SUFFIXES)}.")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidFile(f"{path}: the data file does not exist.") from None
    except OSError as error:
        raise InvalidFile(f"{path}: the data file cannot be read ({error.strerror or error}).") from None
    if size > MAX_DATA_BYTES:
        raise InvalidFile(f"{path}: the data file is larger than {MAX_DATA_BYTES // (1024 * 1024)} MB.")
    if suffix in (".xlsx", ".ods"):
        return _read_workbook(path, sheet)
    if sheet is not None:
        raise InvalidFile(f"{path}: a text file has no sheets; --data-sheet applies to .xlsx and .ods files.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidFile(f"{path}: the data file cannot be read ({error.strerror or error}).") from None
    text, encoding = _decode(path, data)
    delimiter = _delimiter(text, prefer_tab=suffix == ".tsv")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as error:
        raise InvalidFile(f"{path}: the file is not readable as delimited text ({error}).") from None
    table = _table(path, records)
    return DataTable(table.path, table.headers, table.rows, encoding=encoding, delimiter=delimiter)


# -- text files -----------------------------------------------------------------------------------


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(path, data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(path, data, "utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise InvalidFile(f"{path}: the file holds binary data, not text; export it from the spreadsheet as CSV.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]).best()
    if best is None or best.encoding is None:
        raise InvalidFile(f"{path}: the text encoding cannot be recognised; save the file as UTF-8 CSV.")
    encoding = best.encoding
    # Windows-1252 is a superset of ISO-8859-1 in every printable position: prefer it for both.
    if encoding in ("latin_1", "iso8859_1"):
        encoding = "cp1252"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return data.decode("latin_1"), "latin_1"


def _strict(path: Path, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InvalidFile(
            f"{path}: the file says it is {encoding.upper()} but byte {error.start} is not valid {encoding.upper()}."
        ) from None
    return text.removeprefix("\ufeff")


def _delimiter(text: str, *, prefer_tab: bool) -> str:
    """The delimiter that gives the most columns, the same number on most of the first records."""
    sample = text[:65536]
    best, best_score = ("\t" if prefer_tab else ","), (0, 0)
    for delimiter in _DELIMITERS:
        try:
            records = []
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=False):
                if any(cell.strip() for cell in record):
                    records.append(len(record))
                if len(records) >= _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not records or records[0] < 2:
            continue
        consistent = sum(1 for n in records if n == records[0])
        score = (consistent * 100 // len(records), records[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


# -- workbooks ------------------------------------------------------------------------------------


def _read_workbook(path: Path, sheet: str | None) -> DataTable:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own error types for every broken file
        raise InvalidFile(f"{path}: the workbook cannot be read ({_reason(error)}).") from None
    names = list(book.sheet_names)
    if not names:
        raise InvalidFile(f"{path}: the workbook has no sheet.")
    if sheet is None:
        sheet = names[0]
    elif sheet not in names:
        raise InvalidFile(f"{path}: there is no sheet {sheet!r}; the sheets are {', '.join(map(repr, names))}.")
    try:
        cells = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as error:
        raise InvalidFile(f"{path}: the sheet {sheet!r} cannot be read ({_reason(error)}).") from None
    records = [[_cell_text(value) for value in record] for record in cells]
    table = _table(path, records)
    return DataTable(table.path, table.headers, table.rows, sheet=sheet)


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text.rstrip(".")


def _cell_text(value: object) -> str:
    """A cell as the person sees it: whole numbers without ``.0``, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    return str(value)


# -- shared ---------------------------------------------------------------------------------------


def _table(path: Path, records: Sequence[Sequence[str]]) -> DataTable:
    numbered = [(i + 1, list(r)) for i, r in enumerate(records)]
    # The header is the first non-blank record (some exports start with an empty line).
    while numbered and not any(c.strip() for c in numbered[0][1]):
        numbered.pop(0)
    if not numbered:
        raise InvalidFile(f"{path}: the data file is empty; its first row should name the columns.")
    header_number, raw_headers = numbered[0]
    while raw_headers and not raw_headers[-1].strip():
        raw_headers.pop()  # empty columns at the right of a sheet
    headers: list[str] = []
    for index, raw in enumerate(raw_headers):
        name = " ".join(raw.split())
        if not name:
            name = f"Column {_column_letter(index)}"
        if name in headers:
            raise InvalidFile(f"{path}: two columns are named {name!r} (row {header_number}); rename one of them.")
        headers.append(name)
    if not headers:
        raise InvalidFile(f"{path}: the first row names no column.")
    rows: list[DataRow] = []
    for number, record in numbered[1:]:
        if not any(cell.strip() for cell in record):
            continue
        extra = [c for c in record[len(headers) :] if c.strip()]
        if extra:
            raise InvalidFile(
                f"{path}: row {number} has {len(record)} cells but the header names {len(headers)} columns."
            )
        values = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(headers)}
        rows.append(DataRow(number, values))
    return DataTable(path, tuple(headers), tuple(rows))


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
