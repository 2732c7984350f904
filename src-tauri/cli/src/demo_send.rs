//! `demo-send YYYY-MM`: the whole month of time reports against a simulator this command
//! starts itself (its BankID signs every order as the requested person): lock each assistant's
//! report, the assistant's and the employer's BankID signatures, and the upload through the
//! outbox (one request per second at most). One line per report; exit 1 unless every report
//! that can go by BankID was sent.

use std::path::Path;
use std::time::Duration;

use timbok_core::bankid::Device;
use timbok_core::hours::YearMonth;
use timbok_core::identity::IdKind;
use timbok_core::outbox::Backoff;
use timbok_core::reports::signing::{Signer, SigningDesk};
use timbok_core::reports::ReportStatus;
use timbok_core::services::SimulatorAccess;
use timbok_core::session::Remote;
use timbok_core::{Clock, Timbok};
use timbok_sim::{SimConfig, Simulator};

pub async fn run(db: &Path, month: YearMonth) -> Result<(), String> {
    let text = |e: timbok_core::Error| e.to_string();
    let mut timbok = Timbok::open(db).map_err(text)?;
    let folder = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut config = SimConfig::new(folder.path());
    config.bankid_auto_complete = true;
    config.bankid_auto_complete_after = Duration::from_millis(300);
    let sim = Simulator::start(config)
        .await
        .map_err(|e| format!("Simulatorn kunde inte starta: {e}"))?;
    let (target, secrets) = SimulatorAccess::connect_info(&sim.info_json()).map_err(text)?;
    // The remote side as the app builds it: every BankID call goes to the call journal.
    let remote = Remote::connect(
        db,
        &target,
        std::sync::Arc::new(secrets),
        std::sync::Arc::new(NoPages),
        Clock::System,
    )
    .map_err(text)?;
    let desk = remote.signing();

    let overview = timbok.time_reports(month).map_err(text)?;
    for report in &overview.reports {
        let name = format!(
            "{} {}",
            report.assistant.first_name, report.assistant.last_name
        );
        if report.assistant.id_kind() == IdKind::Samordningsnummer {
            println!("{name}: samordningsnummer, lämnas på papper (FK 3059): timbok-cli kan inte skicka den.");
            continue;
        }
        if report.status == ReportStatus::Open {
            timbok
                .lock_report(month, report.assistant.id)
                .map_err(|e| format!("{name}: {e}"))?;
        }
        let now = timbok.time_reports(month).map_err(text)?;
        let status = now
            .reports
            .iter()
            .find(|r| r.assistant.id == report.assistant.id)
            .map(|r| r.status);
        if matches!(
            status,
            Some(ReportStatus::Locked | ReportStatus::SignedByEmployer)
        ) {
            sign(
                desk,
                &mut timbok,
                month,
                Signer::Assistant(report.assistant.id),
            )
            .await
            .map_err(|e| format!("{name}: {e}"))?;
        }
    }
    match timbok.signing_request(month, Signer::Employer) {
        Ok(_) => sign(desk, &mut timbok, month, Signer::Employer)
            .await
            .map_err(|e| format!("Arbetsgivaren: {e}"))?,
        Err(timbok_core::Error::NotAllowed(_)) => {}
        Err(e) => return Err(e.to_string()),
    }
    match timbok.queue_reports(month) {
        Ok(_) | Err(timbok_core::Error::NotAllowed(_)) => {}
        Err(e) => return Err(e.to_string()),
    }
    drop(timbok);
    let sender = remote.sender().map_err(text)?.with_backoff(Backoff {
        first: Duration::from_secs(2),
        max: Duration::from_secs(10),
    });
    sender.recover().map_err(text)?;
    sender
        .run_until_done(Duration::from_secs(60))
        .await
        .map_err(text)?;

    let timbok = Timbok::open(db).map_err(text)?;
    let result = timbok.time_reports(month).map_err(text)?;
    let mut missing = 0;
    for report in &result.reports {
        if report.assistant.id_kind() == IdKind::Samordningsnummer {
            continue;
        }
        let name = format!(
            "{} {}",
            report.assistant.first_name, report.assistant.last_name
        );
        let stored = report.stored.as_ref();
        match report.status {
            ReportStatus::Sent => println!(
                "{name}: skickad, transaktionsnummer {}",
                stored
                    .and_then(|s| s.tx_id.as_deref())
                    .unwrap_or("(bekräftad utan transaktionsnummer)")
            ),
            other => {
                missing += 1;
                println!(
                    "{name}: inte skickad ({}){}",
                    other.as_str(),
                    stored
                        .and_then(|s| s.problem.as_ref())
                        .map(|p| format!(": {p}"))
                        .unwrap_or_default()
                );
            }
        }
    }
    sim.shutdown().await;
    if missing > 0 {
        return Err(format!("{missing} tidsredovisning(ar) skickades inte."));
    }
    Ok(())
}

/// Nothing to open: the simulator's BankID signs by itself and no invoice is sent here.
struct NoPages;

impl timbok_core::invoice::desk::Surface for NoPages {
    fn open_url(&self, _url: &str) {}
    fn bring_to_front(&self) {}
}

async fn sign(
    desk: &SigningDesk,
    timbok: &mut Timbok,
    month: YearMonth,
    signer: Signer,
) -> Result<(), String> {
    let request = timbok
        .signing_request(month, signer)
        .map_err(|e| e.to_string())?;
    desk.sign_and_wait(
        request,
        Device::OtherDevice,
        Duration::from_millis(250),
        |request, completion| timbok.record_signature(request, completion),
    )
    .await
    .map_err(|e| e.to_string())
}
