//! `timbok-cli`: headless Timbok for automation, import and support. Every command takes
//! `--db PATH` and does its work through `timbok_core::Timbok`, like the app's commands.
//! Exit 0 on success; 1 with a Swedish message on stderr when the input or the data is wrong;
//! 2 for a usage error.

mod demo_invoice;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use timbok_core::hours::YearMonth;
use timbok_core::import::ImportFormat;
use timbok_core::Timbok;

#[derive(Parser)]
#[command(
    name = "timbok-cli",
    version,
    about = "Timbok utan fönster: import, månadsöversikt och support."
)]
struct Cli {
    /// The Timbok database file (created if missing).
    #[arg(long, value_name = "PATH", global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import shifts (CSV) or a household with assistants and shifts (JSON), all or nothing.
    Import {
        /// A .csv (`assistent_personnummer;start;slut;typ`) or .json file; see docs/import.md.
        file: PathBuf,
    },
    /// Rows, totals per kind of time and findings of one month.
    Month {
        /// The month, YYYY-MM.
        month: String,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Submit the month's invoice to a simulator started for the purpose, sign it there with
    /// a headless browser, and wait for "Försäkringskassan har tagit emot räkningen".
    DemoInvoice {
        /// The month, YYYY-MM.
        month: String,
        /// Build the invoice for this scenario (A–F) instead of the household's.
        #[arg(long, value_name = "A-F")]
        scenario: Option<String>,
    },
}

fn main() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("TIMBOK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let db = cli.db.ok_or("Ange databasen med --db SÖKVÄG.")?;
    let open = || Timbok::open(&db).map_err(|e| e.to_string());
    match cli.command {
        Command::Import { file } => {
            let format =
                ImportFormat::from_path(&file).ok_or("Filen måste sluta på .csv eller .json.")?;
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("Filen {} kunde inte läsas: {e}", file.display()))?;
            let summary = open()?.import(&text, format).map_err(|e| e.to_string())?;
            println!(
                "Importerat: {} pass, {} nya assistenter{}.",
                summary.shifts_added,
                summary.assistants_added,
                if summary.household_saved {
                    ", hushållet sparat"
                } else {
                    ""
                }
            );
            Ok(())
        }
        Command::Month { month, json } => {
            let month = YearMonth::parse(&month)
                .map_err(|_| "Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-10.".to_string())?;
            let sheet = open()?.month_sheet(month).map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&output::MonthJson::from(&sheet))
                        .expect("serialisable")
                );
            } else {
                print!("{}", output::table(&sheet));
            }
            Ok(())
        }
        Command::DemoInvoice { month, scenario } => {
            demo_invoice::run(&db, &month, scenario.as_deref())
        }
    }
}
