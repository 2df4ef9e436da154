//! `juesuan export` over the samples' records, in all three formats, read
//! back with independent readers (the parquet crate's record reader,
//! rusqlite, a CSV parser here): exactly the cells, checks and indicators
//! of the JSON lines, every amount equal as a decimal. And `juesuan schema`
//! validates every sample record.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn juesuan(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("run juesuan");
    assert!(
        out.status.success(),
        "juesuan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The samples' JSON lines (extracted once per test binary) and a file
/// holding them, plus an unreadable file's record.
fn harvest() -> &'static (String, PathBuf) {
    static H: OnceLock<(String, PathBuf)> = OnceLock::new();
    H.get_or_init(|| {
        let jsonl = String::from_utf8(juesuan(&["extract", "samples", "tests/broken/garbage.pdf"]))
            .unwrap();
        let dir = std::env::temp_dir().join(format!("juesuan-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("harvest.jsonl");
        std::fs::write(&path, &jsonl).unwrap();
        (jsonl, path)
    })
}

fn records() -> Vec<Value> {
    harvest()
        .0
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A row of a relation: column → text, amounts normalized (`325200.00` and
/// `325200` are one decimal), null as None.
type Row = HashMap<String, Option<String>>;

const AMOUNTS: [&str; 5] = ["value", "expected", "actual", "diff", "score"];

fn normal(column: &str, text: Option<String>) -> Option<String> {
    let text = text.filter(|t| !t.is_empty())?;
    if AMOUNTS.contains(&column) {
        if let Ok(d) = text.parse::<Decimal>() {
            return Some(d.normalize().to_string());
        }
    }
    Some(text)
}

fn json_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn filing_id(r: &Value) -> String {
    let sha = r["source"]["sha256"].as_str().unwrap_or("");
    if sha.is_empty() {
        r["source"]["path"].as_str().unwrap().to_string()
    } else {
        sha.to_string()
    }
}

fn row(pairs: &[(&str, Option<String>)]) -> Row {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), normal(k, v.clone())))
        .collect()
}

/// The cells, checks and indicators as the JSON lines state them.
fn expected(relation: &str) -> Vec<Row> {
    let mut out = Vec::new();
    for r in records() {
        let fid = Some(filing_id(&r));
        match relation {
            "cells" => {
                for t in r["tables"].as_array().unwrap() {
                    for row_ in t["rows"].as_array().unwrap() {
                        for (column, value) in row_["values"].as_object().unwrap() {
                            out.push(row(&[
                                ("filing_id", fid.clone()),
                                ("table_id", json_text(&t["id"])),
                                ("code", json_text(&row_["code"])),
                                ("item", json_text(&row_["item"])),
                                ("side", json_text(&row_["side"])),
                                ("label", json_text(&row_["label"])),
                                ("column_key", Some(column.clone())),
                                ("value", json_text(value)),
                                ("page", json_text(&row_["at"][column]["page"])),
                            ]));
                        }
                    }
                }
            }
            "checks" => {
                for c in r["checks"].as_array().unwrap() {
                    out.push(row(&[
                        ("filing_id", fid.clone()),
                        ("rule", json_text(&c["rule"])),
                        ("status", json_text(&c["status"])),
                        ("table_id", json_text(&c["table"])),
                        ("row_key", json_text(&c["row"])),
                        ("column_key", json_text(&c["column"])),
                        ("expected", json_text(&c["expected"])),
                        ("actual", json_text(&c["actual"])),
                        ("diff", json_text(&c["diff"])),
                        ("page", json_text(&c["page"])),
                    ]));
                }
            }
            "indicators" => {
                for p in r["performance"].as_array().unwrap() {
                    for i in p["indicators"].as_array().unwrap() {
                        out.push(row(&[
                            ("filing_id", fid.clone()),
                            ("project", json_text(&p["project"])),
                            ("kind", json_text(&p["kind"])),
                            ("name", json_text(&i["name"])),
                            ("level1", json_text(&i["level1"])),
                            ("target", json_text(&i["target"])),
                            ("actual", json_text(&i["actual"])),
                            ("score", json_text(&i["score"])),
                        ]));
                    }
                }
            }
            _ => unreachable!(),
        }
    }
    out
}

/// Rows projected on the expected columns, sorted, for a multiset compare.
fn project(rows: &[Row], like: &[Row]) -> Vec<Vec<Option<String>>> {
    let mut columns: Vec<&String> = like.first().map(|r| r.keys().collect()).unwrap_or_default();
    columns.sort();
    let mut v: Vec<Vec<Option<String>>> = rows
        .iter()
        .map(|r| {
            columns
                .iter()
                .map(|c| {
                    normal(
                        c,
                        r.get(*c).unwrap_or_else(|| panic!("no column {c}")).clone(),
                    )
                })
                .collect()
        })
        .collect();
    v.sort();
    v
}

fn assert_same(format: &str, relation: &str, got: &[Row]) {
    let want = expected(relation);
    assert!(!want.is_empty(), "the samples have {relation}");
    assert_eq!(got.len(), want.len(), "{format} {relation}: row count");
    let (g, w) = (project(got, &want), project(&want, &want));
    for (a, b) in g.iter().zip(&w) {
        assert_eq!(a, b, "{format} {relation}");
    }
}

fn exported(format: &str, name: &str) -> PathBuf {
    let (_, harvest) = harvest();
    let out = harvest.with_file_name(name);
    juesuan(&[
        "export",
        harvest.to_str().unwrap(),
        "--format",
        format,
        "-o",
        out.to_str().unwrap(),
    ]);
    out
}

#[test]
fn sqlite_holds_exactly_the_records() {
    let db = rusqlite::Connection::open(exported("sqlite", "out.db")).unwrap();
    let read = |relation: &str| -> Vec<Row> {
        let mut stmt = db.prepare(&format!("SELECT * FROM {relation}")).unwrap();
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        stmt.query_map([], |r| {
            Ok(names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let v = match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Null => None,
                        rusqlite::types::ValueRef::Integer(i) => Some(i.to_string()),
                        rusqlite::types::ValueRef::Real(x) => Some(x.to_string()),
                        rusqlite::types::ValueRef::Text(t) => {
                            Some(String::from_utf8(t.to_vec()).unwrap())
                        }
                        rusqlite::types::ValueRef::Blob(_) => panic!("no blobs"),
                    };
                    (n.clone(), v)
                })
                .collect())
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    for relation in ["cells", "checks", "indicators"] {
        assert_same("sqlite", relation, &read(relation));
    }
    // The amounts are the printed text, digits and scale.
    let printed: String = db
        .query_row(
            "SELECT value FROM cells WHERE value LIKE '%.%' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(printed.contains('.'));
    // The numeric view sums; filings has one row per filing, its errors named.
    let sum: f64 = db
        .query_row("SELECT sum(value) FROM cells_numeric", [], |r| r.get(0))
        .unwrap();
    assert!(sum > 0.0);
    let errors: String = db
        .query_row(
            "SELECT errors FROM filings WHERE path LIKE '%garbage.pdf'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(errors, "not_pdf");
    let n: i64 = db
        .query_row("SELECT count(*) FROM filings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n as usize, records().len());
}

#[test]
fn a_filing_given_twice_is_exported_once() {
    let (jsonl, harvest) = harvest();
    let twice = harvest.with_file_name("twice.jsonl");
    // Plus the cut last line of a killed run.
    std::fs::write(&twice, format!("{jsonl}{jsonl}{{\"schema\": \"juesu")).unwrap();
    let out = twice.with_file_name("twice.db");
    juesuan(&[
        "export",
        twice.to_str().unwrap(),
        "--format",
        "sqlite",
        "-o",
        out.to_str().unwrap(),
    ]);
    let db = rusqlite::Connection::open(out).unwrap();
    let count = |t: &str| -> usize {
        db.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap() as usize
    };
    assert_eq!(count("filings"), records().len());
    assert_eq!(count("cells"), expected("cells").len());
}

#[test]
fn parquet_holds_exactly_the_records() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let dir = exported("parquet", "parquet");
    for relation in ["cells", "checks", "indicators"] {
        let file = std::fs::File::open(dir.join(format!("{relation}.parquet"))).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        let rows: Vec<Row> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| {
                r.unwrap()
                    .get_column_iter()
                    .map(|(name, field)| {
                        let v = match field {
                            Field::Null => None,
                            Field::Str(s) => Some(s.clone()),
                            Field::Long(i) => Some(i.to_string()),
                            Field::Double(x) => Some(x.to_string()),
                            Field::Decimal(d) => {
                                let bytes: [u8; 16] = d.data().try_into().expect("16 bytes");
                                let unscaled = i128::from_be_bytes(bytes);
                                Some(
                                    Decimal::from_i128_with_scale(unscaled, d.scale() as u32)
                                        .to_string(),
                                )
                            }
                            other => panic!("{name}: unexpected {other:?}"),
                        };
                        (name.clone(), v)
                    })
                    .collect()
            })
            .collect();
        assert_same("parquet", relation, &rows);
    }
}

#[test]
fn csv_holds_exactly_the_records() {
    let dir = exported("csv", "csv");
    for relation in ["cells", "checks", "indicators"] {
        let text = std::fs::read_to_string(dir.join(format!("{relation}.csv"))).unwrap();
        let text = text
            .strip_prefix('\u{feff}')
            .expect("a byte-order mark for Excel");
        let mut records = parse_csv(text).into_iter();
        let header = records.next().unwrap();
        let rows: Vec<Row> = records
            .map(|r| {
                assert_eq!(r.len(), header.len());
                header
                    .iter()
                    .cloned()
                    .zip(r.into_iter().map(|f| Some(f).filter(|f| !f.is_empty())))
                    .collect()
            })
            .collect();
        assert_same("csv", relation, &rows);
    }
}

/// RFC 4180: fields split by commas, quoted when they hold commas, quotes
/// or line breaks; records end with CRLF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn every_sample_record_is_valid_against_the_json_schema() {
    let schema: Value = serde_json::from_slice(&juesuan(&["schema"])).unwrap();
    for r in records() {
        let mut errors = Vec::new();
        validate(&schema, &schema, &r, "", &mut errors);
        assert!(errors.is_empty(), "{}: {errors:#?}", r["source"]["path"]);
    }
    // The validator is not blind: a wrong type, a missing field, an unknown status.
    let mut bad = records().remove(0);
    bad["source"]["pages"] = Value::String("26".into());
    bad.as_object_mut().unwrap().remove("filing");
    bad["checks"][0]["status"] = Value::String("maybe".into());
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "", &mut errors);
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

/// A validator for the keywords `juesuan schema` uses; any other keyword
/// is an error, so that a schema it cannot judge never passes silently.
fn validate(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let Some(s) = schema.as_object() else {
        return;
    };
    for (k, rule) in s {
        match k.as_str() {
            "$schema" | "$defs" | "title" | "description" | "default" | "format" => {}
            "$ref" => {
                let name = rule.as_str().unwrap().strip_prefix("#/$defs/").unwrap();
                validate(root, &root["$defs"][name], v, at, errors);
            }
            "type" => {
                let types: Vec<&str> = match rule {
                    Value::Array(a) => a.iter().map(|t| t.as_str().unwrap()).collect(),
                    t => vec![t.as_str().unwrap()],
                };
                let ok = types.iter().any(|t| match *t {
                    "object" => v.is_object(),
                    "array" => v.is_array(),
                    "string" => v.is_string(),
                    "number" => v.is_number(),
                    "integer" => v.is_u64() || v.is_i64(),
                    "boolean" => v.is_boolean(),
                    "null" => v.is_null(),
                    other => panic!("type {other}"),
                });
                if !ok {
                    errors.push(format!("{at}: {v} is not {types:?}"));
                }
            }
            "enum" => {
                if !rule.as_array().unwrap().contains(v) {
                    errors.push(format!("{at}: {v} not in {rule}"));
                }
            }
            "anyOf" => {
                let any = rule.as_array().unwrap().iter().any(|alt| {
                    let mut e = Vec::new();
                    validate(root, alt, v, at, &mut e);
                    e.is_empty()
                });
                if !any {
                    errors.push(format!("{at}: {v} matches none of anyOf"));
                }
            }
            "oneOf" => {
                let matching = rule
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|alt| {
                        let mut e = Vec::new();
                        validate(root, alt, v, at, &mut e);
                        e.is_empty()
                    })
                    .count();
                if matching != 1 {
                    errors.push(format!("{at}: {v} matches {matching} of oneOf"));
                }
            }
            "const" => {
                if rule != v {
                    errors.push(format!("{at}: {v} is not {rule}"));
                }
            }
            "required" => {
                if let Some(o) = v.as_object() {
                    for f in rule.as_array().unwrap() {
                        if !o.contains_key(f.as_str().unwrap()) {
                            errors.push(format!("{at}: {f} missing"));
                        }
                    }
                }
            }
            "properties" => {
                if let Some(o) = v.as_object() {
                    for (name, sub) in rule.as_object().unwrap() {
                        if let Some(x) = o.get(name) {
                            validate(root, sub, x, &format!("{at}/{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                let known = s.get("properties").and_then(Value::as_object);
                if let Some(o) = v.as_object() {
                    for (name, x) in o {
                        if known.is_some_and(|k| k.contains_key(name)) {
                            continue;
                        }
                        match rule {
                            Value::Bool(false) => errors.push(format!("{at}/{name}: not allowed")),
                            Value::Bool(true) => {}
                            sub => validate(root, sub, x, &format!("{at}/{name}"), errors),
                        }
                    }
                }
            }
            "items" => {
                for (i, x) in v.as_array().into_iter().flatten().enumerate() {
                    validate(root, rule, x, &format!("{at}/{i}"), errors);
                }
            }
            "minItems" | "maxItems" => {
                if let Some(a) = v.as_array() {
                    let n = rule.as_u64().unwrap() as usize;
                    if (k == "minItems" && a.len() < n) || (k == "maxItems" && a.len() > n) {
                        errors.push(format!("{at}: {} items, {k} {n}", a.len()));
                    }
                }
            }
            "minimum" | "maximum" => {
                if let (Some(x), Some(bound)) = (v.as_f64(), rule.as_f64()) {
                    if (k == "minimum" && x < bound) || (k == "maximum" && x > bound) {
                        errors.push(format!("{at}: {x} beyond {k} {bound}"));
                    }
                }
            }
            other => panic!("the validator does not know the keyword {other}"),
        }
    }
}

#[test]
fn stats_summarize_the_harvest() {
    let (_, harvest) = harvest();
    let out =
        String::from_utf8(juesuan(&["stats", harvest.to_str().unwrap(), "--top", "1"])).unwrap();
    let records = records();
    assert!(
        out.starts_with(&format!("{} filings", records.len())),
        "{out}"
    );
    // The filing with the most failed checks, and how many.
    let fails = |r: &Value| {
        r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == "fail")
            .count()
    };
    let worst = records.iter().max_by_key(|r| fails(r)).unwrap();
    let line = format!(
        "{:>5}  {}",
        fails(worst),
        worst["source"]["path"].as_str().unwrap()
    );
    assert!(out.trim_end().ends_with(&line), "{out}");
    // Error records by code: the unreadable file.
    assert!(out.contains("\n  not_pdf "), "{out}");
    // Checks by rule and status: every rule the records hold has a line.
    for c in records.iter().flat_map(|r| r["checks"].as_array().unwrap()) {
        let rule = c["rule"].as_str().unwrap();
        assert!(out.contains(&format!("\n  {rule} ")), "{rule}: {out}");
    }
}
