"""juesuan: Chinese government fiscal filings (部门决算, 部门预算) as data.

    import juesuan
    records = juesuan.extract(["samples/pdf"])   # one dict per filing
    juesuan.cells(records)                       # every value of every table

Records are the JSON lines of ``juesuan extract`` (contract: docs/schema.md)
read with ``json.loads(line, parse_float=decimal.Decimal)``: an amount with
decimals is a ``Decimal`` with its printed digits, a whole number an ``int``;
nothing is a float. ``cells``, ``checks``, ``indicators`` (and ``relation``
for the other tables of ``juesuan export``) return a pandas DataFrame when
pandas is installed, a list of dicts otherwise; their amounts are always
``Decimal``.
"""

import json
import os
from decimal import Decimal

from . import _juesuan

__all__ = ["extract", "read", "relation", "cells", "checks", "indicators", "RELATIONS"]

#: The tables of an export, joined on ``filing_id`` (the file's sha256).
RELATIONS = (
    "filings",
    "tables",
    "cells",
    "checks",
    "performance",
    "indicators",
    "funds",
    "facts",
    "diagnostics",
)


def _loads(line):
    return json.loads(line, parse_float=Decimal)


def extract(paths, jobs=None, timeout=60):
    """Records of the filings under ``paths`` (files or directories searched
    for *.pdf and *.txt), in sorted path order. ``jobs``: worker threads
    (default all cores); ``timeout``: seconds before a file is given up (its
    record says so). A file that cannot be read still gives a record, with an
    ``error`` diagnostic; a path that does not exist raises FileNotFoundError.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    lines = _juesuan.extract_jsonl([os.fspath(p) for p in paths], jobs, timeout)
    return [_loads(line) for line in lines]


def read(path):
    """The records of a harvest file (``juesuan extract`` output). A line that
    is not JSON (the last line of a run that was killed) is skipped."""
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                records.append(_loads(line))
            except ValueError:
                continue
    return records


def relation(name, records):
    """One table of the export (see ``RELATIONS``) of ``records`` (dicts as
    ``extract`` gives them, or the path of a harvest file)."""
    if name not in RELATIONS:
        raise ValueError(f"no relation {name!r}; one of {', '.join(RELATIONS)}")
    if isinstance(records, (str, os.PathLike)):
        records = read(records)
    columns, rows = _juesuan.relation(name, list(records))
    try:
        import pandas
    except ImportError:
        return [dict(zip(columns, row)) for row in rows]
    return pandas.DataFrame(rows, columns=columns)


def cells(records):
    """Every value of every table: filing_id, table_id, title, unit, row_key
    (and code, item, side, label, name, line), column_key, value, page, bbox."""
    return relation("cells", records)


def checks(records):
    """Every check: rule, status, table_id, row_key, column_key, expected,
    actual, diff, detail, page."""
    return relation("checks", records)


def indicators(records):
    """Every 绩效 indicator, with its form's kind, stage and project."""
    return relation("indicators", records)
