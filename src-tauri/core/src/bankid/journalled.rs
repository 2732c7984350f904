//! BankID calls in the call journal: a transport that writes each request's answer (status,
//! duration, body redacted by [`crate::journal::redact`]'s allowlist) to the journal of the
//! database it is given, around any other transport.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

use super::client::{BankIdTransport, RawReply, TransportError};
use crate::journal::redact;
use crate::store::{CallRecord, Store};
use crate::Clock;

/// `inner`, with every call journalled in the database at `db_path` (opened per call, so the
/// transport holds no connection and works from any task).
pub struct JournalledTransport {
    inner: Arc<dyn BankIdTransport>,
    db_path: PathBuf,
    clock: Clock,
}

impl JournalledTransport {
    pub fn new(
        inner: Arc<dyn BankIdTransport>,
        db_path: &Path,
        clock: Clock,
    ) -> JournalledTransport {
        JournalledTransport {
            inner,
            db_path: db_path.to_path_buf(),
            clock,
        }
    }

    fn journal(&self, record: &CallRecord) {
        let written = Store::open(&self.db_path).and_then(|mut store| store.journal_call(record));
        if let Err(error) = written {
            tracing::warn!(%error, endpoint = %record.endpoint, "bankid: the call could not be journalled");
        }
    }
}

#[async_trait]
impl BankIdTransport for JournalledTransport {
    async fn post(&self, path: &str, body: Vec<u8>) -> Result<RawReply, TransportError> {
        let at = self.clock.now().format("%Y-%m-%dT%H:%M:%S").to_string();
        let started = std::time::Instant::now();
        let reply = self.inner.post(path, body).await;
        let (status, body) = match &reply {
            Ok(reply) => (Some(reply.status), redact(&reply.body)),
            Err(_) => (None, String::new()),
        };
        self.journal(&CallRecord {
            at,
            service: "bankid".into(),
            endpoint: format!("POST /rp/v6.0/{path}"),
            status,
            duration_ms: started.elapsed().as_millis() as u64,
            fingerprint: None,
            body,
        });
        reply
    }

    async fn local_address(&self) -> Option<IpAddr> {
        self.inner.local_address().await
    }
}
