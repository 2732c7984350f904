//! What `timbok-cli` prints: the JSON of `month --json` (its own wire types, documented in
//! docs/cli.md) and the readable table.

use std::fmt::Write;

use serde::Serialize;
use timbok_core::hours::{Severity, TimeKind, Totals};
use timbok_core::sheet::MonthSheet;

#[derive(Serialize)]
pub struct TotalsJson {
    pub aktiv: u32,
    pub vantetid: u32,
    pub beredskap: u32,
}

impl From<Totals> for TotalsJson {
    fn from(t: Totals) -> Self {
        TotalsJson {
            aktiv: t.get(TimeKind::Aktiv),
            vantetid: t.get(TimeKind::Vantetid),
            beredskap: t.get(TimeKind::Beredskap),
        }
    }
}

#[derive(Serialize)]
pub struct RowJson {
    pub day: u32,
    pub from: String,
    pub to: String,
    pub kind: &'static str,
    /// Minutes actually worked (Europe/Stockholm); differs from `to - from` over a DST change.
    pub minutes: u32,
}

#[derive(Serialize)]
pub struct AssistantJson {
    pub personnummer: String,
    pub totals_minutes: TotalsJson,
    pub rows: Vec<RowJson>,
}

#[derive(Serialize)]
pub struct FindingJson {
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub assistant: Option<String>,
    /// The other assistant of a pair (`double_assistance`).
    pub other_assistant: Option<String>,
    pub day: Option<u32>,
}

#[derive(Serialize)]
pub struct MonthJson {
    pub month: String,
    pub totals_minutes: TotalsJson,
    pub granted_hours: Option<u32>,
    pub assistants: Vec<AssistantJson>,
    pub findings: Vec<FindingJson>,
}

impl From<&MonthSheet> for MonthJson {
    fn from(sheet: &MonthSheet) -> Self {
        use chrono::Datelike;
        let personnummer_of = |id| {
            sheet
                .assistants
                .iter()
                .find(|a| a.assistant.id == id)
                .map(|a| a.assistant.personnummer.as_str().to_owned())
        };
        MonthJson {
            month: sheet.month.to_string(),
            totals_minutes: sheet.totals.into(),
            granted_hours: sheet.granted_hours,
            assistants: sheet
                .assistants
                .iter()
                .map(|a| AssistantJson {
                    personnummer: a.assistant.personnummer.as_str().to_owned(),
                    totals_minutes: a.totals.into(),
                    rows: a
                        .rows
                        .iter()
                        .map(|r| RowJson {
                            day: r.row.date.day(),
                            from: r.row.from.to_string(),
                            to: r.row.to.to_string(),
                            kind: r.row.kind.as_str(),
                            minutes: r.minutes,
                        })
                        .collect(),
                })
                .collect(),
            findings: sheet
                .findings
                .iter()
                .map(|f| FindingJson {
                    severity: f.severity.as_str(),
                    code: f.code.as_str(),
                    message: f.message.to_string(),
                    assistant: f.assistant_id.and_then(personnummer_of),
                    other_assistant: f.other_assistant_id.and_then(personnummer_of),
                    day: f.date.filter(|d| sheet.month.contains(*d)).map(|d| d.day()),
                })
                .collect(),
        }
    }
}

fn hours(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// A plain-text table for people.
pub fn table(sheet: &MonthSheet) -> String {
    let mut out = String::new();
    let t = sheet.totals;
    let _ = writeln!(out, "Månad {}", sheet.month);
    let _ = writeln!(
        out,
        "Hushållet: aktiv tid {}, väntetid {}, beredskapstid {} (timmar:minuter){}",
        hours(t.get(TimeKind::Aktiv)),
        hours(t.get(TimeKind::Vantetid)),
        hours(t.get(TimeKind::Beredskap)),
        sheet
            .granted_hours
            .map(|h| format!(", beviljat {h} h"))
            .unwrap_or_default()
    );
    for a in &sheet.assistants {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{} {} ({})",
            a.assistant.first_name,
            a.assistant.last_name,
            a.assistant.personnummer.as_str()
        );
        let _ = writeln!(
            out,
            "  {:<6} {:<6} {:<6} {:<14} {:>7}",
            "dag", "från", "till", "typ", "timmar"
        );
        for r in &a.rows {
            let _ = writeln!(
                out,
                "  {:<6} {:<6} {:<6} {:<14} {:>7}",
                r.row.date.format("%d"),
                r.row.from.to_string(),
                r.row.to.to_string(),
                r.row.kind.label_sv(),
                hours(r.minutes)
            );
        }
        let _ = writeln!(
            out,
            "  Summa: aktiv tid {}, väntetid {}, beredskapstid {}",
            hours(a.totals.get(TimeKind::Aktiv)),
            hours(a.totals.get(TimeKind::Vantetid)),
            hours(a.totals.get(TimeKind::Beredskap))
        );
    }
    if !sheet.findings.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Att kontrollera:");
        for f in &sheet.findings {
            let label = if f.severity == Severity::Error {
                "FEL"
            } else {
                "varning"
            };
            let _ = writeln!(out, "  {label} [{}] {}", f.code.as_str(), f.message);
        }
    }
    out
}
