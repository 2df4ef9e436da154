//! juesuan-normalize: a [`juesuan_extract::Document`] → the canonical
//! record of `SCHEMA.md`: tables keyed by canonical ids, rows and columns;
//! 绩效自评表; narrative facts; and the checks of every identity the
//! filing promises.

mod aliases;
pub mod checks;
mod damage;
pub mod facts;
pub mod filing;
pub mod model;
pub mod performance;
mod schema;
pub mod tables;
pub mod text;

pub use model::*;
pub use schema::json_schema;

use juesuan_extract::Document;

/// The record of a filing that could not be read: no tables, one error.
pub fn failed(source: Source, error: Diagnostic) -> Record {
    Record {
        schema: SCHEMA.into(),
        source,
        filing: Filing::default(),
        tables: Vec::new(),
        performance: Vec::new(),
        facts: Default::default(),
        checks: Vec::new(),
        diagnostics: vec![error],
    }
}

/// Everything the record holds, from what extraction recovered.
pub fn normalize(mut source: Source, doc: &Document) -> Record {
    source.pages = (doc.pages > 0).then_some(doc.pages);
    source.producer = doc.producer.clone();
    let mut diagnostics = doc.diagnostics.clone();
    let (filing, not_a_filing) = filing::recognise(doc);
    if let Some(why) = &not_a_filing {
        diagnostics.push(Diagnostic::warn("not_a_filing", why.clone(), None));
    }
    let (tables, table_diags) = tables::extract(doc, &filing);
    diagnostics.extend(table_diags);
    let (performance, perf_diags) = performance::extract(doc);
    diagnostics.extend(perf_diags);
    let narrative = facts::narrative::Narrative::new(doc.lines());
    // A document that is no department's filing states no department's
    // facts: its figures (a city's totals) would read as one's.
    let facts = match not_a_filing {
        Some(_) => Default::default(),
        None => facts::extract_from(&narrative),
    };
    let mut checks = checks::run(
        &filing,
        &tables,
        &facts,
        &performance,
        Some(&narrative),
        &diagnostics,
    );
    damage::unverify(&mut checks, &tables, &performance, &diagnostics);
    if facts::is_template(&narrative) {
        diagnostics.push(Diagnostic::warn(
            "template",
            "a blank template: placeholders (XX) stand for every amount, so the narrative states nothing to check",
            None,
        ));
    }
    // Page 0 means "no pages" (a text dump): say nothing rather than 0.
    for d in &mut diagnostics {
        d.page = d.page.filter(|&p| p > 0);
    }
    Record {
        schema: SCHEMA.into(),
        source,
        filing,
        tables,
        performance,
        facts,
        checks,
        diagnostics,
    }
}
