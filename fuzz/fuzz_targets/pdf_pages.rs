//! The PDF layer on arbitrary bytes: open, then read every page (at most
//! 20). `open` and `page` catch panics so that one bad file cannot stop a
//! harvest, but libFuzzer's panic hook aborts on any panic, caught or not:
//! so every panic in lopdf or in our interpreter is found here.
#![no_main]

use juesuan_extract::pdf::PdfDocument;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(pdf) = PdfDocument::open(data) else {
        return;
    };
    let _ = pdf.producer();
    for n in 1..=pdf.page_count().min(20) {
        let _ = pdf.page(n);
    }
});
