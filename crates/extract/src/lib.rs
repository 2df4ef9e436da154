//! juesuan-extract: from the bytes a department published to a [`Document`]:
//! text lines and table grids in reading order, each with its page.
//!
//! Data flows one way: bytes → [`pdf`] pages of glyphs and rulings →
//! [`layout`] lines and grids; or a text dump → [`textdump`] lines and grids.
//! Nothing here knows what a 收入决算表 is; that is `juesuan-normalize`'s job.

mod document;
pub mod layout;
pub mod lines;
mod page;
pub mod pdf;
pub mod textdump;

pub use document::{BBox, Block, Cell, Cut, Diagnostic, Document, Grid, GridRow, Level, Line};
pub use page::{Glyph, Page, Ruling};
