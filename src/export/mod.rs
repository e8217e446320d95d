//! Writers that turn view models into text for reports, pipes and meeting notes.

pub mod printable;

pub use printable::{PrintableWriter, json_escaped, printable, printable_lines};
