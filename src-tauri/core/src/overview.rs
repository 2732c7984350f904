//! The overview screen (docs/ipc.md `get_overview`, `get_call_journal`,
//! `export_support_report`): per month, what went to Försäkringskassan and what is still due;
//! and the call journal with FK's support report.
//!
//! Decisions:
//! - A month is listed when it has shifts, time reports or an invoice, within the last 24
//!   months (this month and the 23 before), newest first. This month is listed only when it has
//!   shifts (its reports and invoice cannot be due yet); later months (planned shifts) are not.
//! - The reports of a month: one per assistant who has shifts in it (a shift counts in the
//!   month of its start and of its last minute) or a current report, by name. An assistant
//!   with hours but nothing locked is `open`.
//! - Overdue: the due date (the 5th of the second month after) has passed and either a report
//!   is not `sent` (a `paper` report counts as handed in) or the invoice is not `received`.
//! - One query per table (shifts, time reports, invoices, assistants), not one per month.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::error::Result;
use crate::hours::{AssistantId, YearMonth};
use crate::invoice::InvoiceStatus;
use crate::journal::{self, SupportInput};
use crate::reports::ReportStatus;
use crate::store::{CallRecord, ReportSummary, StoredInvoice};
use crate::Timbok;

/// How many months the overview reaches back (this month included).
pub const OVERVIEW_MONTHS: u32 = 24;

/// One assistant's report in the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewReport {
    pub assistant_name: String,
    pub status: ReportStatus,
    /// The assistant has only a samordningsnummer: the report goes on paper (blankett 3059).
    pub paper_only: bool,
    pub tx_id: Option<String>,
    /// FK's refusal or the outbox's problem.
    pub problem: Option<crate::message::Message>,
}

/// The month's invoice in the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewInvoice {
    pub status: InvoiceStatus,
    pub fingerprint: Option<String>,
    /// The first problem of the invoice's last submit, or its message.
    pub problem: Option<crate::message::Message>,
    /// While `waiting`: the outcome FK's page reported that the status API has not confirmed.
    pub reported: Option<InvoiceStatus>,
}

/// One month of the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewMonth {
    pub month: YearMonth,
    pub due: NaiveDate,
    pub overdue: bool,
    pub reports: Vec<OverviewReport>,
    pub invoice: Option<OverviewInvoice>,
}

fn report_done(status: ReportStatus) -> bool {
    matches!(status, ReportStatus::Sent | ReportStatus::Paper)
}

fn overview_invoice(invoice: &StoredInvoice) -> OverviewInvoice {
    OverviewInvoice {
        status: invoice.status,
        fingerprint: invoice.fingerprint.clone(),
        problem: invoice
            .problems
            .first()
            .map(|p| p.message.clone())
            .or_else(|| invoice.message.clone()),
        reported: invoice.reported,
    }
}

impl Timbok {
    /// The months with shifts, reports or an invoice; see the module doc.
    pub fn overview(&self) -> Result<Vec<OverviewMonth>> {
        let today = self.clock().today();
        let this_month = YearMonth::of(today);
        let mut first = this_month;
        for _ in 1..OVERVIEW_MONTHS {
            first = first.prev();
        }
        let store = self.store();
        let assistants = self.assistants()?;
        let names: BTreeMap<AssistantId, String> = assistants
            .iter()
            .map(|a| (a.id, format!("{} {}", a.first_name, a.last_name)))
            .collect();
        let paper_only: BTreeSet<AssistantId> = assistants
            .iter()
            .filter(|a| a.personnummer.kind() == crate::identity::IdKind::Samordningsnummer)
            .map(|a| a.id)
            .collect();

        // month → assistants with hours / current reports / invoice.
        let mut worked: BTreeMap<YearMonth, BTreeSet<AssistantId>> = BTreeMap::new();
        for (assistant, month) in store.shift_months_since(first)? {
            if month <= this_month {
                worked.entry(month).or_default().insert(assistant);
            }
        }
        let mut reports: BTreeMap<YearMonth, Vec<ReportSummary>> = BTreeMap::new();
        for report in store.report_summaries_since(first)? {
            if report.month < this_month {
                reports.entry(report.month).or_default().push(report);
            }
        }
        let invoices: BTreeMap<YearMonth, StoredInvoice> = store
            .invoices_since(first)?
            .into_iter()
            .filter(|i| i.month < this_month)
            .map(|i| (i.month, i))
            .collect();

        let months: BTreeSet<YearMonth> = worked
            .keys()
            .chain(reports.keys())
            .chain(invoices.keys())
            .copied()
            .collect();
        let mut overview = Vec::with_capacity(months.len());
        for month in months.into_iter().rev() {
            let stored = reports.remove(&month).unwrap_or_default();
            let mut assistants = worked.remove(&month).unwrap_or_default();
            assistants.extend(stored.iter().map(|r| r.assistant_id));
            let mut month_reports: Vec<OverviewReport> = assistants
                .into_iter()
                .map(|id| {
                    let report = stored.iter().find(|r| r.assistant_id == id);
                    OverviewReport {
                        assistant_name: names.get(&id).cloned().unwrap_or_default(),
                        status: report.map_or(ReportStatus::Open, |r| {
                            ReportStatus::from_parts(r.state, r.assistant_signed, r.employer_signed)
                        }),
                        paper_only: paper_only.contains(&id),
                        tx_id: report.and_then(|r| r.tx_id.clone()),
                        problem: report.and_then(|r| r.problem.clone()),
                    }
                })
                .collect();
            month_reports.sort_by(|a, b| a.assistant_name.cmp(&b.assistant_name));
            let invoice = invoices.get(&month).map(overview_invoice);
            let due = month.due_date();
            let all_sent = month_reports.iter().all(|r| report_done(r.status));
            let received = invoice
                .as_ref()
                .is_some_and(|i| i.status == InvoiceStatus::Received);
            overview.push(OverviewMonth {
                month,
                due,
                overdue: today > due && !(all_sent && received),
                reports: month_reports,
                invoice,
            });
        }
        Ok(overview)
    }

    /// The newest `limit` calls to E-RÄK, ELT and BankID (bodies redacted), newest first.
    pub fn call_journal(&self, limit: usize) -> Result<Vec<CallRecord>> {
        self.store().journal(None, limit)
    }

    /// FK's support report (erak.md "Support report") as pretty JSON: the key's identifier,
    /// the fingerprint, the times of the create calls and the E-RÄK calls with their redacted
    /// bodies (only those about `fingerprint` when given).
    pub fn support_report(
        &self,
        app_version: &str,
        supplier_name: &str,
        supplier_id: &str,
        key_header: &str,
        key_id: Option<String>,
        fingerprint: Option<&str>,
    ) -> Result<String> {
        let calls = self
            .store()
            .journal(fingerprint, crate::store::JOURNAL_LIMIT as usize)?;
        let generated_at = self.clock().now().format("%Y-%m-%dT%H:%M:%S").to_string();
        Ok(journal::support_report(&SupportInput {
            generated_at: &generated_at,
            app_version,
            environment: self.environment()?.as_str(),
            supplier_name,
            supplier_id,
            key_header,
            key_id,
            fingerprint,
            calls: &calls,
        }))
    }

    /// Writes the support report into `folder` (owner-only file) and returns its path. The key
    /// is named by its short hash only ([`journal::key_id`]); the file name names no person.
    pub fn write_support_report(
        &self,
        app_version: &str,
        endpoints: &crate::endpoints::Endpoints,
        secrets: &dyn crate::credentials::SecretStore,
        fingerprint: Option<&str>,
        folder: &std::path::Path,
    ) -> Result<std::path::PathBuf> {
        let key = secrets.get(self.environment()?, crate::credentials::Credential::ErakKey)?;
        let report = self.support_report(
            app_version,
            &endpoints.supplier_name,
            &endpoints.supplier_id,
            &endpoints.erak_key_header,
            key.map(|k| journal::key_id(k.expose())),
            fingerprint,
        )?;
        crate::private_files::create_dir_all(folder)?;
        let stamp = self.clock().now().format("%Y%m%d-%H%M%S");
        let path = folder.join(format!("timbok-support-{stamp}.json"));
        crate::private_files::write_atomically(&path, report.as_bytes())?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::demo;
    use crate::invoice::Answers;
    use crate::store::{NewShift, Store};
    use crate::Clock;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 6, 10)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn ym(text: &str) -> YearMonth {
        YearMonth::parse(text).unwrap()
    }

    fn demo_timbok() -> Timbok {
        let mut store = Store::open_in_memory().unwrap();
        // Seeded as of 2025-04-10: March 2025 has the demo's shifts.
        demo::seed(&mut store, NaiveDate::from_ymd_opt(2025, 4, 10).unwrap()).unwrap();
        Timbok::with_store(
            store,
            Clock::Fixed(now()),
            crate::settings::Environment::Demo,
        )
    }

    fn shift(t: &mut Timbok, assistant: AssistantId, start: &str, end: &str) {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        t.store_mut()
            .insert_shift(&NewShift {
                assistant_id: assistant,
                start: at(start),
                end: at(end),
                kind: crate::hours::TimeKind::Aktiv,
                note: None,
            })
            .unwrap();
    }

    #[test]
    fn months_with_shifts_reports_or_invoices_newest_first() {
        let mut t = demo_timbok();
        let ids: Vec<AssistantId> = t.assistants().unwrap().iter().map(|a| a.id).collect();
        // The demo's assistants: Johan (personnummer), Sara, Ali (samordningsnummer).
        let johan = t
            .assistants()
            .unwrap()
            .into_iter()
            .find(|a| a.first_name == "Johan")
            .unwrap()
            .id;
        t.lock_report(ym("2025-03"), johan).unwrap();
        // An invoice of January only (no shifts), a night across the end of April.
        t.store_mut()
            .invoice_refused(
                ym("2025-01"),
                &Answers::default(),
                &[crate::invoice::FieldProblem {
                    field: "phone".into(),
                    message: crate::message::Message::verbatim("Fyll i telefonnummer."),
                }],
                crate::message::Message::verbatim("Rätta."),
            )
            .unwrap();
        shift(&mut t, johan, "2025-04-30T22:00", "2025-05-01T06:00");
        // This month (June) has a shift; July's planned one is not listed.
        shift(&mut t, ids[1], "2025-06-02T08:00", "2025-06-02T12:00");
        shift(&mut t, ids[1], "2025-07-02T08:00", "2025-07-02T12:00");
        // Older than 24 months: not listed.
        shift(&mut t, ids[1], "2023-06-02T08:00", "2023-06-02T12:00");

        let overview = t.overview().unwrap();
        let months: Vec<String> = overview.iter().map(|m| m.month.to_string()).collect();
        assert_eq!(
            months,
            ["2025-06", "2025-05", "2025-04", "2025-03", "2025-01"]
        );

        let march = &overview[3];
        assert_eq!(march.due, NaiveDate::from_ymd_opt(2025, 5, 5).unwrap());
        assert!(march.overdue, "due 5 May, nothing sent");
        let statuses: Vec<(&str, ReportStatus)> = march
            .reports
            .iter()
            .map(|r| (r.assistant_name.as_str(), r.status))
            .collect();
        assert_eq!(
            statuses,
            [
                ("Ali Haddad", ReportStatus::Open),
                ("Johan Lind", ReportStatus::Locked),
                ("Sara Öberg", ReportStatus::Open)
            ]
        );
        assert_eq!(march.invoice, None);

        // The night across the month's end counts in April and May.
        for m in [&overview[1], &overview[2]] {
            assert_eq!(m.reports.len(), 1, "{}", m.month);
            assert_eq!(m.reports[0].assistant_name, "Johan Lind");
        }
        assert!(!overview[1].overdue, "May is due 5 July");
        let january = &overview[4];
        assert!(january.reports.is_empty());
        assert_eq!(
            january.invoice,
            Some(OverviewInvoice {
                status: InvoiceStatus::Draft,
                fingerprint: None,
                problem: Some(crate::message::Message::verbatim("Fyll i telefonnummer.")),
                reported: None,
            })
        );
        assert!(january.overdue);
    }

    #[test]
    fn a_month_with_everything_sent_and_received_is_not_overdue() {
        let mut t = demo_timbok();
        let ids: Vec<AssistantId> = t.assistants().unwrap().iter().map(|a| a.id).collect();
        shift(&mut t, ids[0], "2025-02-03T08:00", "2025-02-03T12:00");
        let feb = ym("2025-02");
        t.store_mut()
            .invoice_waiting(
                feb,
                &Answers::default(),
                "fp-feb",
                "2025-03-02T10:00:00",
                crate::message::Message::verbatim("w"),
            )
            .unwrap();
        let overdue = |t: &Timbok| {
            t.overview()
                .unwrap()
                .into_iter()
                .find(|m| m.month == feb)
                .unwrap()
        };
        let m = overdue(&t);
        assert!(
            m.overdue,
            "due 5 April: the report is open, the invoice waiting"
        );
        assert_eq!(
            m.invoice.as_ref().unwrap().fingerprint.as_deref(),
            Some("fp-feb")
        );
        assert_eq!(m.reports[0].status, ReportStatus::Open);

        // The report handed in on paper; FK's page reported the invoice received, but the
        // status API has not confirmed it: still overdue, the report shown.
        t.paper_report(feb, ids[0], &crate::blankett3059::Form3059::stand_in())
            .unwrap();
        t.store_mut()
            .invoice_reported(
                feb,
                "fp-feb",
                InvoiceStatus::Received,
                "2025-03-02T10:05:00",
                crate::message::Message::verbatim("r"),
            )
            .unwrap();
        let m = overdue(&t);
        let invoice = m.invoice.as_ref().unwrap();
        assert_eq!(invoice.status, InvoiceStatus::Waiting);
        assert_eq!(invoice.reported, Some(InvoiceStatus::Received));
        assert!(m.overdue, "not received until the status API says so");

        // Confirmed: done.
        t.store_mut()
            .finish_invoice(
                feb,
                "fp-feb",
                InvoiceStatus::Received,
                Some("x"),
                crate::message::Message::verbatim("ok"),
            )
            .unwrap();
        // The blankett is only opened: the report is not handed in yet.
        let m = overdue(&t);
        assert_eq!(m.reports[0].status, ReportStatus::PaperOpened);
        assert!(m.overdue, "a paper report not yet sent is not done");
        t.mark_paper_sent(feb, ids[0]).unwrap();
        let m = overdue(&t);
        assert_eq!(m.reports[0].status, ReportStatus::Paper);
        assert!(!m.overdue);
    }

    #[test]
    fn journal_and_support_report_without_personal_data() {
        let mut t = demo_timbok();
        for (i, endpoint) in ["POST /public/v1/create", "GET /public/v1/status/fp-1"]
            .into_iter()
            .enumerate()
        {
            t.store_mut()
                .journal_call(&CallRecord {
                    at: format!("2025-04-10T10:00:0{i}"),
                    service: "erak".into(),
                    endpoint: endpoint.into(),
                    status: Some(200),
                    duration_ms: 5,
                    fingerprint: Some("fp-1".into()),
                    body: journal::redact(
                        br#"{"invoice":{"person":{"personnummer":"201605129988"}}}"#,
                    ),
                })
                .unwrap();
        }
        let calls = t.call_journal(10).unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].endpoint, "GET /public/v1/status/fp-1");
        assert_eq!(t.call_journal(1).unwrap().len(), 1);
        let report = t
            .support_report(
                "0.1.0",
                "Timbok",
                "timbok",
                "X-Erak-Key",
                Some(journal::key_id(b"the-key")),
                Some("fp-1"),
            )
            .unwrap();
        let json: serde_json::Value = serde_json::from_str(&report).unwrap();
        assert_eq!(json["fingerprint"], "fp-1");
        assert_eq!(
            json["createCalls"],
            serde_json::json!(["2025-04-10T10:00:00"])
        );
        assert_eq!(json["calls"].as_array().unwrap().len(), 2);
        assert_eq!(json["generatedAt"], "2025-06-10T09:00:00");
        assert!(!report.contains("201605129988"));
        assert!(!report.contains("the-key"));
    }
}
