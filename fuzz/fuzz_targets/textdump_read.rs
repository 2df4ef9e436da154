//! Text dumps on arbitrary bytes: decoding and the line/grid split must
//! never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = juesuan_extract::textdump::read(data);
});
