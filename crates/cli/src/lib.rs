//! The run over many filings, shared by the `juesuan` binary and the
//! Python package (`bindings/python`): which files a run reads, and each
//! file's way from path to record.

pub mod inputs;
pub mod pipeline;
