//! Damaged bytes never take the process down: every page of a filing with
//! bytes overwritten here and there either reads or fails with an error
//! that names it.

use juesuan_extract::pdf::{PdfDocument, PdfError};

/// Deterministic byte damage: `count` runs of 16 bytes overwritten with
/// pseudo-random values from `seed`.
fn damage(bytes: &[u8], seed: u64, count: usize) -> Vec<u8> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut out = bytes.to_vec();
    for _ in 0..count {
        let at = next() % out.len();
        for b in out.iter_mut().skip(at).take(16) {
            *b = next() as u8;
        }
    }
    out
}

#[test]
fn damaged_filings_fail_per_page_not_per_process() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/pdf/shanghai-template-2024-final.pdf"
    );
    let bytes = std::fs::read(path).unwrap();
    let (mut opened, mut pages_read, mut page_errors) = (0, 0, 0);
    for seed in 0..12 {
        let damaged = damage(&bytes, seed, 1 + seed as usize % 8);
        let doc = match PdfDocument::open(&damaged) {
            Ok(doc) => doc,
            Err(PdfError::Damaged(_)) => continue,
            Err(e) => panic!("seed {seed}: unexpected {e}"),
        };
        opened += 1;
        for n in 1..=doc.page_count() {
            match doc.page(n) {
                Ok(page) => {
                    assert_eq!(page.number, n);
                    pages_read += 1;
                }
                Err(e) => {
                    assert!(e.to_string().starts_with(&format!("page {n}:")), "{e}");
                    page_errors += 1;
                }
            }
        }
    }
    eprintln!("opened {opened}/12, pages read {pages_read}, page errors {page_errors}");
    // Most damage hits page content or fonts, not the whole file.
    assert!(opened >= 6, "only {opened} of 12 damaged files opened");
}
