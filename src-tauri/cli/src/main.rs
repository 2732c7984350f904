//! `timbok-cli`: headless Timbok for automation, import and support. Every command takes
//! `--db PATH` and does its work through `timbok_core::Timbok`, like the app's commands.
//! Exit 0 on success; 1 with a Swedish message on stderr when the input or the data is wrong;
//! 2 for a usage error.

mod add_shifts;
mod backup;
mod demo_invoice;
mod demo_send;
mod lock;
mod output;
mod send_queued;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use timbok_core::blankett3059::Form3059;
use timbok_core::hours::{AssistantId, YearMonth};
use timbok_core::identity::PersonalId;
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
    /// Saves one assistant's shifts read from stdin, one a line:
    /// `YYYY-MM-DD HH:MM HH:MM [aktiv|vantetid|beredskap]`. Each shift is its own transaction,
    /// acknowledged by a line after its commit; a shift already stored is not added again.
    AddShifts {
        /// The assistant's personnummer or samordningsnummer (10 or 12 digits).
        #[arg(long, value_name = "PNR")]
        assistant: String,
    },
    /// Locks the month's time report of one assistant, or of every assistant who signs with
    /// BankID: the document is built once and its bytes and hash frozen. One line per report.
    Lock {
        /// Only this assistant (personnummer, 10 or 12 digits).
        #[arg(long, value_name = "PNR")]
        assistant: Option<String>,
        /// The month, YYYY-MM.
        month: String,
    },
    /// Rows, totals per kind of time and findings of one month.
    Month {
        /// The month, YYYY-MM.
        month: String,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The tidredovisning document of an assistant's month, exactly as it is (or would be)
    /// signed and sent; with --hash only the line `<id>,<sha256>` that BankID signs.
    EltXml {
        /// The assistant's personnummer (10 or 12 digits).
        #[arg(long, value_name = "PNR")]
        assistant: String,
        /// The month, YYYY-MM.
        month: String,
        #[arg(long)]
        hash: bool,
    },
    /// Fills in FK's blankett 3059 (the paper time report of an assistant who cannot sign with
    /// BankID) and writes it as PDF; the report is filled in on paper but not yet handed in
    /// (`paper-sent` records that).
    PaperReport {
        /// The assistant's personnummer or samordningsnummer (10 or 12 digits).
        #[arg(long, value_name = "PNR")]
        assistant: String,
        /// The month, YYYY-MM.
        month: String,
        /// FK's blankett 3059 (016 F 003), downloaded from forsakringskassan.se.
        #[arg(long, value_name = "FK3059.pdf")]
        form: PathBuf,
        /// Where to write the filled PDF.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Records that the paper report (blankett 3059) was printed, signed and sent to FK: the
    /// month's report counts as handed in. `--undo` takes that back.
    PaperSent {
        /// The assistant's personnummer or samordningsnummer (10 or 12 digits).
        #[arg(long, value_name = "PNR")]
        assistant: String,
        /// The month, YYYY-MM.
        month: String,
        #[arg(long)]
        undo: bool,
    },
    /// Runs the month's time reports against a simulator started for the purpose: lock, both
    /// BankID signatures, upload. One line per report with its tx-id.
    DemoSend {
        /// The month, YYYY-MM.
        month: String,
    },
    /// Sends what is queued in the outbox to an ELT endpoint given on the command line (support
    /// and automation). The .p12 passphrase is read from TIMBOK_ELT_P12_PASSPHRASE.
    SendQueued {
        #[arg(long, value_name = "URL")]
        elt_url: String,
        /// The CA certificate (PEM) to trust for the ELT server; without it the OS's.
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        /// The client certificate (.p12).
        #[arg(long, value_name = "FILE")]
        p12: PathBuf,
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
    /// Writes one backup file of the database, protected by the passphrase in a file.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// A file whose first line is the passphrase (at least 10 characters).
        #[arg(long, value_name = "F")]
        passphrase_file: PathBuf,
    },
    /// Restores a backup into the database at --db: a new one, or after a backup of the one
    /// there (written next to it with the same passphrase).
    Restore {
        file: PathBuf,
        #[arg(long, value_name = "F")]
        passphrase_file: PathBuf,
    },
    /// Writes the whole household as the import JSON of docs/import.md.
    Export {
        #[arg(long, value_name = "FILE.json")]
        out: PathBuf,
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

fn month_arg(text: &str) -> Result<YearMonth, String> {
    YearMonth::parse(text)
        .map_err(|_| "Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-10.".to_string())
}

/// The id of the assistant with personnummer (or samordningsnummer) `number`.
fn find_assistant(timbok: &Timbok, number: &str) -> Result<AssistantId, String> {
    let id =
        PersonalId::parse(number, chrono::Local::now().date_naive()).map_err(|e| e.to_string())?;
    timbok
        .assistants()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|a| a.personnummer == id)
        .map(|a| a.id)
        .ok_or_else(|| "Det finns ingen assistent med det personnumret i databasen.".to_string())
}

/// Acknowledgements reach whoever reads stdout as soon as they are printed, before the process
/// can be stopped.
fn flush_stdout() -> Result<(), String> {
    use std::io::Write;
    std::io::stdout()
        .flush()
        .map_err(|e| format!("Utdata kunde inte skrivas: {e}"))
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
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
            flush_stdout()
        }
        Command::AddShifts { assistant } => {
            let mut timbok = open()?;
            let found = find_assistant(&timbok, &assistant)?;
            add_shifts::run(
                &mut timbok,
                found,
                std::io::stdin().lock(),
                &mut std::io::stdout().lock(),
            )
        }
        Command::Lock { assistant, month } => {
            let month = month_arg(&month)?;
            let mut timbok = open()?;
            let only = match assistant {
                Some(number) => Some(find_assistant(&timbok, &number)?),
                None => None,
            };
            lock::run(&mut timbok, month, only, &mut std::io::stdout().lock())
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
        Command::EltXml {
            assistant,
            month,
            hash,
        } => {
            let month = month_arg(&month)?;
            let mut timbok = open()?;
            let found = find_assistant(&timbok, &assistant)?;
            let document = timbok
                .report_document(month, found)
                .map_err(|e| e.to_string())?;
            if hash {
                println!("{}", document.signed_entry());
            } else {
                use std::io::Write;
                std::io::stdout()
                    .write_all(document.bytes())
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        Command::PaperReport {
            assistant,
            month,
            form,
            out,
        } => {
            let month = month_arg(&month)?;
            let bytes = std::fs::read(&form)
                .map_err(|e| format!("Blanketten {} kunde inte läsas: {e}", form.display()))?;
            let form =
                Form3059::recognise(&bytes).map_err(|e| timbok_core::Error::from(e).to_string())?;
            let mut timbok = open()?;
            let found = find_assistant(&timbok, &assistant)?;
            let pdf = timbok
                .paper_report(month, found, &form)
                .map_err(|e| e.to_string())?;
            std::fs::write(&out, pdf)
                .map_err(|e| format!("Filen {} kunde inte skrivas: {e}", out.display()))?;
            println!(
                "Blankett 3059 för {month} är ifylld: {}. Skriv ut den, skriv under och skicka den till Försäkringskassan.",
                out.display()
            );
            Ok(())
        }
        Command::PaperSent {
            assistant,
            month,
            undo,
        } => {
            let month = month_arg(&month)?;
            let mut timbok = open()?;
            let found = find_assistant(&timbok, &assistant)?;
            if undo {
                timbok.undo_paper_sent(month, found)
            } else {
                timbok.mark_paper_sent(month, found)
            }
            .map_err(|e| e.to_string())?;
            println!(
                "{}",
                if undo {
                    format!("Tidsredovisningen för {month} är inte längre markerad som skickad på papper.")
                } else {
                    format!("Tidsredovisningen för {month} är markerad som skickad på papper.")
                }
            );
            Ok(())
        }
        Command::DemoSend { month } => {
            let month = month_arg(&month)?;
            runtime()?.block_on(demo_send::run(&db, month))
        }
        Command::SendQueued { elt_url, ca, p12 } => {
            runtime()?.block_on(send_queued::run(&db, &elt_url, ca.as_deref(), &p12))
        }
        Command::DemoInvoice { month, scenario } => {
            demo_invoice::run(&db, &month, scenario.as_deref())
        }
        Command::Backup {
            out,
            passphrase_file,
        } => backup::backup(&db, &out, &passphrase_file),
        Command::Restore {
            file,
            passphrase_file,
        } => backup::restore(&db, &file, &passphrase_file),
        Command::Export { out } => {
            let json =
                timbok_core::export::household_json(open()?.store()).map_err(|e| e.to_string())?;
            std::fs::write(&out, json)
                .map_err(|e| format!("Filen {} kunde inte skrivas: {e}", out.display()))?;
            println!("Hushållet är exporterat till {}.", out.display());
            Ok(())
        }
    }
}
