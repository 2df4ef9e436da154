//! Text dumps on arbitrary bytes: decoding, the line/grid split (tabs
//! or aligned columns) and the directory walk's sniff must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = juesuan_extract::textdump::read(data);
    let _ = juesuan_extract::textdump::looks_like_dump(data);
});
