//! Wire types of the IPC boundary (docs/ipc.md). They are separate from the domain types of
//! `timbok-core` and converted here, so the JSON the UI sees can stay stable while the domain
//! changes. Field names are camelCase.

mod check;
mod drafts;
mod error;
mod household;
mod invoice;
mod month;
mod reports;
mod safekeeping;
mod settings;
mod start;
mod typescript;

pub use check::FieldCheck;
pub use drafts::{day, DraftWire};
pub use error::{Code, IpcError};
pub use household::{
    AppInfo, Assistant, AssistantInput, Household, HouseholdInput, Person, PersonInput, Provider,
};
pub use invoice::{CallEntry, InvoiceAnswers, InvoiceState, OverviewMonth};
pub use month::{
    month, AssistantMonth, BatchResult, CopyInput, DayInput, DayText, Finding, MonthSheet, Row,
    ScheduleDayWire, Shift, ShiftInput, Totals,
};
pub use reports::{device, SentReport, SigningStarted, SigningStatus, TimeReportsMonth};
pub use safekeeping::{backup_file, AutomaticBackup, BackupContents, BackupSaved, RestoreDone};
pub use settings::{credential, secret, ConnectionCheck, Credentials, EndpointsWire, Settings};
pub use start::Start;
pub use typescript::typescript;
