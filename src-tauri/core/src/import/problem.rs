//! What is wrong with an import file, and where. A leaf ([`crate::error::Error`] carries
//! these), so it depends on nothing else of the crate.

use std::fmt;

use crate::message::{Key, Message};

/// Where in the file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// A line of the file, counted from 1.
    Line(usize),
    /// A place in a JSON file, e.g. `shifts[3].end`.
    Path(String),
    /// The file as a whole.
    File,
}

/// One thing wrong with an import file. The message names what to fix; it never repeats a
/// personnummer or name from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    pub position: Position,
    pub message: Message,
}

/// The Swedish text with its place (`rad 3: …`, `shifts[0]: …`), as the CLI prints it.
impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.position {
            Position::Line(line) => Message::new(Key::ImportAtLine)
                .number("line", *line as i64)
                .text("problem", self.message.to_string())
                .fmt(f),
            Position::Path(path) => write!(f, "{path}: {}", self.message),
            Position::File => self.message.fmt(f),
        }
    }
}
