"""Order files as people export them: encodings, delimiters, workbooks, and broken files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from studio.io.data import read_table
from studio.model.errors import InvalidFile

NAMES = ["Zoé Lefèvre", "Hélène Müller", "François-Xavier de la Rochefoucauld", "Łukasz", "", "Jo"]


def write_xlsx(path: Path, rows: list[list[object]], *, sheet: str = "Commandes", extra: str | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    if extra:
        book.create_sheet(extra).append(["Other", "sheet"])
    book.save(path)
    return path


def write_ods(path: Path, rows: list[list[object]], *, sheet: str = "Feuille1") -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for row in rows:
        tr = TableRow()
        for value in row:
            if value is None:
                cell = TableCell()
            elif isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            elif isinstance(value, dt.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.strftime("%d/%m/%Y")))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def test_semicolon_csv_in_windows_1252_with_quoted_newlines(tmp_path: Path) -> None:
    text = 'Prénom ;Ville;Note\r\nZoé;Besançon;"deux\r\nlignes"\r\n;Orléans;\r\nFrançois;Nîmes;ok\r\n;;\r\n;;\r\n'
    path = tmp_path / "commandes.csv"
    path.write_bytes(text.encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "cp1252" and table.delimiter == ";"
    assert table.headers == ("Prénom", "Ville", "Note")  # trimmed
    assert [(r.number, r.values["Prénom"], r.values["Ville"]) for r in table.rows] == [
        (2, "Zoé", "Besançon"),
        (3, "", "Orléans"),  # an empty cell stays a row
        (4, "François", "Nîmes"),
    ]
    assert table.rows[0].values["Note"] == "deux\r\nlignes"


def test_utf16_tab_text_from_unicode_text_export(tmp_path: Path) -> None:
    path = tmp_path / "orders.txt"
    path.write_bytes("Name\tCity\r\nJosé\tMálaga\r\nŁukasz\tŁódź\r\n".encode("utf-16"))
    table = read_table(path)
    assert table.delimiter == "\t" and table.encoding == "utf-16"
    assert [r.values["City"] for r in table.rows] == ["Málaga", "Łódź"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("delimiter", [",", "|", "\t"])
def test_utf8_with_or_without_bom_and_any_delimiter(tmp_path: Path, bom: bytes, delimiter: str) -> None:
    lines = [delimiter.join(["name", "order"])] + [delimiter.join([f'"{n}"', str(i)]) for i, n in enumerate(NAMES)]
    path = tmp_path / "names.csv"
    path.write_bytes(bom + "\n".join(lines).encode("utf-8") + b"\n\n\n")
    table = read_table(path)
    assert table.headers == ("name", "order") and table.delimiter == delimiter
    assert [r.values["name"] for r in table.rows] == NAMES
    assert [r.number for r in table.rows] == [2, 3, 4, 5, 6, 7]


def test_iso_8859_1_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("nom,ville\nAnaïs,Besançon\nNoël,Cœur\n".replace("Cœur", "Sète").encode("latin-1"))
    assert [r.values["nom"] for r in read_table(path).rows] == ["Anaïs", "Noël"]


def test_xlsx_numbers_and_dates_as_typed_and_sheet_choice(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Prénom", "Quantité", "Prix", "Date", "Commande"],
        ["Zoé", 12, 3.5, dt.date(2026, 12, 4), "A-001"],
        ["Hélène", 1, 10.0, None, 1002],
        [None, None, None, None, None],
    ]
    path = write_xlsx(tmp_path / "orders.xlsx", rows, extra="Archive")
    table = read_table(path)
    assert table.sheet == "Commandes"
    assert [r.values for r in table.rows] == [
        {"Prénom": "Zoé", "Quantité": "12", "Prix": "3.5", "Date": "2026-12-04", "Commande": "A-001"},
        {"Prénom": "Hélène", "Quantité": "1", "Prix": "10", "Date": "", "Commande": "1002"},
    ]
    assert read_table(path, sheet="Archive").headers == ("Other", "sheet")
    with pytest.raises(
        InvalidFile, match=r"orders\.xlsx: there is no sheet 'Nope'; the sheets are 'Commandes', 'Archive'"
    ):
        read_table(path, sheet="Nope")


def test_ods_numbers_and_dates(tmp_path: Path) -> None:
    rows: list[list[object]] = [["name", "qty", "date"], ["Zoé", 12, dt.date(2026, 1, 31)], ["Åsa", 2.25, None]]
    table = read_table(write_ods(tmp_path / "orders.ods", rows))
    assert [r.values for r in table.rows] == [
        {"name": "Zoé", "qty": "12", "date": "2026-01-31"},
        {"name": "Åsa", "qty": "2.25", "date": ""},
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a zip", r"broken\.xlsx: the workbook cannot be read"),
        ("empty.csv", b"", r"empty\.csv: the data file is empty"),
        ("dup.csv", b"name,name\nA,B\n", r"dup\.csv: two columns are named 'name'"),
        ("wide.csv", b"name,order\nA,1,extra\n", r"wide\.csv: row 2 has 3 cells but the header names 2 columns"),
        ("bin.csv", b"\x00\x01\x02name", r"bin\.csv: the file holds binary data"),
        ("orders.json", b"{}", r"orders\.json: not a data file Studio reads"),
    ],
)
def test_bad_files_get_one_sentence(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidFile, match=message) as caught:
        read_table(path)
    assert "\n" not in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidFile, match=r"nothere\.csv: the data file does not exist"):
        read_table(tmp_path / "nothere.csv")
