//! Time reports as stored: the frozen document, its signatures and its place in the outbox
//! (schema migration 3). The rules that decide *when* these functions may be called live in
//! [`crate::reports`]; this module only keeps each write atomic and each state change guarded
//! in SQL, so that two writers (the app and `timbok-cli`, or the sender and a click) can never
//! take a report through a transition its state does not allow.

use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};
use uuid::Uuid;

use super::Store;
use crate::error::{Entity, Error, Result};
use crate::hours::{AssistantId, YearMonth};
use crate::message::Message;

/// The outbox state column. The signed states of the UI (`signed_by_assistant`, `signed`, …)
/// are derived from which signatures a `Locked` report has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    Locked,
    Queued,
    Sending,
    Sent,
    Rejected,
    Uncertain,
    /// Handed in on paper: the user confirmed printing and sending blankett 3059 (`sent_at`).
    Paper,
    /// Blankett 3059 filled and opened, not yet confirmed as sent. Stored as `paper` with
    /// `sent_at` null (so a `paper` row of before this state existed reads as confirmed); the
    /// readers derive it.
    PaperOpened,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Locked => "locked",
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Rejected => "rejected",
            OutboxState::Uncertain => "uncertain",
            OutboxState::Paper => "paper",
            OutboxState::PaperOpened => "paper_opened",
        }
    }

    fn parse(text: &str) -> Option<OutboxState> {
        Some(match text {
            "locked" => OutboxState::Locked,
            "queued" => OutboxState::Queued,
            "sending" => OutboxState::Sending,
            "sent" => OutboxState::Sent,
            "rejected" => OutboxState::Rejected,
            "uncertain" => OutboxState::Uncertain,
            "paper" => OutboxState::Paper,
            "paper_opened" => OutboxState::PaperOpened,
            _ => return None,
        })
    }
}

/// Who signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignerSide {
    Assistant,
    Employer,
}

/// A BankID signature as received (base64 strings, exactly as BankID gave them).
#[derive(Clone, PartialEq, Eq)]
pub struct StoredSignature {
    pub signature: String,
    pub ocsp_response: String,
    /// Local wall clock `YYYY-MM-DDTHH:MM:SS`.
    pub signed_at: String,
}

impl std::fmt::Debug for StoredSignature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredSignature")
            .field(
                "signature",
                &format_args!("[{} bytes]", self.signature.len()),
            )
            .field(
                "ocsp_response",
                &format_args!("[{} bytes]", self.ocsp_response.len()),
            )
            .field("signed_at", &self.signed_at)
            .finish()
    }
}

/// One stored time report (current or history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReport {
    pub row_id: i64,
    pub assistant_id: AssistantId,
    pub month: YearMonth,
    pub report_id: Uuid,
    /// The frozen document, exactly as signed and sent.
    pub document: Vec<u8>,
    pub sha256: String,
    pub locked_at: String,
    pub assistant_signature: Option<StoredSignature>,
    pub employer_signature: Option<StoredSignature>,
    pub state: OutboxState,
    pub tx_id: Option<String>,
    pub sent_at: Option<String>,
    pub attempts: u32,
    pub next_attempt_at: Option<String>,
    /// FK's refusal or the outbox's problem (stored as `{key, params}`; older rows as text).
    pub problem: Option<Message>,
    pub superseded: bool,
}

/// A frozen document to store as the current report of its assistant and month.
#[derive(Debug, Clone)]
pub struct NewReport<'a> {
    pub assistant_id: AssistantId,
    pub month: YearMonth,
    pub report_id: Uuid,
    pub document: &'a [u8],
    pub sha256: &'a str,
    pub locked_at: &'a str,
    pub state: OutboxState,
}

/// What the sender got for one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendResult {
    Sent {
        tx_id: String,
        at: String,
    },
    Rejected {
        problem: Message,
        raw: String,
    },
    /// FK did not get it (no connection, or refused for pace): try again at `next_attempt_at`.
    Retry {
        problem: Message,
        next_attempt_at: String,
    },
    /// FK may have it: never re-sent without the user.
    Uncertain {
        problem: Message,
    },
}

/// The sender's next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This report is now `sending`; the pace row holds this request's start.
    Send(Box<StoredReport>),
    /// Something is queued but the pace (or its retry time) says wait until this UTC
    /// millisecond.
    WaitUntilMs(i64),
    /// Nothing to send now; `Some` local time of the earliest retry.
    Idle(Option<String>),
}

/// The `state` column as [`OutboxState`] reads it: a `paper` row not yet confirmed sent is
/// `paper_opened`.
pub(crate) const PAPER_STATE: &str =
    "CASE WHEN state = 'paper' AND sent_at IS NULL THEN 'paper_opened' ELSE state END";

const COLUMNS: &str = "id, assistant_id, month, report_id, document, sha256, locked_at, \
    assistant_signature, assistant_ocsp, assistant_signed_at, employer_signature, employer_ocsp, \
    employer_signed_at, state, tx_id, sent_at, attempts, next_attempt_at, problem, superseded_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<StoredReport> {
    let bad = |index: usize, what: &'static str| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, what.into())
    };
    let month: String = row.get(2)?;
    let report_id: String = row.get(3)?;
    let state: String = row.get(13)?;
    let signature = |sig: usize| -> rusqlite::Result<Option<StoredSignature>> {
        let signature: Option<String> = row.get(sig)?;
        let ocsp: Option<String> = row.get(sig + 1)?;
        let at: Option<String> = row.get(sig + 2)?;
        Ok(match (signature, ocsp) {
            (Some(signature), Some(ocsp_response)) => Some(StoredSignature {
                signature,
                ocsp_response,
                signed_at: at.unwrap_or_default(),
            }),
            _ => None,
        })
    };
    let superseded: Option<String> = row.get(19)?;
    let sent_at: Option<String> = row.get(15)?;
    let state = match OutboxState::parse(&state).ok_or_else(|| bad(13, "state"))? {
        OutboxState::Paper if sent_at.is_none() => OutboxState::PaperOpened,
        state => state,
    };
    Ok(StoredReport {
        row_id: row.get(0)?,
        assistant_id: AssistantId(row.get(1)?),
        month: YearMonth::parse(&month).map_err(|_| bad(2, "month"))?,
        report_id: Uuid::parse_str(&report_id).map_err(|_| bad(3, "report id"))?,
        document: row.get(4)?,
        sha256: row.get(5)?,
        locked_at: row.get(6)?,
        assistant_signature: signature(7)?,
        employer_signature: signature(10)?,
        state,
        tx_id: row.get(14)?,
        sent_at,
        attempts: row.get(16)?,
        next_attempt_at: row.get(17)?,
        problem: row
            .get::<_, Option<String>>(18)?
            .map(|m| super::message_from_column(&m)),
        superseded: superseded.is_some(),
    })
}

fn month_key(month: YearMonth) -> String {
    month.to_string()
}

impl Store {
    /// The stable report id of an assistant's month (made on first use).
    pub fn report_id(&mut self, assistant: AssistantId, month: YearMonth) -> Result<Uuid> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: Option<String> = tx
            .query_row(
                "SELECT report_id FROM report_ids WHERE assistant_id = ?1 AND month = ?2",
                params![assistant.0, month_key(month)],
                |row| row.get(0),
            )
            .optional()?;
        let id = match found {
            Some(text) => Uuid::parse_str(&text).map_err(|_| {
                Error::Storage(rusqlite::Error::InvalidColumnType(
                    0,
                    "report_id".into(),
                    rusqlite::types::Type::Text,
                ))
            })?,
            None => {
                let id = Uuid::new_v4();
                tx.execute(
                    "INSERT INTO report_ids (assistant_id, month, report_id) VALUES (?1, ?2, ?3)",
                    params![assistant.0, month_key(month), id.to_string()],
                )?;
                id
            }
        };
        tx.commit()?;
        Ok(id)
    }

    /// Stores a locked document as the current report. Refused (`NotAllowed`) when a current
    /// report already exists.
    pub fn insert_report(&mut self, new: &NewReport<'_>) -> Result<StoredReport> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM time_reports
              WHERE assistant_id = ?1 AND month = ?2 AND superseded_at IS NULL)",
            params![new.assistant_id.0, month_key(new.month)],
            |row| row.get(0),
        )?;
        if exists {
            return Err(Error::NotAllowed(
                crate::message::Key::ReportAlreadyLocked.into(),
            ));
        }
        tx.execute(
            "INSERT INTO time_reports (assistant_id, month, report_id, document, sha256, locked_at, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                new.assistant_id.0,
                month_key(new.month),
                new.report_id.to_string(),
                new.document,
                new.sha256,
                new.locked_at,
                new.state.as_str()
            ],
        )?;
        let id = tx.last_insert_rowid();
        let report = tx.query_row(
            &format!("SELECT {COLUMNS} FROM time_reports WHERE id = ?1"),
            [id],
            from_row,
        )?;
        tx.commit()?;
        tracing::info!(
            report_row = id,
            state = new.state.as_str(),
            "time report locked"
        );
        Ok(report)
    }

    /// The current report of an assistant's month, if locked.
    pub fn current_report(
        &self,
        assistant: AssistantId,
        month: YearMonth,
    ) -> Result<Option<StoredReport>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM time_reports
                     WHERE assistant_id = ?1 AND month = ?2 AND superseded_at IS NULL"
                ),
                params![assistant.0, month_key(month)],
                from_row,
            )
            .optional()?)
    }

    /// The current reports of a month.
    pub fn month_reports(&self, month: YearMonth) -> Result<Vec<StoredReport>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM time_reports WHERE month = ?1 AND superseded_at IS NULL
             ORDER BY assistant_id"
        ))?;
        let rows = statement
            .query_map([month_key(month)], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The state and which signatures are present, per assistant, of the month's current
    /// reports (a light read for the month screen).
    pub fn month_report_states(
        &self,
        month: YearMonth,
    ) -> Result<Vec<(AssistantId, OutboxState, bool, bool)>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT assistant_id, {PAPER_STATE}, assistant_signature IS NOT NULL,
                    employer_signature IS NOT NULL
             FROM time_reports WHERE month = ?1 AND superseded_at IS NULL"
        ))?;
        let rows = statement
            .query_map([month_key(month)], |row| {
                let state: String = row.get(1)?;
                Ok((
                    AssistantId(row.get(0)?),
                    OutboxState::parse(&state).unwrap_or(OutboxState::Locked),
                    row.get(2)?,
                    row.get(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// A report by its row id (current or history).
    pub fn report_by_row(&self, row_id: i64) -> Result<Option<StoredReport>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM time_reports WHERE id = ?1"),
                [row_id],
                from_row,
            )
            .optional()?)
    }

    /// Every report that went out (or was meant to): sent, rejected, uncertain, paper, and
    /// superseded versions of those; newest first.
    pub fn report_history(&self) -> Result<Vec<StoredReport>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM time_reports
             WHERE state IN ('sent', 'rejected', 'uncertain', 'paper')
             ORDER BY COALESCE(sent_at, locked_at) DESC, id DESC"
        ))?;
        let rows = statement
            .query_map([], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Unlocks the current report: a locked, paper or rejected one is removed (its signatures
    /// with it); a sent or uncertain one becomes history, so the month can be corrected and sent
    /// again. Refused while queued or sending.
    pub fn unlock_report(&mut self, assistant: AssistantId, month: YearMonth) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let state: Option<String> = tx
            .query_row(
                "SELECT state FROM time_reports
                 WHERE assistant_id = ?1 AND month = ?2 AND superseded_at IS NULL",
                params![assistant.0, month_key(month)],
                |row| row.get(0),
            )
            .optional()?;
        match state.as_deref().and_then(OutboxState::parse) {
            None => return Err(Error::NotFound(Entity::TimeReport)),
            Some(OutboxState::Queued | OutboxState::Sending) => {
                return Err(Error::NotAllowed(
                    crate::message::Key::ReportBeingSent.into(),
                ))
            }
            Some(OutboxState::Locked | OutboxState::Paper | OutboxState::PaperOpened) => {
                tx.execute(
                    "DELETE FROM time_reports
                     WHERE assistant_id = ?1 AND month = ?2 AND superseded_at IS NULL",
                    params![assistant.0, month_key(month)],
                )?;
            }
            Some(OutboxState::Sent | OutboxState::Rejected | OutboxState::Uncertain) => {
                tx.execute(
                    "UPDATE time_reports SET superseded_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                     WHERE assistant_id = ?1 AND month = ?2 AND superseded_at IS NULL",
                    params![assistant.0, month_key(month)],
                )?;
            }
        }
        tx.commit()?;
        tracing::info!(assistant_id = assistant.0, "time report unlocked");
        Ok(())
    }

    /// Stores a signature on the report `row_id`, only if it is still current, locked, and its
    /// document hash is `sha256` (the one that was signed). `false` when it changed meanwhile.
    pub fn store_signature(
        &mut self,
        row_id: i64,
        sha256: &str,
        side: SignerSide,
        signature: &StoredSignature,
    ) -> Result<bool> {
        let sql = match side {
            SignerSide::Assistant => {
                "UPDATE time_reports SET assistant_signature = ?3, assistant_ocsp = ?4, assistant_signed_at = ?5
                 WHERE id = ?1 AND sha256 = ?2 AND superseded_at IS NULL AND state = 'locked'"
            }
            SignerSide::Employer => {
                "UPDATE time_reports SET employer_signature = ?3, employer_ocsp = ?4, employer_signed_at = ?5
                 WHERE id = ?1 AND sha256 = ?2 AND superseded_at IS NULL AND state = 'locked'"
            }
        };
        let changed = self.conn.execute(
            sql,
            params![
                row_id,
                sha256,
                signature.signature,
                signature.ocsp_response,
                signature.signed_at
            ],
        )?;
        Ok(changed == 1)
    }

    /// Queues every current, locked, fully signed report of the month. Returns how many.
    pub fn queue_signed(&mut self, month: YearMonth) -> Result<usize> {
        let changed = self.conn.execute(
            "UPDATE time_reports SET state = 'queued', next_attempt_at = NULL, problem = NULL
             WHERE month = ?1 AND superseded_at IS NULL AND state = 'locked'
               AND assistant_signature IS NOT NULL AND employer_signature IS NOT NULL",
            [month_key(month)],
        )?;
        if changed > 0 {
            tracing::info!(count = changed, "time reports queued");
        }
        Ok(changed)
    }

    /// Queues one report again on the user's explicit choice: an uncertain one (after checking
    /// with FK), or a signed correction of a report that was sent before.
    pub fn requeue(&mut self, assistant: AssistantId, month: YearMonth) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE time_reports SET state = 'queued', next_attempt_at = NULL, problem = NULL
             WHERE assistant_id = ?1 AND month = ?2 AND superseded_at IS NULL
               AND (state = 'uncertain'
                    OR (state = 'locked' AND assistant_signature IS NOT NULL
                        AND employer_signature IS NOT NULL))",
            params![assistant.0, month_key(month)],
        )?;
        if changed == 0 {
            return Err(Error::NotAllowed(
                crate::message::Key::ReportCannotResend.into(),
            ));
        }
        Ok(())
    }

    /// Marks an uncertain report as received (the user confirmed it with FK).
    pub fn mark_uncertain_received(
        &mut self,
        assistant: AssistantId,
        month: YearMonth,
        at: &str,
    ) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE time_reports SET state = 'sent', sent_at = ?3, problem = NULL
             WHERE assistant_id = ?1 AND month = ?2 AND superseded_at IS NULL AND state = 'uncertain'",
            params![assistant.0, month_key(month), at],
        )?;
        if changed == 0 {
            return Err(Error::NotAllowed(
                crate::message::Key::ReportCannotMarkReceived.into(),
            ));
        }
        Ok(())
    }

    /// Marks the current report as printed on paper (FK 3059 filled and opened): `paper` with
    /// `sent_at` null, or kept as it is when it was already confirmed sent.
    pub fn mark_paper(&mut self, row_id: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE time_reports SET state = 'paper'
             WHERE id = ?1 AND superseded_at IS NULL AND state IN ('locked', 'paper')",
            params![row_id],
        )?;
        Ok(())
    }

    /// Records that the user printed, signed and sent the paper report (`at`), or with `None`
    /// takes that back. Refused unless the current report is on paper.
    pub fn set_paper_sent(
        &mut self,
        assistant: AssistantId,
        month: YearMonth,
        at: Option<&str>,
    ) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE time_reports SET sent_at = ?3
             WHERE assistant_id = ?1 AND month = ?2 AND superseded_at IS NULL AND state = 'paper'",
            params![assistant.0, month_key(month), at],
        )?;
        if changed == 0 {
            return Err(Error::NotAllowed(
                crate::message::Key::ReportNotOnPaper.into(),
            ));
        }
        Ok(())
    }

    /// After a crash: a report left `sending` may have reached FK. It becomes `uncertain` with
    /// `problem`, so it is never re-sent without the user. Returns how many.
    pub fn recover_interrupted_sends(&mut self, problem: impl Into<Message>) -> Result<usize> {
        let changed = self.conn.execute(
            "UPDATE time_reports SET state = 'uncertain', problem = ?1 WHERE state = 'sending'",
            [super::message_json(&problem.into())],
        )?;
        if changed > 0 {
            tracing::warn!(
                count = changed,
                "interrupted sends marked uncertain after restart"
            );
        }
        Ok(changed)
    }

    /// Whether anything is queued or being sent.
    pub fn outbox_busy(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM time_reports WHERE state IN ('queued', 'sending'))",
            [],
            |row| row.get(0),
        )?)
    }

    /// Claims the next queued report for sending, keeping the installation's pace: no two
    /// requests start less than `spacing_ms` apart (the pace row is shared by every process
    /// that opens this database, and survives restarts). `now_ms` is UTC milliseconds,
    /// `now_local` the local wall clock (`YYYY-MM-DDTHH:MM:SS`) for retry times.
    pub fn claim_next_send(
        &mut self,
        now_ms: i64,
        now_local: &str,
        spacing_ms: i64,
    ) -> Result<Claim> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let next: Option<i64> = tx
            .query_row(
                "SELECT id FROM time_reports
                 WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
                 ORDER BY id LIMIT 1",
                [now_local],
                |row| row.get(0),
            )
            .optional()?;
        let Some(row_id) = next else {
            let earliest: Option<String> = tx.query_row(
                "SELECT min(next_attempt_at) FROM time_reports WHERE state = 'queued'",
                [],
                |row| row.get(0),
            )?;
            return Ok(Claim::Idle(earliest));
        };
        let last: Option<i64> = tx
            .query_row(
                "SELECT last_request_ms FROM elt_pace WHERE id = 1",
                [],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(last) = last {
            // A clock that went backwards counts from the stored time: wait rather than burst.
            let earliest = last + spacing_ms;
            if now_ms < earliest {
                return Ok(Claim::WaitUntilMs(earliest));
            }
        }
        tx.execute(
            "INSERT INTO elt_pace (id, last_request_ms) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET last_request_ms = excluded.last_request_ms",
            [now_ms],
        )?;
        tx.execute(
            "UPDATE time_reports SET state = 'sending', attempts = attempts + 1 WHERE id = ?1",
            [row_id],
        )?;
        let report = tx.query_row(
            &format!("SELECT {COLUMNS} FROM time_reports WHERE id = ?1"),
            [row_id],
            from_row,
        )?;
        tx.commit()?;
        Ok(Claim::Send(Box::new(report)))
    }

    /// Records what one attempt got. Only a report in `sending` changes. `now_ms` (UTC
    /// milliseconds, when the answer came) also moves the pace row forward, so the next request
    /// starts a full spacing after this one ended: FK then sees them at least that far apart
    /// even when this one spent time on its TLS handshake.
    pub fn finish_send(&mut self, row_id: i64, result: &SendResult, now_ms: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO elt_pace (id, last_request_ms) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET last_request_ms = max(last_request_ms, excluded.last_request_ms)",
            [now_ms],
        )?;
        let changed = match result {
            SendResult::Sent { tx_id, at } => tx.execute(
                "UPDATE time_reports SET state = 'sent', tx_id = ?2, sent_at = ?3, problem = NULL,
                        raw_reply = NULL, next_attempt_at = NULL
                 WHERE id = ?1 AND state = 'sending'",
                params![row_id, tx_id, at],
            )?,
            SendResult::Rejected { problem, raw } => tx.execute(
                "UPDATE time_reports SET state = 'rejected', problem = ?2, raw_reply = ?3
                 WHERE id = ?1 AND state = 'sending'",
                params![row_id, super::message_json(problem), raw],
            )?,
            SendResult::Retry {
                problem,
                next_attempt_at,
            } => tx.execute(
                "UPDATE time_reports SET state = 'queued', problem = ?2, next_attempt_at = ?3
                 WHERE id = ?1 AND state = 'sending'",
                params![row_id, super::message_json(problem), next_attempt_at],
            )?,
            SendResult::Uncertain { problem } => tx.execute(
                "UPDATE time_reports SET state = 'uncertain', problem = ?2
                 WHERE id = ?1 AND state = 'sending'",
                params![row_id, super::message_json(problem)],
            )?,
        };
        tx.commit()?;
        if changed == 0 {
            tracing::warn!(
                report_row = row_id,
                "send result for a report not in sending"
            );
        }
        Ok(())
    }
}
