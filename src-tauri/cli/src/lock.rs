//! `lock`: freezes the month's time report of one assistant, or of every assistant who signs
//! with BankID, each in its own transaction, acknowledged on stdout (flushed) only after its
//! commit with the report id and the SHA-256 of the frozen bytes. A report already locked (or
//! further on) is left as it is and said so, so the command can simply be run again.

use std::io::Write;

use timbok_core::hours::{AssistantId, YearMonth};
use timbok_core::identity::IdKind;
use timbok_core::Timbok;

/// Locks `month` for `only` (or every BankID assistant), writing one line per assistant to
/// `out`. An assistant whose report cannot be locked is named on stderr and the others are
/// still locked; the result is then an error.
pub fn run(
    timbok: &mut Timbok,
    month: YearMonth,
    only: Option<AssistantId>,
    out: &mut impl Write,
) -> Result<(), String> {
    let reports = timbok.time_reports(month).map_err(|e| e.to_string())?;
    let write_error = |e: std::io::Error| format!("Utdata kunde inte skrivas: {e}");
    let mut failed = 0;
    for report in reports
        .reports
        .iter()
        .filter(|r| only.is_none() || only == Some(r.assistant.id))
    {
        let number = report.assistant.personnummer.as_str();
        if let Some(stored) = &report.stored {
            writeln!(
                out,
                "{number} {month}: redan låst ({}), id {}, sha256 {}",
                report.status.as_str(),
                stored.report_id,
                stored.sha256
            )
            .and_then(|()| out.flush())
            .map_err(write_error)?;
            continue;
        }
        if only.is_none() && report.assistant.id_kind() == IdKind::Samordningsnummer {
            writeln!(
                out,
                "{number} {month}: samordningsnummer, lämnas på papper (paper-report)"
            )
            .and_then(|()| out.flush())
            .map_err(write_error)?;
            continue;
        }
        let locked = timbok
            .lock_report(month, report.assistant.id)
            .and_then(|()| timbok.report_document(month, report.assistant.id));
        match locked {
            Ok(document) => writeln!(
                out,
                "{number} {month}: låst, id {}, sha256 {}",
                document.id(),
                document.sha256_hex()
            )
            .and_then(|()| out.flush())
            .map_err(write_error)?,
            Err(error) => {
                failed += 1;
                eprintln!("{number} {month}: {error}");
            }
        }
    }
    if only.is_some() && reports.reports.iter().all(|r| Some(r.assistant.id) != only) {
        return Err("Det finns ingen assistent med det personnumret i databasen.".into());
    }
    if failed > 0 {
        return Err(format!(
            "{failed} tidsredovisning(ar) kunde inte låsas; de andra är låsta."
        ));
    }
    Ok(())
}
