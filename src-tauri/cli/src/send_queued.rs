//! `send-queued`: sends what the outbox holds to an ELT endpoint named on the command line,
//! with the installation's pace (one request per second at most, shared with the app through
//! the database). A report left `sending` by an earlier run that was killed becomes uncertain
//! first (never sent twice). One line per report that changed; exit 1 if any is not sent.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use timbok_core::connection::Trust;
use timbok_core::elt::client::HttpsTransport;
use timbok_core::outbox::{Backoff, Sender};
use timbok_core::pkcs12::ClientIdentity;
use timbok_core::Clock;

use crate::flush_stdout;

pub const PASSPHRASE_ENV: &str = "TIMBOK_ELT_P12_PASSPHRASE";

pub async fn run(db: &Path, elt_url: &str, ca: Option<&Path>, p12: &Path) -> Result<(), String> {
    let passphrase = std::env::var(PASSPHRASE_ENV).map_err(|_| {
        format!("Ange lösenordet till .p12-filen i miljövariabeln {PASSPHRASE_ENV}.")
    })?;
    let bytes = std::fs::read(p12).map_err(|e| format!("Certifikatfilen kunde inte läsas: {e}"))?;
    let identity = ClientIdentity::open(
        &bytes,
        &timbok_core::credentials::SecretBytes::new(passphrase),
    )
    .map_err(|p| p.message().to_string())?;
    let trust = match ca {
        Some(path) => {
            let pem = std::fs::read_to_string(path)
                .map_err(|e| format!("CA-filen kunde inte läsas: {e}"))?;
            Trust::only_pem(&pem).map_err(|e| e.to_string())?
        }
        None => Trust::System,
    };
    let transport = HttpsTransport::new(elt_url, &trust, &identity).map_err(|e| e.to_string())?;
    let sender = Sender::new(db, Arc::new(transport), Clock::System).with_backoff(Backoff {
        first: Duration::from_secs(2),
        max: Duration::from_secs(30),
    });
    let recovered = sender.recover().map_err(|e| e.to_string())?;
    if recovered > 0 {
        println!("{recovered} tidsredovisning(ar) avbröts under sändning förra gången och är nu osäkra (skickas inte igen utan att du väljer det).");
        flush_stdout()?;
    }
    let progress = sender
        .run_until_done(Duration::from_secs(120))
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Skickade: {}, avvisade: {}, osäkra: {}, försök som väntar: {}",
        progress.sent,
        progress.rejected,
        progress.uncertain + recovered,
        progress.retried
    );
    flush_stdout()?;
    if progress.rejected + progress.uncertain + recovered > 0 {
        return Err("Alla tidsredovisningar kunde inte skickas.".into());
    }
    Ok(())
}
