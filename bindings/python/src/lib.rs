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
    let found = inputs::collect(&paths, b'\n')
        .map_err(|e| PyFileNotFoundError::new_err(format!("reading the paths: {e}")))?;
    if !found.missing.is_empty() {
        let missing: Vec<String> = found
            .missing
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        return Err(PyFileNotFoundError::new_err(format!(
            "no such file or directory: {}",
            missing.join(", ")
        )));
    }
    let opts = pipeline::Options {
        jobs: pipeline::jobs(jobs),
        timeout: Duration::from_secs(timeout.max(1)),
        selection: Default::default(),
    };
    Ok(py.detach(|| {
        let mut lines = Vec::new();
        // Lines kept in memory: writing them cannot fail.
        let _ = pipeline::run(
            &found.files,
            &opts,
            |r| {
                lines.push(serde_json::to_string(r).expect("a record always serializes"));
                Ok(())
            },
            || {},
        );
        lines
    }))
}

/// One relation of the export (`cells`, `checks`, …) of the records (dicts
/// as `extract` gives them): its column names and rows, amounts as `Decimal`.
#[pyfunction]
fn relation(
    py: Python<'_>,
    name: &str,
    records: Vec<Bound<'_, PyAny>>,
) -> PyResult<(Vec<String>, Vec<Py<PyAny>>)> {
    let decimal = py.import("decimal")?.getattr("Decimal")?;
    let records = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            serde_json::from_value::<Record>(json(r, &decimal)?).map_err(|e| {
                PyValueError::new_err(format!("record {i} is not a juesuan record: {e}"))
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    let rel = Relations::of(&records)
        .into_iter()
        .find(|r| r.name == name)
        .ok_or_else(|| PyValueError::new_err(format!("no relation {name:?}")))?;
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

/// A Python value as JSON, a `Decimal` as the number with its digits.
fn json(o: &Bound<'_, PyAny>, decimal: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
    use serde_json::Value as J;
    let number = |text: String| {
        text.parse::<serde_json::Number>()
            .map(J::Number)
            .map_err(|_| PyValueError::new_err(format!("{text} is not a finite number")))
    };
    Ok(if o.is_none() {
        J::Null
    } else if o.is_instance_of::<PyBool>() {
        J::Bool(o.extract()?)
    } else if o.is_instance_of::<PyInt>() || o.is_instance_of::<PyFloat>() {
        number(o.repr()?.to_string())?
    } else if o.is_instance(decimal)? {
        number(o.str()?.to_string())?
    } else if let Ok(s) = o.cast::<PyString>() {
        J::String(s.to_string())
    } else if let Ok(d) = o.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            map.insert(k.str()?.to_string(), json(&v, decimal)?);
        }
        J::Object(map)
    } else if o.is_instance_of::<PyList>() || o.is_instance_of::<PyTuple>() {
        J::Array(
            o.try_iter()?
                .map(|x| json(&x?, decimal))
                .collect::<PyResult<_>>()?,
        )
    } else {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "not JSON: {}",
            o.get_type().name()?
        )));
    })
}

#[pymodule]
fn _juesuan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(relation, m)?)?;
    Ok(())
}
