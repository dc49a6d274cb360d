"""Excel exports that stay inert.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is read by Excel as a formula (OWASP "CSV injection"): a party's name or a report's
summary typed as ``=HYPERLINK(…)`` would run on the reader's machine. Every export
passes its workbook through ``inert_workbook`` before saving: such cells are stored
as plain text, marked with Excel's quote prefix so an edit keeps them text too."""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert_workbook(book) -> None:
    """Turn every formula-looking text cell of ``book`` into plain text, in place."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                    cell.data_type = "s"
                    cell.quotePrefix = True
