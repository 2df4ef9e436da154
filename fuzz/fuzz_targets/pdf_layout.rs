//! The layout on what the PDF layer reads from arbitrary bytes: glyphs
//! and rulings of every page (at most 20) into lines and grids (ruled
//! lattices, unruled alignment, merged and page-cut cells). Must never
//! panic.
#![no_main]

use juesuan_extract::{layout, pdf::PdfDocument};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(pdf) = PdfDocument::open(data) else {
        return;
    };
    for n in 1..=pdf.page_count().min(20) {
        if let Ok(page) = pdf.page(n) {
            let _ = layout::page_blocks(&page);
        }
    }
});
