//! [`BlankettError`]: why a blankett could not be used or filled, and [`FORM_VERSION`], the
//! one version of the form Timbok knows (its messages name it). A leaf (carried by
//! [`crate::error::Error`]), so it imports nothing of the crate.

/// The version Timbok fills in, as FK prints it in the form's margin.
pub const FORM_VERSION: &str = "FK 3059 (016 F 003)";

/// Why a blankett could not be used or filled. Display is for logs; the user's text is
/// `Error::message()`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlankettError {
    /// No blankett 3059 is stored yet.
    #[error("blankett 3059 is not stored")]
    Missing,
    /// The file is not a PDF that can be read.
    #[error("the file is not a readable PDF")]
    NotPdf,
    /// A PDF, but not the version of the form Timbok knows. `reason` is for the log (page
    /// count, size or digest), never shown with a name or number in it.
    #[error("not blankett {expected}", expected = FORM_VERSION)]
    UnknownVersion { reason: String },
    /// A value does not fit its box even at the smallest font size. `field` names the box.
    #[error("the value of {field} does not fit its box")]
    TooLong {
        field: &'static str,
        label: &'static str,
    },
    /// More calculation periods than section 4 has boxes for (6).
    #[error("{count} calculation periods, the form has room for 6")]
    TooManyPeriods { count: usize },
    /// Writing the PDF failed (lopdf).
    #[error("writing the filled-in form failed")]
    Write(String),
}

impl BlankettError {
    /// Stable code for the IPC edge (docs/ipc.md).
    pub fn code(&self) -> &'static str {
        match self {
            BlankettError::Missing => "blankett_missing",
            BlankettError::NotPdf | BlankettError::UnknownVersion { .. } => "blankett_unknown",
            BlankettError::TooLong { .. } | BlankettError::TooManyPeriods { .. } => "invalid_input",
            BlankettError::Write(_) => "internal",
        }
    }
}
