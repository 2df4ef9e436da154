"""The Python package on the repository's samples: records as dicts with
exact decimals, and the cells / checks / indicators tables holding exactly
what the records hold."""

import builtins
from decimal import Decimal
from pathlib import Path

import pytest

import juesuan

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def records():
    return juesuan.extract([SAMPLES / "pdf", str(SAMPLES / "text")], jobs=2)


def values(records):
    return [
        (r["source"]["sha256"], t["id"], col, v)
        for r in records
        for t in r["tables"]
        for row in t["rows"]
        for col, v in row["values"].items()
    ]


def test_records_are_dicts_in_path_order(records):
    paths = [r["source"]["path"] for r in records]
    files = list((SAMPLES / "pdf").glob("*.pdf")) + list((SAMPLES / "text").glob("*.txt"))
    assert len(paths) == len(files) and paths == sorted(paths)
    assert all(r["schema"] == "juesuan.filing/1" for r in records)


def test_amounts_are_exact_decimals_never_floats(records):
    wuhan = next(r for r in records if "wuhan-hongshan" in r["source"]["path"])
    income = next(t for t in wuhan["tables"] if t["id"] == "income")
    total = next(row for row in income["rows"] if row.get("item") == "合计")
    assert total["values"]["财政拨款收入"] == Decimal("2855.85")
    assert str(total["values"]["本年收入合计"]) == "2860.07"
    amounts = [v for *_, v in values(records)]
    assert amounts and all(isinstance(v, (Decimal, int)) for v in amounts)
    assert any(isinstance(v, Decimal) for v in amounts)


def test_cells_hold_every_value_of_the_records(records):
    cells = juesuan.cells(records)
    want = values(records)
    assert len(cells) == len(want) > 0
    rows = cells.to_dict("records") if hasattr(cells, "to_dict") else cells
    got = sorted((c["filing_id"], c["table_id"], c["column_key"], c["value"]) for c in rows)
    assert got == sorted(want)
    assert all(isinstance(c["value"], Decimal) for c in rows)


def test_checks_and_indicators(records):
    checks = juesuan.checks(records)
    assert len(checks) == sum(len(r["checks"]) for r in records)
    rows = checks.to_dict("records") if hasattr(checks, "to_dict") else checks
    assert {c["status"] for c in rows} <= {"pass", "rounding", "fail", "unverified"}
    assert all(isinstance(c["diff"], Decimal) for c in rows)
    indicators = juesuan.indicators(records)
    assert len(indicators) == sum(len(p["indicators"]) for r in records for p in r["performance"])
    assert len(indicators) > 0


def test_a_harvest_file_reads_the_same(records, tmp_path):
    harvest = tmp_path / "out.jsonl"
    lines = juesuan._juesuan.extract_jsonl([str(SAMPLES / "pdf"), str(SAMPLES / "text")], 1, 60)
    harvest.write_text("".join(line + "\n" for line in lines) + '{"cut', encoding="utf-8")
    assert juesuan.read(harvest) == records
    assert len(juesuan.cells(str(harvest))) == len(values(records))


def test_without_pandas_a_list_of_dicts(records, monkeypatch):
    real = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("no pandas")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    facts = juesuan.relation("facts", records)
    assert isinstance(facts, list) and isinstance(facts[0], dict)
    assert isinstance(facts[0]["value"], Decimal)


def test_pandas_gives_a_dataframe(records):
    pandas = pytest.importorskip("pandas")
    assert isinstance(juesuan.cells(records), pandas.DataFrame)


def test_errors_are_said():
    with pytest.raises(FileNotFoundError):
        juesuan.extract(["no/such/dir"])
    with pytest.raises(ValueError):
        juesuan.relation("nothing", [])
    broken = juesuan.extract([ROOT / "tests" / "broken" / "garbage.pdf"])
    assert [d["code"] for d in broken[0]["diagnostics"]] == ["not_pdf"]
