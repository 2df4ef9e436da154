//! `make bench-pair`: pairing a synthetic harvest of 100,000 records made
//! from real ones (`tests/common/synthetic.rs`): the sort-and-join that
//! finds the pairs, checked against the answer, then building every pair's
//! lines and checks from the two records.

#[path = "../tests/common/synthetic.rs"]
mod synthetic;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use juesuan_pair::{compare, Harvest};
use synthetic::Synthetic;

fn main() {
    let n: usize = std::env::var("PAIR_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/records.jsonl");
    let s = Synthetic::new(n, &fixtures);
    let heads: Vec<_> = (0..s.specs.len())
        .map(|i| (s.filing(i), Synthetic::sha256(i)))
        .collect();

    let start = Instant::now();
    let mut harvest = Harvest::default();
    for (i, (filing, sha)) in heads.iter().enumerate() {
        harvest.push(i, filing, sha);
    }
    let matches = harvest.pairs();
    let pairing = start.elapsed();

    let got: BTreeSet<_> = matches
        .iter()
        .map(|m| (m.kind, m.year, m.base, m.last))
        .collect();
    assert_eq!(got, s.expected, "the pairs found are not the answer");

    // Making the two records (clones of the fixtures) is timed apart.
    let mut building = std::time::Duration::ZERO;
    let mut lines = 0;
    let mut checks = 0;
    for m in &matches {
        let (base, last) = (s.record(m.base), s.record(m.last));
        let start = Instant::now();
        let pair = compare(m, &base, &last);
        building += start.elapsed();
        lines += pair.lines.len();
        checks += pair.checks.len();
    }
    println!(
        "pairing {} records: {} pairs found in {:.3} s (exact: no pair missed, no false pair)",
        heads.len(),
        matches.len(),
        pairing.as_secs_f64()
    );
    println!(
        "building them: {lines} lines, {checks} checks in {:.2} s ({:.0} pairs/s, one thread)",
        building.as_secs_f64(),
        matches.len() as f64 / building.as_secs_f64()
    );
}
