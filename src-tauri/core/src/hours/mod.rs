//! Hours: shifts, the report rows derived from them, totals and findings.
//!
//! Everything here is pure (no storage, no clock reads, no I/O): callers pass "today" where a
//! rule needs it. Times are wall-clock `NaiveDateTime` in Europe/Stockholm, counted in whole
//! minutes (seconds are dropped).
//!
//! * [`month`]: the report month, [`YearMonth`], and its due date.
//! * [`rows`]: [`ReportRow`]s, shifts split at midnight and at month boundaries, in raw
//!   wall-clock time as the ELT time report carries them.
//! * [`totals`]: [`Totals`] of time actually worked, in real Europe/Stockholm time, as the
//!   invoice carries them.
//! * [`findings`]: [`check_month`], the rules checked before signing.
//!
//! # Daylight saving, in short
//!
//! Rows are never adjusted; totals are the real length. A wall-clock time that does not exist
//! (spring, 02:00–02:59 on the last Sunday of March) is read as the moment the clock jumped
//! (03:00 summer time); one that exists twice (autumn, 02:00–02:59 on the last Sunday of
//! October) is read as the first time (summer time). Such rows get a [`DstNote`] and a
//! `dst_nonexistent`/`dst_ambiguous` warning. For every other row the total equals what FK
//! computes from the raw row (−1 h for a row over the spring change, +1 h over the autumn
//! change). Details in [`totals`].

mod clock;
pub mod day_text;
pub mod findings;
mod model;
pub mod month;
pub mod rows;
mod sv;
pub mod totals;

pub use findings::{
    check_month, working_time_window, ActivityKind, ActivityPeriod, AssistantFacts, Finding,
    FindingCode, MonthContext, Period, Severity,
};
pub use model::{AssistantId, Shift, ShiftId, TimeKind};
pub use month::{ParseYearMonthError, YearMonth};
pub use rows::{report_rows, shift_rows, ReportRow, WallTime};
pub use totals::{
    assistant_totals, month_totals, row_total, DstNote, DstNoteKind, MonthTotals, RowTotal, Totals,
};
