//! `juesuan._juesuan`: the Rust half of the Python package. Records cross
//! as JSON lines (their amounts exact in the text); the Python half turns
//! them into dicts with `decimal.Decimal` amounts.

use std::path::PathBuf;
use std::time::Duration;

use juesuan::{inputs, pipeline};
use juesuan_export::{Relations, Value};
use juesuan_normalize::Record;
use pyo3::exceptions::{PyFileNotFoundError, PyValueError};
use pyo3::prelude::*;
use pyo3::IntoPyObjectExt;

/// The JSON line of every filing under `paths` (files or directories), in
/// sorted path order; a file that cannot be read gives an error record.
#[pyfunction]
#[pyo3(signature = (paths, jobs=None, timeout=60))]
fn extract_jsonl(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    jobs: Option<usize>,
    timeout: u64,
) -> PyResult<Vec<String>> {
    let found = inputs::collect(&paths);
    if !found.missing.is_empty() {
        let missing: Vec<String> = found.missing.iter().map(|p| p.display().to_string()).collect();
        return Err(PyFileNotFoundError::new_err(format!(
            "no such file or directory: {}",
            missing.join(", ")
        )));
    }
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let opts = pipeline::Options {
        jobs,
        timeout: Duration::from_secs(timeout.max(1)),
        selection: Default::default(),
    };
    Ok(py.detach(|| {
        let mut lines = Vec::new();
        pipeline::run(
            &found.files,
            &opts,
            |r| {
                lines.push(serde_json::to_string(r).expect("a record always serializes"));
                true
            },
            || {},
        );
        lines
    }))
}

/// One relation of the export (`cells`, `checks`, …) of the records given
/// as JSON lines: its column names and rows, amounts as `Decimal`.
#[pyfunction]
fn relation(py: Python<'_>, name: &str, jsonl: Vec<String>) -> PyResult<(Vec<String>, Vec<Py<PyAny>>)> {
    let records = jsonl
        .iter()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str::<Record>(l)
                .map_err(|e| PyValueError::new_err(format!("record {i} is not a juesuan record: {e}")))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let rel = Relations::of(&records)
        .into_iter()
        .find(|r| r.name == name)
        .ok_or_else(|| PyValueError::new_err(format!("no relation {name:?}")))?;
    let decimal = py.import("decimal")?.getattr("Decimal")?;
    let rows = rel
        .rows
        .iter()
        .map(|row| {
            let values = row
                .iter()
                .map(|v| match v {
                    Value::Null => Ok(py.None()),
                    Value::Text(s) => s.into_py_any(py),
                    Value::Int(i) => i.into_py_any(py),
                    Value::Real(x) => x.into_py_any(py),
                    Value::Amount(d) => Ok(decimal.call1((d.to_string(),))?.unbind()),
                })
                .collect::<PyResult<Vec<_>>>()?;
            pyo3::types::PyTuple::new(py, values)?.into_py_any(py)
        })
        .collect::<PyResult<Vec<_>>>()?;
    let columns = rel.columns.iter().map(|(n, _)| n.to_string()).collect();
    Ok((columns, rows))
}

#[pymodule]
fn _juesuan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(relation, m)?)?;
    Ok(())
}
