//! The invoice (räkning) of a month as stored (`invoices`, schema migration 3): the answers as
//! typed (JSON of [`Answers`]), where the submission stands, FK's fingerprint, the times, the
//! problems of the last submit (JSON list of `{field, message}`) and a message for the user.
//!
//! The rules that decide *when* these functions are called live in [`crate::invoice`]; this
//! module keeps each write atomic and each status change guarded in SQL, so that the app's
//! window, the submission desk's own connection and `timbok-cli` can never take an invoice
//! through a change its status does not allow:
//!
//! - answers can be saved in every status but `waiting` and `received` (`Error::NotAllowed`);
//! - a submission that FK accepted moves to `waiting` only from `draft`, `cancelled` or
//!   `expired`;
//! - a waiting invoice is finished (`received`, `cancelled`, `expired`, or back to `draft`)
//!   only by the one who knows its fingerprint, so a late answer about an older submission
//!   changes nothing;
//! - an outcome that only FK's page reported (the return link or the signal; `reported`, with
//!   `reported_at`) is noted on a waiting invoice only, and leaves it `waiting`: only the
//!   status API finishes it. Finishing or submitting again clears it.
//!
//! The overview's reads are here too (one query per table for up to 24 months), because they
//! need the rows of `shifts` and `time_reports` without building whole documents.
//!
//! Decisions: an answers draft that cannot be read back (written by a future version with a
//! changed shape) opens as an empty draft rather than failing the whole month; unknown fields
//! are ignored anyway (`Answers` is `#[serde(default)]`). Nothing here is logged but months,
//! statuses and fingerprints.

use rusqlite::{params, OptionalExtension, Row, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::reports::OutboxState;
use super::{message_from_column, message_json, Store};
use crate::error::{Error, Result};
use crate::hours::{AssistantId, YearMonth};
use crate::invoice::{Answers, FieldProblem, InvoiceStatus};
use crate::message::Message;

/// Why answers cannot be saved while FK's page waits for the signature.
pub const WAITING_TEXT: crate::message::Key = crate::message::Key::InvoiceWaitingLocked;
/// Why a received invoice cannot be changed or sent again.
pub const RECEIVED_TEXT: crate::message::Key = crate::message::Key::InvoiceReceivedLocked;

/// The invoice of one month as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInvoice {
    pub month: YearMonth,
    pub answers: Answers,
    pub status: InvoiceStatus,
    /// E-RÄK's fingerprint of the latest submission it accepted.
    pub fingerprint: Option<String>,
    /// Local wall clock `YYYY-MM-DDTHH:MM:SS`.
    pub submitted_at: Option<String>,
    pub received_at: Option<String>,
    /// The problems of the last submit (ours or FK's 400), each on its field.
    pub problems: Vec<FieldProblem>,
    /// What is happening or what went wrong.
    pub message: Option<Message>,
    /// While `waiting`: the outcome FK's page reported that the status API has not confirmed
    /// yet (`received`, `cancelled` or `expired`).
    pub reported: Option<InvoiceStatus>,
    /// When it was reported, local wall clock `YYYY-MM-DDTHH:MM:SS`.
    pub reported_at: Option<String>,
}

/// A problem as stored (the JSON list in `problems`): the message's `key` and `params`, and
/// `message`, its Swedish rendering. Rows written before messages had keys hold only `message`
/// and are read as that text.
#[derive(Serialize, Deserialize)]
struct ProblemRow {
    field: String,
    #[serde(default)]
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    params: serde_json::Value,
}

/// One current time report, as the overview needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSummary {
    pub assistant_id: AssistantId,
    pub month: YearMonth,
    pub state: OutboxState,
    pub assistant_signed: bool,
    pub employer_signed: bool,
    pub tx_id: Option<String>,
    pub problem: Option<Message>,
}

const COLUMNS: &str = "month, answers, status, fingerprint, submitted_at, received_at, problems, \
                       message, reported, reported_at";

fn bad(index: usize, what: &'static str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, what.into())
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<StoredInvoice> {
    let month: String = row.get(0)?;
    let answers: String = row.get(1)?;
    let status: String = row.get(2)?;
    let problems: String = row.get(6)?;
    let answers = serde_json::from_str::<Answers>(&answers).unwrap_or_else(|_| {
        tracing::warn!(%month, "invoice answers could not be read; opened as an empty draft");
        Answers::default()
    });
    let problems = serde_json::from_str::<Vec<ProblemRow>>(&problems)
        .unwrap_or_default()
        .into_iter()
        .map(|p| FieldProblem {
            message: p
                .key
                .as_deref()
                .and_then(|key| Message::from_wire(key, &p.params))
                .unwrap_or_else(|| Message::verbatim(p.message)),
            field: p.field,
        })
        .collect();
    Ok(StoredInvoice {
        month: YearMonth::parse(&month).map_err(|_| bad(0, "month"))?,
        answers,
        status: InvoiceStatus::parse(&status).ok_or_else(|| bad(2, "status"))?,
        fingerprint: row.get(3)?,
        submitted_at: row.get(4)?,
        received_at: row.get(5)?,
        problems,
        message: row
            .get::<_, Option<String>>(7)?
            .map(|m| message_from_column(&m)),
        reported: row
            .get::<_, Option<String>>(8)?
            .map(|r| InvoiceStatus::parse(&r).ok_or_else(|| bad(8, "reported")))
            .transpose()?,
        reported_at: row.get(9)?,
    })
}

fn answers_json(answers: &Answers) -> String {
    // Strings, booleans, lists and enums: serializing cannot fail.
    serde_json::to_string(answers).unwrap_or_else(|_| "{}".into())
}

fn problems_json(problems: &[FieldProblem]) -> String {
    let rows: Vec<ProblemRow> = problems
        .iter()
        .map(|p| {
            let wire = serde_json::to_value(&p.message).unwrap_or_default();
            ProblemRow {
                field: p.field.clone(),
                message: p.message.to_string(),
                key: Some(p.message.key.as_str().to_owned()),
                params: wire["params"].clone(),
            }
        })
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into())
}

fn status_in(tx: &Transaction<'_>, month: YearMonth) -> Result<Option<InvoiceStatus>> {
    let status: Option<String> = tx
        .query_row(
            "SELECT status FROM invoices WHERE month = ?1",
            [month.to_string()],
            |row| row.get(0),
        )
        .optional()?;
    Ok(status.and_then(|s| InvoiceStatus::parse(&s)))
}

/// Refuses a change to a waiting or received invoice.
fn require_changeable(status: Option<InvoiceStatus>) -> Result<()> {
    match status {
        Some(InvoiceStatus::Waiting) => Err(Error::NotAllowed(WAITING_TEXT.into())),
        Some(InvoiceStatus::Received) => Err(Error::NotAllowed(RECEIVED_TEXT.into())),
        _ => Ok(()),
    }
}

fn month_start(month: YearMonth) -> String {
    format!("{month}-01T00:00")
}

impl Store {
    /// The invoice of `month`, if anything was ever saved for it.
    pub fn invoice(&self, month: YearMonth) -> Result<Option<StoredInvoice>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM invoices WHERE month = ?1"),
                [month.to_string()],
                from_row,
            )
            .optional()?)
    }

    /// The invoices of `from` and later, newest first (one query, for the overview).
    pub fn invoices_since(&self, from: YearMonth) -> Result<Vec<StoredInvoice>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM invoices WHERE month >= ?1 ORDER BY month DESC"
        ))?;
        let rows = statement
            .query_map([from.to_string()], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Saves the answers as typed (creating the month's row as a draft). Refused
    /// (`Error::NotAllowed`) while the invoice waits for the signature or after FK received it.
    pub fn save_invoice_answers(&mut self, month: YearMonth, answers: &Answers) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_changeable(status_in(&tx, month)?)?;
        tx.execute(
            "INSERT INTO invoices (month, answers) VALUES (?1, ?2)
             ON CONFLICT (month) DO UPDATE SET answers = excluded.answers,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![month.to_string(), answers_json(answers)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A submit that was refused (by our check or by E-RÄK's 400): back to `draft` with the
    /// answers it checked, the problems on their fields and `message`. Refused while waiting
    /// or after received.
    pub fn invoice_refused(
        &mut self,
        month: YearMonth,
        answers: &Answers,
        problems: &[FieldProblem],
        message: impl Into<Message>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_changeable(status_in(&tx, month)?)?;
        tx.execute(
            "INSERT INTO invoices (month, answers, status, problems, message)
             VALUES (?1, ?2, 'draft', ?3, ?4)
             ON CONFLICT (month) DO UPDATE SET answers = excluded.answers, status = 'draft',
                 problems = excluded.problems, message = excluded.message,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![
                month.to_string(),
                answers_json(answers),
                problems_json(problems),
                message_json(&message.into())
            ],
        )?;
        tx.commit()?;
        tracing::info!(%month, problems = problems.len(), "invoice refused");
        Ok(())
    }

    /// E-RÄK accepted the submission: `waiting` with its fingerprint, the answers that were
    /// sent, no problems. Refused while another submission waits or after received.
    pub fn invoice_waiting(
        &mut self,
        month: YearMonth,
        answers: &Answers,
        fingerprint: &str,
        submitted_at: &str,
        message: impl Into<Message>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_changeable(status_in(&tx, month)?)?;
        tx.execute(
            "INSERT INTO invoices (month, answers, status, fingerprint, submitted_at, problems, message)
             VALUES (?1, ?2, 'waiting', ?3, ?4, '[]', ?5)
             ON CONFLICT (month) DO UPDATE SET answers = excluded.answers, status = 'waiting',
                 fingerprint = excluded.fingerprint, submitted_at = excluded.submitted_at,
                 received_at = NULL, problems = '[]', message = excluded.message,
                 reported = NULL, reported_at = NULL,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![
                month.to_string(),
                answers_json(answers),
                fingerprint,
                submitted_at,
                message_json(&message.into())
            ],
        )?;
        tx.commit()?;
        tracing::info!(%month, %fingerprint, "invoice waiting for the signature");
        Ok(())
    }

    /// Ends the waiting of the submission with `fingerprint`: `status` (`received` with
    /// `received_at`, `cancelled`, `expired`, or `draft`) and `message`. Changes nothing and
    /// returns `false` unless the invoice is still waiting for exactly that fingerprint.
    pub fn finish_invoice(
        &mut self,
        month: YearMonth,
        fingerprint: &str,
        status: InvoiceStatus,
        received_at: Option<&str>,
        message: impl Into<Message>,
    ) -> Result<bool> {
        let changed = self.conn.execute(
            "UPDATE invoices SET status = ?3, received_at = ?4, message = ?5,
                 reported = NULL, reported_at = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE month = ?1 AND fingerprint = ?2 AND status = 'waiting'",
            params![
                month.to_string(),
                fingerprint,
                status.as_str(),
                received_at,
                message_json(&message.into())
            ],
        )?;
        if changed > 0 {
            tracing::info!(%month, %fingerprint, status = status.as_str(), "invoice finished");
        }
        Ok(changed > 0)
    }

    /// A new message for the submission with `fingerprint` that still waits (e.g. Timbok has
    /// stopped listening). Returns whether it was still waiting.
    pub fn note_waiting_invoice(
        &mut self,
        month: YearMonth,
        fingerprint: &str,
        message: impl Into<Message>,
    ) -> Result<bool> {
        let changed = self.conn.execute(
            "UPDATE invoices SET message = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE month = ?1 AND fingerprint = ?2 AND status = 'waiting'",
            params![
                month.to_string(),
                fingerprint,
                message_json(&message.into())
            ],
        )?;
        Ok(changed > 0)
    }

    /// FK's page reported `reported` (`received`, `cancelled` or `expired`) for the submission
    /// with `fingerprint` that still waits, and the status API has not confirmed it: noted
    /// with `at` and `message`; the invoice stays `waiting`. Returns whether it was still
    /// waiting. Refuses (`Error::NotAllowed`) any other status as a report.
    pub fn invoice_reported(
        &mut self,
        month: YearMonth,
        fingerprint: &str,
        reported: InvoiceStatus,
        at: &str,
        message: impl Into<Message>,
    ) -> Result<bool> {
        if !matches!(
            reported,
            InvoiceStatus::Received | InvoiceStatus::Cancelled | InvoiceStatus::Expired
        ) {
            return Err(Error::NotAllowed(
                crate::message::Key::InvoiceOnlyFinalReported.into(),
            ));
        }
        let changed = self.conn.execute(
            "UPDATE invoices SET reported = ?3, reported_at = ?4, message = ?5,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE month = ?1 AND fingerprint = ?2 AND status = 'waiting'",
            params![
                month.to_string(),
                fingerprint,
                reported.as_str(),
                at,
                message_json(&message.into())
            ],
        )?;
        if changed > 0 {
            tracing::info!(%month, %fingerprint, reported = reported.as_str(), "invoice outcome reported, not confirmed");
        }
        Ok(changed > 0)
    }

    /// Every invoice still waiting for its signature, with its fingerprint, oldest month first
    /// (to resume after a restart).
    pub fn waiting_invoices(&self) -> Result<Vec<(YearMonth, String)>> {
        let mut statement = self.conn.prepare(
            "SELECT month, fingerprint FROM invoices
             WHERE status = 'waiting' AND fingerprint IS NOT NULL ORDER BY month",
        )?;
        let rows = statement
            .query_map([], |row| {
                let month: String = row.get(0)?;
                Ok((
                    YearMonth::parse(&month).map_err(|_| bad(0, "month"))?,
                    row.get::<_, String>(1)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    // -----------------------------------------------------------------------------------------
    // The overview's reads.

    /// Which assistant worked in which month, from `from` on: a shift counts in the month of
    /// its start and in the month of its last minute (a night across the month's end counts in
    /// both), as the report triggers of the schema count it. One query.
    pub fn shift_months_since(&self, from: YearMonth) -> Result<Vec<(AssistantId, YearMonth)>> {
        let mut statement = self.conn.prepare(
            r#"SELECT assistant_id, substr(start, 1, 7) FROM shifts
                WHERE deleted_at IS NULL AND start >= ?1
               UNION
               SELECT assistant_id, substr(datetime("end", '-1 minute'), 1, 7) FROM shifts
                WHERE deleted_at IS NULL AND "end" > ?1"#,
        )?;
        let rows = statement
            .query_map([month_start(from)], |row| {
                let month: String = row.get(1)?;
                Ok((AssistantId(row.get(0)?), month))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, month)| Some((id, YearMonth::parse(&month).ok()?)))
            .filter(|(_, month)| *month >= from)
            .collect())
    }

    /// The current time reports of `from` and later (without their documents). One query.
    pub fn report_summaries_since(&self, from: YearMonth) -> Result<Vec<ReportSummary>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT assistant_id, month, {}, assistant_signature IS NOT NULL,
                    employer_signature IS NOT NULL, tx_id, problem
             FROM time_reports WHERE superseded_at IS NULL AND month >= ?1
             ORDER BY month DESC, assistant_id",
            super::reports::PAPER_STATE
        ))?;
        let states = [
            OutboxState::Locked,
            OutboxState::Queued,
            OutboxState::Sending,
            OutboxState::Sent,
            OutboxState::Rejected,
            OutboxState::Uncertain,
            OutboxState::Paper,
            OutboxState::PaperOpened,
        ];
        let rows = statement
            .query_map([from.to_string()], |row| {
                let month: String = row.get(1)?;
                let state: String = row.get(2)?;
                Ok(ReportSummary {
                    assistant_id: AssistantId(row.get(0)?),
                    month: YearMonth::parse(&month).map_err(|_| bad(1, "month"))?,
                    state: states
                        .into_iter()
                        .find(|s| s.as_str() == state)
                        .ok_or_else(|| bad(2, "state"))?,
                    assistant_signed: row.get(3)?,
                    employer_signed: row.get(4)?,
                    tx_id: row.get(5)?,
                    problem: row
                        .get::<_, Option<String>>(6)?
                        .map(|m| message_from_column(&m)),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoice::{LssKind, StayInput};

    fn month() -> YearMonth {
        YearMonth::new(2025, 3).unwrap()
    }

    fn answers() -> Answers {
        Answers {
            lss_activity: Some(true),
            lss_kinds: vec![LssKind::Skola],
            hospital_stay: Some(true),
            hospital_stays: vec![StayInput {
                from: "2025-03-03T08:00".into(),
                to: "2025-03-0".into(),
            }],
            phone: "070-174 06 10".into(),
            previous_payment_remaining: "12,5 kr".into(),
            ..Answers::default()
        }
    }

    fn problem(field: &str) -> FieldProblem {
        FieldProblem {
            field: field.into(),
            message: crate::message::Message::new(crate::message::Key::InvoiceSignerNameTooLong)
                .number("max", field.len() as i64),
        }
    }

    #[test]
    fn problems_stored_before_messages_had_keys_are_read_as_their_text() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .invoice_refused(
                month(),
                &answers(),
                &[problem("phone")],
                crate::message::Message::verbatim("Rätta."),
            )
            .unwrap();
        store
            .conn
            .execute(
                "UPDATE invoices SET problems = ?1",
                [r#"[{"field":"phone","message":"Fyll i ett telefonnummer."}]"#],
            )
            .unwrap();
        let stored = store.invoice(month()).unwrap().unwrap();
        assert_eq!(stored.problems[0].field, "phone");
        assert_eq!(
            stored.problems[0].message,
            crate::message::Message::verbatim("Fyll i ett telefonnummer.")
        );
    }

    #[test]
    fn the_message_is_stored_as_its_key_and_an_older_row_is_read_as_its_text() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .invoice_refused(
                month(),
                &answers(),
                &[],
                crate::message::Key::InvoiceDeskRefusedByFk,
            )
            .unwrap();
        let column: String = store
            .conn
            .query_row("SELECT message FROM invoices", [], |r| r.get(0))
            .unwrap();
        assert!(column.contains("invoice_desk.refused_by_fk"), "{column}");
        assert!(
            !column.contains("godtog"),
            "the key, not its Swedish text: {column}"
        );
        let stored = store.invoice(month()).unwrap().unwrap();
        assert_eq!(
            stored.message,
            Some(Message::new(crate::message::Key::InvoiceDeskRefusedByFk))
        );

        // A message with parameters comes back with them.
        let with_params =
            Message::new(crate::message::Key::InvoiceSignerNameTooLong).number("max", 80);
        store
            .invoice_refused(month(), &answers(), &[], with_params.clone())
            .unwrap();
        assert_eq!(
            store.invoice(month()).unwrap().unwrap().message,
            Some(with_params)
        );

        // Written before messages had keys: plain Swedish text, read as that text.
        for old in ["Räkningen skickades inte.", "{\"not\": \"a message\"}"] {
            store
                .conn
                .execute("UPDATE invoices SET message = ?1", [old])
                .unwrap();
            assert_eq!(
                store.invoice(month()).unwrap().unwrap().message,
                Some(Message::verbatim(old))
            );
        }
    }

    #[test]
    fn answers_round_trip_as_typed_and_a_new_month_is_a_draft() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.invoice(month()).unwrap(), None);
        store.save_invoice_answers(month(), &answers()).unwrap();
        let stored = store.invoice(month()).unwrap().unwrap();
        assert_eq!(stored.answers, answers());
        assert_eq!(stored.status, InvoiceStatus::Draft);
        assert_eq!(stored.fingerprint, None);
        assert!(stored.problems.is_empty());

        let mut changed = answers();
        changed.outside_eea = Some(false);
        store.save_invoice_answers(month(), &changed).unwrap();
        assert_eq!(store.invoice(month()).unwrap().unwrap().answers, changed);
        // Another month is another row.
        assert_eq!(store.invoice(month().next()).unwrap(), None);
    }

    #[test]
    fn problems_and_message_round_trip_and_a_waiting_invoice_keeps_its_answers() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .invoice_refused(
                month(),
                &answers(),
                &[problem("phone"), problem("hospitalStay.stays[0].to")],
                crate::message::Message::verbatim("Rätta och skicka igen."),
            )
            .unwrap();
        let stored = store.invoice(month()).unwrap().unwrap();
        assert_eq!(stored.status, InvoiceStatus::Draft);
        assert_eq!(
            stored.problems,
            [problem("phone"), problem("hospitalStay.stays[0].to")]
        );
        assert_eq!(
            stored.message,
            Some(Message::verbatim("Rätta och skicka igen."))
        );

        store
            .invoice_waiting(
                month(),
                &answers(),
                "fp-1",
                "2025-04-10T10:00:00",
                crate::message::Message::verbatim("Väntar."),
            )
            .unwrap();
        let waiting = store.invoice(month()).unwrap().unwrap();
        assert_eq!(waiting.status, InvoiceStatus::Waiting);
        assert_eq!(waiting.fingerprint.as_deref(), Some("fp-1"));
        assert_eq!(waiting.submitted_at.as_deref(), Some("2025-04-10T10:00:00"));
        assert!(waiting.problems.is_empty());
        assert_eq!(
            store.waiting_invoices().unwrap(),
            [(month(), "fp-1".to_string())]
        );

        // Answers and a second submission are refused while waiting; nothing changes.
        let e = store
            .save_invoice_answers(month(), &Answers::default())
            .unwrap_err();
        assert!(
            matches!(&e, Error::NotAllowed(m) if m.key == WAITING_TEXT),
            "{e:?}"
        );
        let e = store
            .invoice_waiting(
                month(),
                &answers(),
                "fp-2",
                "2025-04-10T10:01:00",
                crate::message::Message::verbatim("x"),
            )
            .unwrap_err();
        assert!(matches!(e, Error::NotAllowed(_)));
        assert!(store
            .invoice_refused(
                month(),
                &answers(),
                &[],
                crate::message::Message::verbatim("x")
            )
            .is_err());
        assert_eq!(store.invoice(month()).unwrap().unwrap(), waiting);
    }

    #[test]
    fn a_reported_outcome_leaves_the_invoice_waiting_until_it_is_finished() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .invoice_waiting(
                month(),
                &answers(),
                "fp-1",
                "2025-04-10T10:00:00",
                crate::message::Message::verbatim("Väntar."),
            )
            .unwrap();
        // Another fingerprint, or a status that is not an outcome, notes nothing.
        assert!(!store
            .invoice_reported(
                month(),
                "fp-old",
                InvoiceStatus::Received,
                "t",
                crate::message::Message::verbatim("x")
            )
            .unwrap());
        assert!(matches!(
            store.invoice_reported(
                month(),
                "fp-1",
                InvoiceStatus::Draft,
                "t",
                crate::message::Message::verbatim("x")
            ),
            Err(Error::NotAllowed(_))
        ));
        assert_eq!(store.invoice(month()).unwrap().unwrap().reported, None);

        assert!(store
            .invoice_reported(
                month(),
                "fp-1",
                InvoiceStatus::Received,
                "2025-04-10T10:05:00",
                crate::message::Message::verbatim("Rapporterad.")
            )
            .unwrap());
        let reported = store.invoice(month()).unwrap().unwrap();
        assert_eq!(reported.status, InvoiceStatus::Waiting);
        assert_eq!(reported.reported, Some(InvoiceStatus::Received));
        assert_eq!(reported.reported_at.as_deref(), Some("2025-04-10T10:05:00"));
        assert_eq!(reported.message, Some(Message::verbatim("Rapporterad.")));
        assert_eq!(reported.received_at, None);
        // Still waiting: resumed after a restart, answers still locked.
        assert_eq!(
            store.waiting_invoices().unwrap(),
            [(month(), "fp-1".to_string())]
        );
        assert!(store.save_invoice_answers(month(), &answers()).is_err());

        // The status API's word finishes it and clears the report.
        assert!(store
            .finish_invoice(
                month(),
                "fp-1",
                InvoiceStatus::Cancelled,
                None,
                crate::message::Message::verbatim("Avbruten.")
            )
            .unwrap());
        let finished = store.invoice(month()).unwrap().unwrap();
        assert_eq!(finished.status, InvoiceStatus::Cancelled);
        assert_eq!((finished.reported, finished.reported_at), (None, None));
        assert!(!store
            .invoice_reported(
                month(),
                "fp-1",
                InvoiceStatus::Received,
                "t",
                crate::message::Message::verbatim("x")
            )
            .unwrap());

        // A new submission starts without a report.
        store
            .invoice_waiting(
                month(),
                &answers(),
                "fp-2",
                "2025-04-10T11:00:00",
                crate::message::Message::verbatim("Väntar."),
            )
            .unwrap();
        store
            .invoice_reported(
                month(),
                "fp-2",
                InvoiceStatus::Expired,
                "t",
                crate::message::Message::verbatim("x"),
            )
            .unwrap();
        store
            .finish_invoice(
                month(),
                "fp-2",
                InvoiceStatus::Draft,
                None,
                crate::message::Message::verbatim("Avbröt."),
            )
            .unwrap();
        store
            .invoice_waiting(
                month(),
                &answers(),
                "fp-3",
                "2025-04-10T12:00:00",
                crate::message::Message::verbatim("Väntar."),
            )
            .unwrap();
        assert_eq!(store.invoice(month()).unwrap().unwrap().reported, None);
    }

    #[test]
    fn only_the_waiting_fingerprint_finishes_the_invoice() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .invoice_waiting(
                month(),
                &answers(),
                "fp-1",
                "2025-04-10T10:00:00",
                crate::message::Message::verbatim("Väntar."),
            )
            .unwrap();
        assert!(!store
            .finish_invoice(
                month(),
                "fp-old",
                InvoiceStatus::Cancelled,
                None,
                crate::message::Message::verbatim("x")
            )
            .unwrap());
        assert!(store
            .note_waiting_invoice(
                month(),
                "fp-1",
                crate::message::Message::verbatim("Timbok slutade vänta.")
            )
            .unwrap());
        assert!(store
            .finish_invoice(
                month(),
                "fp-1",
                InvoiceStatus::Received,
                Some("2025-04-10T10:05:00"),
                crate::message::Message::verbatim("Mottagen.")
            )
            .unwrap());
        let received = store.invoice(month()).unwrap().unwrap();
        assert_eq!(received.status, InvoiceStatus::Received);
        assert_eq!(received.received_at.as_deref(), Some("2025-04-10T10:05:00"));
        assert_eq!(received.message, Some(Message::verbatim("Mottagen.")));
        assert_eq!(received.answers, answers());
        assert!(store.waiting_invoices().unwrap().is_empty());
        // Finished once; a second answer changes nothing.
        assert!(!store
            .finish_invoice(
                month(),
                "fp-1",
                InvoiceStatus::Expired,
                None,
                crate::message::Message::verbatim("x")
            )
            .unwrap());
        assert!(!store
            .note_waiting_invoice(month(), "fp-1", crate::message::Message::verbatim("x"))
            .unwrap());
        let e = store
            .save_invoice_answers(month(), &Answers::default())
            .unwrap_err();
        assert!(
            matches!(&e, Error::NotAllowed(m) if m.key == RECEIVED_TEXT),
            "{e:?}"
        );
    }

    #[test]
    fn cancelled_and_expired_invoices_can_be_changed_and_sent_again() {
        let mut store = Store::open_in_memory().unwrap();
        for (i, end) in [
            InvoiceStatus::Cancelled,
            InvoiceStatus::Expired,
            InvoiceStatus::Draft,
        ]
        .into_iter()
        .enumerate()
        {
            let fp = format!("fp-{i}");
            store
                .invoice_waiting(
                    month(),
                    &answers(),
                    &fp,
                    "2025-04-10T10:00:00",
                    crate::message::Message::verbatim("Väntar."),
                )
                .unwrap();
            assert!(store
                .finish_invoice(
                    month(),
                    &fp,
                    end,
                    None,
                    crate::message::Message::verbatim("Slut.")
                )
                .unwrap());
            store.save_invoice_answers(month(), &answers()).unwrap();
            let stored = store.invoice(month()).unwrap().unwrap();
            assert_eq!(stored.status, end);
            assert_eq!(stored.fingerprint.as_deref(), Some(fp.as_str()));
        }
    }

    #[test]
    fn a_draft_that_cannot_be_read_opens_empty_and_listing_is_newest_first() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute(
                "INSERT INTO invoices (month, answers) VALUES ('2025-01', 'not json')",
                [],
            )
            .unwrap();
        store.save_invoice_answers(month(), &answers()).unwrap();
        let january = YearMonth::new(2025, 1).unwrap();
        assert_eq!(
            store.invoice(january).unwrap().unwrap().answers,
            Answers::default()
        );
        let months: Vec<_> = store
            .invoices_since(january)
            .unwrap()
            .into_iter()
            .map(|i| i.month)
            .collect();
        assert_eq!(months, [month(), january]);
        assert_eq!(store.invoices_since(month().next()).unwrap(), []);
    }
}
