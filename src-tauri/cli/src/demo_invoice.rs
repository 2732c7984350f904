//! `timbok-cli demo-invoice YYYY-MM [--scenario A–F]`: the whole invoice loop against a
//! simulator this command starts itself, without a window: fill what is missing, submit to
//! E-RÄK through `InvoiceDesk`, sign on FK's page with the simulator's headless browser (which
//! sends the CORS-preflighted signal and comes back on the return link, as a browser would),
//! wait for the outcome and print it.
//!
//! Decisions:
//! - The household decides the scenario; `--scenario` may name another one (to try it with
//!   the demo household), and then the invoice is built for that scenario anyway.
//! - The answers are the month's saved ones (or the household's pre-filled draft); what the
//!   scenario asks and they leave open is filled with the simplest valid answer, one line
//!   `Fyllde i: …` each: every yes/no question Nej, except "used last month's payment" (A–C),
//!   answered Ja, because its Nej needs an amount left over; the signer from the household, or
//!   the demo guardian (198403079984, Maria Demosson) as vårdnadshavare (B, E) or god man
//!   (C, F) when the household has none; the phone number from the household, or
//!   070-174 06 10.
//! - The filled answers are stored only when E-RÄK accepted the invoice (`submit_as`): a
//!   refusal or a network error leaves the month's saved answers as they were.
//! - Exit 0 only when Försäkringskassan (the simulator) received it; the last line is then
//!   `Försäkringskassan har tagit emot räkningen (fingerprint …)`. Problems are printed one
//!   per line, `field: message`, on stderr.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use timbok_core::demo::GUARDIAN;
use timbok_core::erak::sign_page_url;
use timbok_core::hours::YearMonth;
use timbok_core::household::{Household, Scenario, SignerRole};
use timbok_core::invoice::desk::{Submitted, Surface};
use timbok_core::invoice::{questions, Answers, InvoiceStatus, QuestionId};
use timbok_core::services::SimulatorAccess;
use timbok_core::session::Remote;
use timbok_core::{Clock, Timbok};
use timbok_sim::browser::{complete_signing, Action, BrowserError, BrowserRun};
use timbok_sim::{SimConfig, Simulator};
use tokio::task::JoinHandle;

const DEMO_SIGNER_NAME: &str = "Maria Demosson";
const DEMO_PHONE: &str = "070-174 06 10";
/// How long the signing (in the headless browser) and FK's answer may take.
const PATIENCE: Duration = Duration::from_secs(60);

type BrowserTask = JoinHandle<Result<BrowserRun, BrowserError>>;

/// The person's browser: opens FK's page and presses "Skriv under".
#[derive(Default)]
struct HeadlessBrowser {
    runs: Mutex<Vec<BrowserTask>>,
}

impl Surface for HeadlessBrowser {
    fn open_url(&self, url: &str) {
        let url = url.to_string();
        let run = tokio::spawn(async move { complete_signing(&url, Action::Sign).await });
        self.runs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(run);
    }

    /// There is no window to raise.
    fn bring_to_front(&self) {}
}

impl HeadlessBrowser {
    fn take(&self) -> Vec<BrowserTask> {
        self.runs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .drain(..)
            .collect()
    }
}

fn parse_scenario(text: &str) -> Result<Scenario, String> {
    match text.trim().to_ascii_uppercase().as_str() {
        "A" => Ok(Scenario::A),
        "B" => Ok(Scenario::B),
        "C" => Ok(Scenario::C),
        "D" => Ok(Scenario::D),
        "E" => Ok(Scenario::E),
        "F" => Ok(Scenario::F),
        _ => Err("Ange scenariot som en bokstav från A till F, till exempel --scenario E.".into()),
    }
}

fn yes_no(answer: bool) -> &'static str {
    if answer {
        "Ja"
    } else {
        "Nej"
    }
}

/// `Fyllde i: <question> <answer>`.
fn filled(label: &str, value: &str) -> String {
    if label.ends_with('?') {
        format!("Fyllde i: {label} {value}")
    } else {
        format!("Fyllde i: {label}: {value}")
    }
}

/// A yes/no question left open gets `value`.
fn answer(answer: &mut Option<bool>, value: bool, label: &str, lines: &mut Vec<String>) {
    if answer.is_none() {
        *answer = Some(value);
        lines.push(filled(label, yes_no(value)));
    }
}

/// Fills what `scenario` asks and `answers` leaves open (see the module doc); one line each.
pub fn fill(scenario: Scenario, answers: &mut Answers, household: &Household) -> Vec<String> {
    let mut lines = Vec::new();
    let last_month = answers.last_month_of_period == Some(true);
    for question in questions(scenario, last_month)
        .into_iter()
        .filter(|q| q.is_typed())
    {
        let label = question.label_sv(scenario);
        let lines = &mut lines;
        match question {
            QuestionId::LssActivity => answer(&mut answers.lss_activity, false, label, lines),
            QuestionId::HospitalStay => answer(&mut answers.hospital_stay, false, label, lines),
            QuestionId::OutsideEea => answer(&mut answers.outside_eea, false, label, lines),
            QuestionId::PreviousPayment => {
                answer(&mut answers.previous_payment_used, true, label, lines)
            }
            QuestionId::LastMonthOfPeriod => {
                answer(&mut answers.last_month_of_period, false, label, lines)
            }
            QuestionId::Phone if answers.phone.trim().is_empty() => {
                answers.phone = household
                    .signer
                    .as_ref()
                    .and_then(|s| s.phone.clone())
                    .or_else(|| household.person.phone.clone())
                    .unwrap_or_else(|| DEMO_PHONE.into());
                lines.push(filled(label, &answers.phone));
            }
            QuestionId::Signer => fill_signer(scenario, answers, household, lines),
            _ => {}
        }
    }
    lines
}

fn fill_signer(
    scenario: Scenario,
    answers: &mut Answers,
    household: &Household,
    lines: &mut Vec<String>,
) {
    if matches!(scenario, Scenario::C | Scenario::F)
        && !matches!(
            answers.signer_role,
            Some(SignerRole::GodMan | SignerRole::Forvaltare)
        )
    {
        let role = match household.signer_role {
            SignerRole::Forvaltare => SignerRole::Forvaltare,
            _ => SignerRole::GodMan,
        };
        answers.signer_role = Some(role);
        lines.push(filled(
            "Ställföreträdare",
            match role {
                SignerRole::Forvaltare => "förvaltare",
                _ => "god man",
            },
        ));
    }
    let signer = household.signer.as_ref();
    if answers.signer_personnummer.trim().is_empty() {
        answers.signer_personnummer = signer
            .map(|s| s.personnummer.display())
            .unwrap_or_else(|| format!("{}-{}", &GUARDIAN[..8], &GUARDIAN[8..]));
        lines.push(filled(
            "Personnummer för den som skriver under",
            &answers.signer_personnummer,
        ));
    }
    if answers.signer_name_in_print.trim().is_empty() {
        answers.signer_name_in_print = signer
            .map(|s| format!("{} {}", s.first_name.trim(), s.last_name.trim()))
            .unwrap_or_else(|| DEMO_SIGNER_NAME.into());
        lines.push(filled("Namnförtydligande", &answers.signer_name_in_print));
    }
}

/// A folder of its own for the simulator's CA and keys, removed afterwards.
fn sim_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "timbok-demo-invoice-{}-{nanos}",
        std::process::id()
    ))
}

/// The command; `Err` is the Swedish message for stderr (exit 1).
pub fn run(db: &Path, month: &str, scenario: Option<&str>) -> Result<(), String> {
    let month = YearMonth::parse(month)
        .map_err(|_| "Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-10.".to_string())?;
    let timbok = Timbok::open(db).map_err(|e| e.to_string())?;
    let household = timbok.household().map_err(|e| e.to_string())?.ok_or(
        "Hushållet är inte ifyllt i databasen, så det finns ingen räkning att skicka. Fyll i hushållet i Timbok (eller importera det med timbok-cli import) och försök igen.",
    )?;
    let scenario = match scenario {
        Some(text) => parse_scenario(text)?,
        None => household.scenario(),
    };
    let mut answers = timbok
        .invoice_state(month)
        .map_err(|e| e.to_string())?
        .answers;
    drop(timbok);
    if scenario != household.scenario() {
        println!(
            "Hushållet har scenario {}; räkningen byggs för scenario {} som du angav.",
            household.scenario().as_str(),
            scenario.as_str()
        );
    }
    for line in fill(scenario, &mut answers, &household) {
        println!("{line}");
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("Timbok kunde inte starta: {e}"))?;
    let dir = sim_dir();
    let outcome = runtime.block_on(submit_and_sign(db, &dir, month, scenario, &answers));
    drop(runtime);
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}

async fn submit_and_sign(
    db: &Path,
    sim_dir: &Path,
    month: YearMonth,
    scenario: Scenario,
    answers: &Answers,
) -> Result<(), String> {
    let sim = Simulator::start(SimConfig::new(sim_dir))
        .await
        .map_err(|e| format!("Simulatorn kunde inte starta: {e}"))?;
    let outcome = with_simulator(&sim, db, month, scenario, answers).await;
    sim.shutdown().await;
    outcome
}

async fn with_simulator(
    sim: &timbok_sim::RunningSimulator,
    db: &Path,
    month: YearMonth,
    scenario: Scenario,
    answers: &Answers,
) -> Result<(), String> {
    let (target, secrets) =
        SimulatorAccess::connect_info(&sim.info_json()).map_err(|e| e.to_string())?;
    let browser = Arc::new(HeadlessBrowser::default());
    // The remote side as the app builds it, on the simulator (supplier "Timbok demo").
    let remote = Remote::connect(
        db,
        &target,
        Arc::new(secrets),
        browser.clone(),
        Clock::System,
    )
    .map_err(|e| e.to_string())?
    .with_invoice_timing(Duration::from_secs(1), PATIENCE);
    let desk = remote.invoices().map_err(|e| e.to_string())?;

    let fingerprint = match desk
        .submit_as(month, scenario, answers)
        .await
        .map_err(|e| e.to_string())?
    {
        Submitted::Waiting { fingerprint } => fingerprint,
        Submitted::Refused(problems) => {
            for p in &problems {
                eprintln!("{}: {}", p.field, p.message);
            }
            return Err(format!(
                "Räkningen skickades inte: {} uppgift(er) ovan behöver rättas. Inget har sparats.",
                problems.len()
            ));
        }
    };
    println!(
        "Räkningen är skickad till E-RÄK (fingerprint {fingerprint}). Skriver under på {} …",
        sign_page_url(sim.erak_url(), &fingerprint)
    );
    for run in browser.take() {
        match run.await {
            Ok(Ok(run)) => {
                for failure in &run.failures {
                    eprintln!("Webbläsaren: {failure}");
                }
            }
            Ok(Err(e)) => {
                let _ = desk.cancel(month).await;
                return Err(format!(
                    "Räkningen kunde inte skrivas under i simulatorns webbläsare ({e}). Inskickningen är avbruten."
                ));
            }
            Err(e) => return Err(format!("Webbläsaren stannade: {e}")),
        }
    }
    let status = desk
        .wait_settled(month, PATIENCE)
        .await
        .map_err(|e| e.to_string())?;
    let state = Timbok::open(db)
        .and_then(|t| t.invoice_state(month))
        .map_err(|e| e.to_string())?;
    match status {
        InvoiceStatus::Received => {
            println!("Försäkringskassan har tagit emot räkningen (fingerprint {fingerprint})");
            Ok(())
        }
        InvoiceStatus::Waiting => Err(format!(
            "Försäkringskassan svarade inte inom {} sekunder; räkningen väntar fortfarande på underskrift (fingerprint {fingerprint}).",
            PATIENCE.as_secs()
        )),
        other => Err(format!(
            "Räkningen togs inte emot (status {}): {}",
            other.as_str(),
            state.message.map(|m| m.to_string()).unwrap_or_default()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use timbok_core::household::{Employment, HouseholdDraft, PersonDraft};

    fn household(signer_role: SignerRole, with_signer: bool) -> Household {
        HouseholdDraft {
            person: PersonDraft {
                personnummer: "201605129988".into(),
                first_name: "Elsa".into(),
                last_name: "Demosson".into(),
                phone: None,
            },
            signer_role,
            signer: with_signer.then(|| PersonDraft {
                personnummer: GUARDIAN.into(),
                first_name: "Anna".into(),
                last_name: "Ek".into(),
                phone: Some("070-174 06 12".into()),
            }),
            employment: Employment::Employer,
            provider: None,
            granted_hours_per_month: None,
        }
        .validate(chrono::NaiveDate::from_ymd_opt(2025, 4, 10).unwrap())
        .unwrap()
    }

    #[test]
    fn fills_only_what_is_open_with_the_simplest_valid_answers() {
        let h = household(SignerRole::SelfSigner, false);
        let mut answers = Answers {
            hospital_stay: Some(true),
            ..Answers::default()
        };
        let lines = fill(Scenario::B, &mut answers, &h);
        assert_eq!(answers.lss_activity, Some(false));
        assert_eq!(answers.hospital_stay, Some(true), "kept as saved");
        assert_eq!(answers.outside_eea, Some(false));
        assert_eq!(answers.previous_payment_used, Some(true));
        assert_eq!(answers.phone, DEMO_PHONE);
        assert_eq!(answers.signer_personnummer, "19840307-9984");
        assert_eq!(answers.signer_name_in_print, DEMO_SIGNER_NAME);
        assert_eq!(lines.len(), 6, "{lines:?}");
        assert!(lines.iter().all(|l| l.starts_with("Fyllde i: ")));
        assert!(lines[0].ends_with("enligt LSS? Nej"), "{}", lines[0]);
        assert!(lines.iter().any(|l| l.ends_with("Maria Demosson")));
        // Nothing more to fill the second time.
        assert!(fill(Scenario::B, &mut answers, &h).is_empty());
    }

    #[test]
    fn a_god_man_from_the_household_for_c_and_f() {
        let h = household(SignerRole::Vardnadshavare, true);
        let mut answers = timbok_core::invoice::prefill(&h);
        let lines = fill(Scenario::F, &mut answers, &h);
        assert_eq!(answers.signer_role, Some(SignerRole::GodMan));
        assert_eq!(answers.signer_name_in_print, "Anna Ek", "from the prefill");
        assert_eq!(answers.phone, "070-174 06 12");
        assert_eq!(answers.last_month_of_period, Some(false));
        assert!(lines.contains(&"Fyllde i: Ställföreträdare: god man".to_string()));
        // A and D ask no signer.
        let mut a = Answers::default();
        fill(Scenario::A, &mut a, &h);
        assert_eq!(a.signer_role, None);
        assert!(a.signer_personnummer.is_empty());
    }

    #[test]
    fn scenarios_are_letters() {
        assert_eq!(parse_scenario("e").unwrap(), Scenario::E);
        assert_eq!(parse_scenario(" F ").unwrap(), Scenario::F);
        assert!(parse_scenario("G").is_err());
        assert!(parse_scenario("").is_err());
    }
}
