"""Spreadsheets as rows of text: CSV (any of ; , tab, UTF-8 or Windows-1252) or XLSX (no Django).

Dates typed as dates in a workbook become ISO text, whole numbers lose their ".0", and a
9-digit number (a phone number typed as a number, its leading 0 lost) gets its 0 back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator

from vigie.territory.issues import Issue


class TableRefused(Exception):
    """The file cannot be read as a table at all."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        super().__init__(str(issue))


def header_key(text: object) -> str:
    """A column title or a value without case, accents or punctuation: "Date de naissance"
    -> "date_de_naissance"."""
    value = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")


def read_table(
    data: bytes, name: str, *, max_bytes: int
) -> tuple[list[str], Iterator[tuple[int, list[str]]], str]:
    """(header, numbered lines, a note) from CSV or XLSX bytes; TableRefused if unreadable."""
    if len(data) > max_bytes:
        raise TableRefused(Issue("file", "size", f"larger than {max_bytes // 1_000_000} MB"))
    if name.lower().endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data, name)
    return _read_csv(data, name)


def _read_csv(data: bytes, name: str):
    note = ""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        note = "the file is not UTF-8: read as Windows-1252 (Excel's usual encoding)"
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    if first.count(delimiter) == 0:
        issue = Issue("line 1", "header", "no column separator (; or , or tab) found")
        raise TableRefused(issue)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error as error:
        raise TableRefused(Issue("file", "format", f"not a CSV file ({error})")) from None
    if not lines:
        raise TableRefused(Issue("file", "content", "the file is empty"))
    body = ((number, row) for number, row in enumerate(lines[1:], start=2))
    return lines[0], body, note


def _read_xlsx(data: bytes, name: str):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise TableRefused(Issue("file", "format", "not an XLSX workbook")) from None
    sheet = book.worksheets[0]
    lines = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    if not lines:
        raise TableRefused(Issue("file", "content", "the first sheet is empty"))
    body = ((number, row) for number, row in enumerate(lines[1:], start=2))
    return lines[0], body, ""


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        return "0" + text if len(text) == 9 else text  # a phone number typed as a number
    return str(value)
