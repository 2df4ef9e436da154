//! Parquet, one file per relation, written with the parquet crate's column
//! writers (no arrow: half the build). Amounts are `DECIMAL(38, s)`, `s`
//! the largest scale the column holds, so every value is exact; the printed
//! scale of each value (`325200.00` against `325200`) is the CSV's and the
//! SQLite's to keep.

use std::path::Path;
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{
    ByteArray, ByteArrayType, DataType, DoubleType, FixedLenByteArray, FixedLenByteArrayType,
    Int64Type,
};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::types::Type;

use crate::{Error, Kind, Relation, Value};

/// Rows per row group: readers fetch a group at a time.
const ROW_GROUP: usize = 1 << 20;
const PRECISION: u32 = 38;

pub fn write(relations: &[Relation], dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir)?;
    for rel in relations {
        let scales: Vec<u32> = (0..rel.columns.len())
            .map(|i| {
                rel.rows
                    .iter()
                    .filter_map(|r| match &r[i] {
                        Value::Amount(d) => Some(d.scale()),
                        _ => None,
                    })
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let fields = rel
            .columns
            .iter()
            .zip(&scales)
            .map(|(&(name, kind), &scale)| {
                let b = match kind {
                    Kind::Text => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                        .with_logical_type(Some(LogicalType::String)),
                    Kind::Int => Type::primitive_type_builder(name, Physical::INT64),
                    Kind::Real => Type::primitive_type_builder(name, Physical::DOUBLE),
                    Kind::Amount => {
                        Type::primitive_type_builder(name, Physical::FIXED_LEN_BYTE_ARRAY)
                            .with_length(16)
                            .with_logical_type(Some(LogicalType::decimal(
                                scale as i32,
                                PRECISION as i32,
                            )))
                            .with_precision(PRECISION as i32)
                            .with_scale(scale as i32)
                    }
                };
                b.with_repetition(Repetition::OPTIONAL)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let schema = Arc::new(
            Type::group_type_builder("schema")
                .with_fields(fields)
                .build()?,
        );
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .build(),
        );
        let file = std::fs::File::create(dir.join(format!("{}.parquet", rel.name)))?;
        let mut writer = SerializedFileWriter::new(file, schema, props)?;
        for rows in rel.rows.chunks(ROW_GROUP) {
            let mut group = writer.next_row_group()?;
            let mut i = 0;
            while let Some(mut column) = group.next_column()? {
                let defs: Vec<i16> = rows
                    .iter()
                    .map(|r| i16::from(r[i] != Value::Null))
                    .collect();
                let present = rows.iter().map(|r| &r[i]).filter(|v| **v != Value::Null);
                match rel.columns[i].1 {
                    Kind::Text => put::<ByteArrayType>(
                        &mut column,
                        present.map(|v| ByteArray::from(v.to_string().into_bytes())),
                        &defs,
                    )?,
                    Kind::Int => put::<Int64Type>(
                        &mut column,
                        present.map(|v| match v {
                            Value::Int(n) => *n,
                            other => unreachable!("an integer column holds {other:?}"),
                        }),
                        &defs,
                    )?,
                    Kind::Real => put::<DoubleType>(
                        &mut column,
                        present.map(|v| match v {
                            Value::Real(x) => *x,
                            other => unreachable!("a real column holds {other:?}"),
                        }),
                        &defs,
                    )?,
                    Kind::Amount => put::<FixedLenByteArrayType>(
                        &mut column,
                        present
                            .map(|v| decimal(v, scales[i]))
                            .collect::<Result<Vec<_>, _>>()?,
                        &defs,
                    )?,
                }
                column.close()?;
                i += 1;
            }
            group.close()?;
        }
        writer.close()?;
    }
    Ok(())
}

/// One column chunk: the present values, and per row whether it has one.
fn put<T: DataType>(
    column: &mut SerializedColumnWriter<'_>,
    values: impl IntoIterator<Item = T::T>,
    defs: &[i16],
) -> Result<(), Error> {
    let values: Vec<T::T> = values.into_iter().collect();
    column.typed::<T>().write_batch(&values, Some(defs), None)?;
    Ok(())
}

/// An amount as the 16-byte big-endian two's complement unscaled integer
/// at `scale` that Parquet's DECIMAL stores.
fn decimal(v: &Value, scale: u32) -> Result<FixedLenByteArray, Error> {
    let Value::Amount(d) = v else {
        unreachable!("an amount column holds {v:?}")
    };
    let unscaled = 10i128
        .checked_pow(scale - d.scale())
        .and_then(|f| d.mantissa().checked_mul(f))
        .filter(|u| u.unsigned_abs() < 10u128.pow(PRECISION))
        .ok_or_else(|| Error(format!("{d} does not fit DECIMAL({PRECISION}, {scale})")))?;
    Ok(FixedLenByteArray::from(unscaled.to_be_bytes().to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unscaled(text: &str, scale: u32) -> Result<i128, Error> {
        let v = decimal(&Value::Amount(text.parse().unwrap()), scale)?;
        Ok(i128::from_be_bytes(v.data().try_into().unwrap()))
    }

    #[test]
    fn amounts_are_rescaled_exactly_or_refused() {
        assert_eq!(unscaled("325200", 2).unwrap(), 32520000);
        assert_eq!(unscaled("-0.7", 2).unwrap(), -70);
        assert_eq!(unscaled("2855.85", 2).unwrap(), 285585);
        // The largest Decimal (29 digits) at scale 10 needs 39: one too many.
        assert!(unscaled("79228162514264337593543950335", 10).is_err());
    }
}
