//! Signing time reports with BankID: what is signed (elt.md: `<id>,<sha256>` entries joined
//! with `;` in `userNonVisibleData`, a short summary in `userVisibleData`), by whom (the
//! assistant their own report; the employer all locked reports of the month at once), and
//! storing the signature only after checking the signer (bankid.md, "Trust").
//!
//! [`SigningDesk`] ties a running BankID session ([`crate::bankid::Signings`]) to the reports
//! it signs. The app and `timbok-cli` poll it; on completion the caller stores the signature
//! through [`Timbok::record_signature`] inside the closure it passes, so the desk itself never
//! holds the database.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use uuid::Uuid;

use super::{full_name, require_household, stamp, ReportStatus};
use crate::bankid::{
    check_signer, BankIdTransport, Completion, Device, SessionId, SessionState, SignOrder, Signings,
};
use crate::elt::document;
use crate::error::{Entity, Error, Result};
use crate::hours::{AssistantId, Totals, YearMonth};
use crate::identity::{IdKind, PersonalId};
use crate::message::{Key, Message};
use crate::store::{OutboxState, SignerSide, StoredSignature};
use crate::Timbok;

/// Who signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signer {
    /// The assistant signs their own report.
    Assistant(AssistantId),
    /// The employer signs every locked report of the month that lacks their signature.
    Employer,
}

/// One report in a signing: its row and the hash that is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedEntry {
    pub row_id: i64,
    pub report_id: Uuid,
    pub sha256: String,
}

/// What one BankID order signs.
#[derive(Debug, Clone)]
pub struct SigningRequest {
    pub side: SignerSide,
    pub entries: Vec<SignedEntry>,
    /// Only this person may sign.
    pub personal_number: PersonalId,
    /// `userVisibleData` (simple markdown): whose reports, which month, hours per kind.
    pub visible_text: String,
    /// `userNonVisibleData`: the entries `<id>,<sha256>` joined with `;`.
    pub non_visible_text: String,
}

fn hours(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

fn summary_line(name: &str, totals: &Totals) -> String {
    format!(
        "{name}: aktiv tid {}, väntetid {}, beredskapstid {}",
        hours(totals.aktiv),
        hours(totals.vantetid),
        hours(totals.beredskap)
    )
}

impl Timbok {
    /// What `signer` is to sign now, or why nothing can be signed.
    pub fn signing_request(&self, month: YearMonth, signer: Signer) -> Result<SigningRequest> {
        let household = require_household(self)?;
        let overview = self.time_reports(month)?;
        let mut entries = Vec::new();
        let mut lines = Vec::new();
        let (side, personal_number) = match signer {
            Signer::Assistant(id) => {
                let report = overview
                    .reports
                    .iter()
                    .find(|r| r.assistant.id == id)
                    .ok_or(Error::NotFound(Entity::Assistant))?;
                if report.assistant.id_kind() == IdKind::Samordningsnummer {
                    return Err(Error::NotAllowed(
                        crate::message::Key::AssistantCannotSignBankid.into(),
                    ));
                }
                let stored = match (&report.stored, report.status) {
                    (Some(stored), ReportStatus::Locked | ReportStatus::SignedByEmployer) => stored,
                    (_, ReportStatus::Open) => {
                        return Err(Error::NotAllowed(
                            crate::message::Key::ReportLockFirst.into(),
                        ))
                    }
                    _ => {
                        return Err(Error::NotAllowed(
                            crate::message::Key::AssistantAlreadySigned.into(),
                        ))
                    }
                };
                entries.push(SignedEntry {
                    row_id: stored.row_id,
                    report_id: stored.report_id,
                    sha256: stored.sha256.clone(),
                });
                let name = full_name(&report.assistant.first_name, &report.assistant.last_name);
                lines.push(summary_line(&name, &report.totals));
                (SignerSide::Assistant, report.assistant.personnummer.clone())
            }
            Signer::Employer => {
                let employer = document::employer(&household).map_err(Error::from)?;
                for report in &overview.reports {
                    let Some(stored) = &report.stored else {
                        continue;
                    };
                    if stored.state != OutboxState::Locked || stored.employer_signature.is_some() {
                        continue;
                    }
                    entries.push(SignedEntry {
                        row_id: stored.row_id,
                        report_id: stored.report_id,
                        sha256: stored.sha256.clone(),
                    });
                    let name = full_name(&report.assistant.first_name, &report.assistant.last_name);
                    lines.push(summary_line(&name, &report.totals));
                }
                if entries.is_empty() {
                    return Err(Error::NotAllowed(
                        crate::message::Key::NothingForEmployerToSign.into(),
                    ));
                }
                (SignerSide::Employer, employer.personnummer.clone())
            }
        };
        let non_visible_text = entries
            .iter()
            .map(|e| format!("{},{}", e.report_id.hyphenated(), e.sha256))
            .collect::<Vec<_>>()
            .join(";");
        let who = match side {
            SignerSide::Assistant => "Jag intygar som assistent att uppgifterna stämmer.",
            SignerSide::Employer => {
                "Jag intygar som arbetsgivare (eller för den assistansberättigade) att uppgifterna stämmer."
            }
        };
        let visible_text = format!(
            "# Tidsredovisning till Försäkringskassan\n\n*{}*\n\n{}\n\n{}",
            month.label_sv(),
            lines.join("\n\n"),
            who
        );
        Ok(SigningRequest {
            side,
            entries,
            personal_number,
            visible_text,
            non_visible_text,
        })
    }

    /// Stores a completed BankID signature on every report of `request`, after checking that
    /// the signer is the one the reports name. Nothing is stored when any report changed since
    /// the signing started (it must be signed again).
    pub fn record_signature(
        &mut self,
        request: &SigningRequest,
        completion: &Completion,
    ) -> Result<()> {
        check_signer(completion, &request.personal_number)
            .map_err(|_| Error::NotAllowed(crate::message::Key::SigningWrongSigner.into()))?;
        let signature = StoredSignature {
            signature: completion.signature.clone(),
            ocsp_response: completion.ocsp_response.clone(),
            signed_at: stamp(self),
        };
        let store = self.store_mut();
        let mut changed = 0;
        for entry in &request.entries {
            if !store.store_signature(entry.row_id, &entry.sha256, request.side, &signature)? {
                changed += 1;
            }
        }
        tracing::info!(
            reports = request.entries.len(),
            changed,
            side = ?request.side,
            "bankid signature recorded"
        );
        if changed > 0 {
            return Err(Error::NotAllowed(
                crate::message::Key::ReportChangedWhileSigning.into(),
            ));
        }
        Ok(())
    }
}

/// Where a signing stands, for the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigningState {
    Pending,
    Complete,
    Failed,
    Cancelled,
}

/// What the signing dialog shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningProgress {
    pub state: SigningState,
    /// BankID's hint while pending, else the result.
    pub message: Message,
    /// Another device, while pending: this second's QR code (SVG).
    pub qr_svg: Option<String>,
}

/// Running signings and the reports each one signs. Cheap to clone.
#[derive(Clone)]
pub struct SigningDesk {
    signings: Signings,
    requests: Arc<Mutex<HashMap<SessionId, SigningRequest>>>,
    finished: Arc<Mutex<HashMap<SessionId, SigningProgress>>>,
}

impl SigningDesk {
    pub fn new(transport: Arc<dyn BankIdTransport>) -> SigningDesk {
        SigningDesk {
            signings: Signings::new(transport),
            requests: Arc::default(),
            finished: Arc::default(),
        }
    }

    /// Starts the BankID order for `request`. With [`Device::ThisDevice`] the caller opens the
    /// returned autostart link with the system's URL handler.
    pub async fn start(
        &self,
        request: SigningRequest,
        device: Device,
    ) -> Result<(SessionId, Option<String>)> {
        // A desktop app talking to BankID directly: the user's device is this machine, and
        // BankID sees the local address of the connection.
        let order = SignOrder {
            end_user_ip: self.signings.end_user_ip().await,
            visible_text: request.visible_text.clone(),
            non_visible_text: request.non_visible_text.clone(),
            personal_number: request.personal_number.clone(),
        };
        let id = self
            .signings
            .start(order, device)
            .await
            .map_err(|e| Error::Network(e.message()))?;
        self.requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, request);
        let autostart = self.signings.status(id).and_then(|v| v.autostart_url);
        Ok((id, autostart))
    }

    /// The report ids a session signs.
    pub fn report_ids(&self, id: SessionId) -> Vec<Uuid> {
        self.requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
            .map(|r| r.entries.iter().map(|e| e.report_id).collect())
            .unwrap_or_default()
    }

    /// Where the session stands. On completion `record` is called once (with the request and
    /// BankID's completion) to check and store the signature; its error becomes a failed
    /// signing with that message.
    pub fn poll(
        &self,
        id: SessionId,
        record: impl FnOnce(&SigningRequest, &Completion) -> Result<()>,
    ) -> Result<SigningProgress> {
        if let Some(done) = self
            .finished
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
        {
            return Ok(done.clone());
        }
        let view = self
            .signings
            .status(id)
            .ok_or(Error::NotFound(Entity::SigningSession))?;
        let progress = match view.state {
            SessionState::Pending { hint_text } => {
                return Ok(SigningProgress {
                    state: SigningState::Pending,
                    message: hint_text,
                    qr_svg: view.qr_svg,
                })
            }
            SessionState::Complete(_) => {
                let completion = self.signings.take_completion(id);
                let request = self
                    .requests
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .remove(&id);
                match (completion, request) {
                    (Some(completion), Some(request)) => match record(&request, &completion) {
                        Ok(()) => SigningProgress {
                            state: SigningState::Complete,
                            message: Key::SigningComplete.into(),
                            qr_svg: None,
                        },
                        Err(error) => SigningProgress {
                            state: SigningState::Failed,
                            message: error.message(),
                            qr_svg: None,
                        },
                    },
                    _ => return Err(Error::NotFound(Entity::SigningSession)),
                }
            }
            SessionState::Failed { text } => SigningProgress {
                state: SigningState::Failed,
                message: text,
                qr_svg: None,
            },
            SessionState::Cancelled => SigningProgress {
                state: SigningState::Cancelled,
                message: Key::SigningCancelled.into(),
                qr_svg: None,
            },
        };
        self.finished
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, progress.clone());
        Ok(progress)
    }

    /// Starts a signing and polls it every `every` until it ends, for callers without a dialog
    /// (`timbok-cli demo-send`, tests). `record` stores the signature on completion, as in
    /// [`SigningDesk::poll`]; a failed or cancelled signing is `Error::NotAllowed` with its
    /// message.
    pub async fn sign_and_wait(
        &self,
        request: SigningRequest,
        device: Device,
        every: std::time::Duration,
        mut record: impl FnMut(&SigningRequest, &Completion) -> Result<()>,
    ) -> Result<()> {
        let (session, _) = self.start(request, device).await?;
        loop {
            let progress = self.poll(session, &mut record)?;
            match progress.state {
                SigningState::Pending => tokio::time::sleep(every).await,
                SigningState::Complete => return Ok(()),
                SigningState::Failed | SigningState::Cancelled => {
                    return Err(Error::NotAllowed(progress.message))
                }
            }
        }
    }

    /// Cancels a pending signing (also when the dialog is closed).
    pub async fn cancel(&self, id: SessionId) -> Result<()> {
        self.signings
            .cancel(id)
            .await
            .map_err(|e| Error::Network(e.message()))?;
        self.requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
        Ok(())
    }
}
