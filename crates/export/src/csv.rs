//! CSV, one file per relation. Amounts are written with their printed
//! digits (`325200.00`), so nothing is lost to a float.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::{Error, Relation, Value};

pub fn write(relations: &[Relation], dir: &Path, bom: bool) -> Result<(), Error> {
    std::fs::create_dir_all(dir)?;
    for rel in relations {
        let path = dir.join(format!("{}.csv", rel.name));
        let mut out = BufWriter::new(std::fs::File::create(&path)?);
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let header: Vec<&str> = rel.columns.iter().map(|(n, _)| *n).collect();
        line(&mut out, header.iter().map(|s| field(s)))?;
        for row in &rel.rows {
            line(&mut out, row.iter().map(|v| field(&v.to_string())))?;
        }
        out.flush()?;
    }
    Ok(())
}

fn line(out: &mut impl Write, fields: impl Iterator<Item = String>) -> std::io::Result<()> {
    let fields: Vec<String> = fields.collect();
    out.write_all(fields.join(",").as_bytes())?;
    // RFC 4180 ends records with CRLF; Excel and every reader expect it.
    out.write_all(b"\r\n")
}

/// A field quoted when it holds a comma, quote or line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

impl std::fmt::Display for Value {
    /// The text form every format shares: empty for null, amounts with
    /// their printed scale.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Null => Ok(()),
            Value::Text(s) => f.write_str(s),
            Value::Int(i) => write!(f, "{i}"),
            Value::Real(x) => write!(f, "{x}"),
            Value::Amount(d) => write!(f, "{d}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("一般公共服务支出"), "一般公共服务支出");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("说\"明\""), "\"说\"\"明\"\"\"");
        assert_eq!(field("24行\n= 1+2"), "\"24行\n= 1+2\"");
    }
}
