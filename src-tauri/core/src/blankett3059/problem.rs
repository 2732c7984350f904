//! [`BlankettError`]: why a blankett could not be used or filled, and [`FORM_VERSION`], the
//! one version of the form Timbok knows (its messages name it). A leaf (carried by
//! [`crate::error::Error`]), so it imports nothing of the crate.

/// The version Timbok fills in, as FK prints it in the form's margin.
pub const FORM_VERSION: &str = "FK 3059 (016 F 003)";

/// Why a blankett could not be used or filled. Display is the Swedish text for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlankettError {
    /// No blankett 3059 is stored yet.
    #[error("Timbok behöver Försäkringskassans blankett 3059 för att skriva ut tidsredovisningen på papper. Hämta den på forsakringskassan.se under Blanketter (\"Tidsredovisning assistansersättning 3059\") och välj filen i Timbok.")]
    Missing,
    /// The file is not a PDF that can be read.
    #[error("Filen går inte att läsa som PDF. Välj blankett 3059 (Tidsredovisning assistansersättning) som du har hämtat från forsakringskassan.se.")]
    NotPdf,
    /// A PDF, but not the version of the form Timbok knows. `reason` is for the log (page
    /// count, size or digest), never shown with a name or number in it.
    #[error("Filen är inte den blankett 3059 som Timbok kan fylla i (version {expected}). Hämta blanketten \"Tidsredovisning assistansersättning 3059\" på forsakringskassan.se och välj den filen. Om Försäkringskassan har gett ut en ny version behöver du en nyare Timbok.", expected = FORM_VERSION)]
    UnknownVersion { reason: String },
    /// A value does not fit its box even at the smallest font size. `field` names the box.
    #[error("Uppgiften i fältet \"{label}\" är för lång för att få plats på blanketten. Korta den och försök igen.")]
    TooLong {
        field: &'static str,
        label: &'static str,
    },
    /// More calculation periods than section 4 has boxes for (6).
    #[error("Månaden har {count} beräkningsperioder, men blanketten har plats för 6. Skriv de övriga för hand på blanketten eller välj längre beräkningsperioder.")]
    TooManyPeriods { count: usize },
    /// Writing the PDF failed (lopdf).
    #[error("Det gick inte att skapa den ifyllda blanketten. Försök igen; om felet finns kvar, kontakta supporten.")]
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
