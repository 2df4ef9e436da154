//! The record's JSON Schema, generated from the model types: what a line
//! of `extract` output is (`juesuan schema`).

use serde_json::Value;

use crate::model::Record;

/// The JSON Schema (draft 2020-12) of a record as written: a field left out
/// when empty is optional, every other one required.
pub fn json_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema =
        serde_json::to_value(generator.into_root_schema_for::<Record>()).expect("a schema is JSON");
    amounts_as_numbers(&mut schema);
    schema
}

/// schemars describes a `Decimal` as a string with a digits pattern; ours
/// are written as JSON numbers with the printed digits (serde's arbitrary
/// precision), so the schema says `number`.
fn amounts_as_numbers(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let decimal = map
                .get("pattern")
                .and_then(Value::as_str)
                .is_some_and(|p| p.starts_with(r"^-?\d+(\.\d+)?"));
            if decimal {
                map.remove("pattern");
                if let Some(t) = map.get_mut("type") {
                    match t {
                        Value::String(s) if s == "string" => *s = "number".into(),
                        Value::Array(types) => types
                            .iter_mut()
                            .filter(|t| t.as_str() == Some("string"))
                            .for_each(|t| *t = "number".into()),
                        _ => {}
                    }
                }
            }
            map.values_mut().for_each(amounts_as_numbers);
        }
        Value::Array(items) => items.iter_mut().for_each(amounts_as_numbers),
        _ => {}
    }
}
