//! Where a user starts (docs/ipc.md `get_start`, `dismiss_guide`, `remember_month`): the month
//! the screens open on, what is due and the next action for it, and demo mode's guide.
//!
//! Decisions:
//! - A month needs work when it is before this month, listed in the overview, and not done:
//!   a report is not sent (paper counts as handed in) or the invoice is not received.
//! - The work month: the month last used (remembered per environment database, `work_month`)
//!   while it needs work or when nothing does; else the oldest month that needs work; else
//!   this month.
//! - The next action of a month goes through the reports first (lock, look at a refusal, sign,
//!   send, wait, then print on paper the report of an assistant with only a samordningsnummer,
//!   who cannot lock or sign with BankID), then the invoice (send it, sign it on FK's page);
//!   each names its screen. A report counts as on paper when a paper report of it exists.
//! - The guide (demo mode only, until dismissed; the dismissal kept in the demo database, so a
//!   demo reset shows it again): Månad done when a report of the work month is locked or
//!   further (the hours were looked over; an assistant with only a samordningsnummer cannot be
//!   locked, that report goes on paper), Tidsredovisningar when every report is sent or on
//!   paper, Räkning when the invoice is received.

use chrono::NaiveDate;

use crate::error::Result;
use crate::hours::YearMonth;
use crate::invoice::InvoiceStatus;
use crate::overview::OverviewMonth;
use crate::reports::ReportStatus;
use crate::settings::Environment;
use crate::Timbok;

/// The settings key of the month last used.
const WORK_MONTH: &str = "work_month";
/// The settings key set when the guide was dismissed.
const GUIDE_DISMISSED: &str = "guide_dismissed";

/// A screen an action or a guide step leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Month,
    TimeReports,
    Invoice,
}

impl Screen {
    pub fn as_str(self) -> &'static str {
        match self {
            Screen::Month => "month",
            Screen::TimeReports => "time_reports",
            Screen::Invoice => "invoice",
        }
    }
}

/// What to do next for a month that needs work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A report is open: look over the hours and lock it.
    Lock,
    /// A report is locked and waits for a signature.
    Sign,
    /// A report is signed by both and not sent.
    Send,
    /// A report is queued or being sent.
    WaitForSending,
    /// The only reports left are of assistants with only a samordningsnummer: print them on
    /// paper (blankett 3059) from their cards.
    PrintPaper,
    /// FK refused a report, or it is not known whether it arrived.
    CheckReport,
    /// The reports are done; the invoice is not sent (or was cancelled or expired).
    SendInvoice,
    /// The invoice waits for the signature on FK's page.
    SignInvoice,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Lock => "lock",
            Action::Sign => "sign",
            Action::Send => "send",
            Action::WaitForSending => "wait_for_sending",
            Action::PrintPaper => "print_paper",
            Action::CheckReport => "check_report",
            Action::SendInvoice => "send_invoice",
            Action::SignInvoice => "sign_invoice",
        }
    }

    /// The screen where the action is done.
    pub fn screen(self) -> Screen {
        match self {
            Action::SendInvoice | Action::SignInvoice => Screen::Invoice,
            _ => Screen::TimeReports,
        }
    }
}

/// A month that needs work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueMonth {
    pub month: YearMonth,
    pub due: NaiveDate,
    pub overdue: bool,
    pub action: Action,
}

/// One step of demo mode's guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuideStep {
    pub screen: Screen,
    pub done: bool,
}

/// The start: see the module doc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    pub environment: Environment,
    pub has_household: bool,
    /// The month the month, time-report and invoice screens open on.
    pub work_month: YearMonth,
    /// The months that need work, oldest first.
    pub due: Vec<DueMonth>,
    /// Demo mode's guide for the work month, unless dismissed; empty otherwise.
    pub guide: Vec<GuideStep>,
}

fn report_done(status: ReportStatus) -> bool {
    matches!(status, ReportStatus::Sent | ReportStatus::Paper)
}

fn received(month: &OverviewMonth) -> bool {
    month
        .invoice
        .as_ref()
        .is_some_and(|i| i.status == InvoiceStatus::Received)
}

/// The next action of a month, or `None` when it is done.
fn next_action(month: &OverviewMonth) -> Option<Action> {
    let any = |f: fn(ReportStatus) -> bool| month.reports.iter().any(|r| f(r.status));
    let open = |paper_only: bool| {
        month
            .reports
            .iter()
            .any(|r| r.status == ReportStatus::Open && r.paper_only == paper_only)
    };
    use ReportStatus as S;
    if open(false) {
        Some(Action::Lock)
    } else if any(|s| matches!(s, S::Rejected | S::Uncertain)) {
        Some(Action::CheckReport)
    } else if any(|s| matches!(s, S::Locked | S::SignedByAssistant | S::SignedByEmployer)) {
        Some(Action::Sign)
    } else if any(|s| s == S::Signed) {
        Some(Action::Send)
    } else if any(|s| matches!(s, S::Queued | S::Sending)) {
        Some(Action::WaitForSending)
    } else if open(true) || any(|s| s == S::PaperOpened) {
        Some(Action::PrintPaper)
    } else if received(month) {
        None
    } else if month
        .invoice
        .as_ref()
        .is_some_and(|i| i.status == InvoiceStatus::Waiting)
    {
        Some(Action::SignInvoice)
    } else {
        Some(Action::SendInvoice)
    }
}

impl Timbok {
    /// The start; see the module doc.
    pub fn start(&self) -> Result<Start> {
        let this_month = YearMonth::of(self.clock().today());
        let environment = self.environment()?;
        let has_household = self.household()?.is_some();
        let overview = self.overview()?;
        let mut due: Vec<DueMonth> = overview
            .iter()
            .filter(|m| m.month < this_month)
            .filter_map(|m| {
                next_action(m).map(|action| DueMonth {
                    month: m.month,
                    due: m.due,
                    overdue: m.overdue,
                    action,
                })
            })
            .collect();
        due.sort_by_key(|d| d.month);

        let remembered = self
            .store()
            .setting(WORK_MONTH)?
            .and_then(|text| YearMonth::parse(&text).ok());
        let work_month = match remembered {
            Some(month) if due.is_empty() || due.iter().any(|d| d.month == month) => month,
            _ => due.first().map_or(this_month, |d| d.month),
        };

        let dismissed = self.store().setting(GUIDE_DISMISSED)?.is_some();
        let guide = if environment == Environment::Demo && !dismissed {
            let month = overview.iter().find(|m| m.month == work_month);
            let reports = month.map_or(&[][..], |m| &m.reports[..]);
            let hours_locked = reports.iter().any(|r| r.status != ReportStatus::Open);
            let sent = !reports.is_empty() && reports.iter().all(|r| report_done(r.status));
            vec![
                GuideStep {
                    screen: Screen::Month,
                    done: hours_locked,
                },
                GuideStep {
                    screen: Screen::TimeReports,
                    done: sent,
                },
                GuideStep {
                    screen: Screen::Invoice,
                    done: month.is_some_and(received),
                },
            ]
        } else {
            Vec::new()
        };

        Ok(Start {
            environment,
            has_household,
            work_month,
            due,
            guide,
        })
    }

    /// Hides demo mode's guide (kept until the demo is reset).
    pub fn dismiss_guide(&mut self) -> Result<()> {
        self.store_mut().set_setting(GUIDE_DISMISSED, "1")
    }

    /// Remembers the month last used on the month, time-report or invoice screen.
    pub fn remember_month(&mut self, month: YearMonth) -> Result<()> {
        self.store_mut().set_setting(WORK_MONTH, &month.to_string())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::demo;
    use crate::store::Store;
    use crate::Clock;

    fn ym(text: &str) -> YearMonth {
        YearMonth::parse(text).unwrap()
    }

    /// A fresh demo on 2026-11-10: October has the hours.
    fn timbok(environment: Environment, seeded: bool) -> Timbok {
        let mut store = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
        if seeded {
            demo::seed(&mut store, today).unwrap();
        }
        let now: NaiveDateTime = today.and_hms_opt(10, 0, 0).unwrap();
        Timbok::with_store(store, Clock::Fixed(now), environment)
    }

    fn steps(start: &Start) -> Vec<(Screen, bool)> {
        start.guide.iter().map(|s| (s.screen, s.done)).collect()
    }

    #[test]
    fn a_fresh_demo_starts_on_last_month_with_the_guide() {
        let mut t = timbok(Environment::Demo, true);
        let start = t.start().unwrap();
        assert!(start.has_household);
        assert_eq!(start.work_month, ym("2026-10"));
        assert_eq!(
            start.due,
            [DueMonth {
                month: ym("2026-10"),
                due: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
                overdue: false,
                action: Action::Lock,
            }]
        );
        assert_eq!(
            steps(&start),
            [
                (Screen::Month, false),
                (Screen::TimeReports, false),
                (Screen::Invoice, false)
            ]
        );

        // Johan and Sara locked (Ali, with only a samordningsnummer, goes on paper): Månad is
        // done; Ali's open report does not ask for a lock he cannot make: signing comes next.
        let ali = t
            .assistants()
            .unwrap()
            .into_iter()
            .find(|a| a.first_name == "Ali")
            .unwrap()
            .id;
        for a in t.assistants().unwrap() {
            if a.id != ali {
                t.lock_report(ym("2026-10"), a.id).unwrap();
            }
        }
        let start = t.start().unwrap();
        assert_eq!(start.due[0].action, Action::Sign);
        assert_eq!(start.due[0].action.screen(), Screen::TimeReports);
        assert_eq!(
            steps(&start),
            [
                (Screen::Month, true),
                (Screen::TimeReports, false),
                (Screen::Invoice, false)
            ]
        );

        // Ali's paper report made: with the others still to sign, Tidsredovisningar waits for
        // them; the paper report counts as handed in.
        let form = crate::blankett3059::Form3059::stand_in();
        t.paper_report(ym("2026-10"), ali, &form).unwrap();
        let start = t.start().unwrap();
        assert_eq!(start.due[0].action, Action::Sign);
        assert!(!start.guide[1].done);
        t.mark_paper_sent(ym("2026-10"), ali).unwrap();
        let start = t.start().unwrap();
        assert_eq!(start.due[0].action, Action::Sign);
        assert!(!start.guide[1].done);

        t.dismiss_guide().unwrap();
        assert!(t.start().unwrap().guide.is_empty());
    }

    #[test]
    fn the_month_last_used_while_it_needs_work_or_nothing_does() {
        let mut t = timbok(Environment::Demo, true);
        // A month that needs no work is not opened while October does.
        t.remember_month(ym("2026-06")).unwrap();
        assert_eq!(t.start().unwrap().work_month, ym("2026-10"));
        t.remember_month(ym("2026-10")).unwrap();
        assert_eq!(t.start().unwrap().work_month, ym("2026-10"));

        // Nothing at all: this month, and the remembered one when there is one.
        let mut empty = timbok(Environment::FkTest, false);
        let start = empty.start().unwrap();
        assert!(!start.has_household);
        assert!(start.due.is_empty());
        assert!(start.guide.is_empty(), "the guide is for demo mode only");
        assert_eq!(start.work_month, ym("2026-11"));
        empty.remember_month(ym("2026-09")).unwrap();
        assert_eq!(empty.start().unwrap().work_month, ym("2026-09"));
    }

    #[test]
    fn the_next_action_follows_the_reports_then_the_invoice() {
        use crate::overview::{OverviewInvoice, OverviewReport};
        let report = |status| OverviewReport {
            assistant_name: "A".into(),
            status,
            paper_only: false,
            tx_id: None,
            problem: None,
        };
        let month = |statuses: &[ReportStatus], invoice: Option<InvoiceStatus>| OverviewMonth {
            month: ym("2026-10"),
            due: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
            overdue: false,
            reports: statuses.iter().map(|s| report(*s)).collect(),
            invoice: invoice.map(|status| OverviewInvoice {
                status,
                fingerprint: None,
                problem: None,
                reported: None,
            }),
        };
        use ReportStatus as S;
        let cases = [
            (vec![S::Open, S::Signed], None, Some(Action::Lock)),
            (
                vec![S::Rejected, S::Locked],
                None,
                Some(Action::CheckReport),
            ),
            (
                vec![S::SignedByAssistant, S::Signed],
                None,
                Some(Action::Sign),
            ),
            (vec![S::Signed, S::Sent], None, Some(Action::Send)),
            (vec![S::Queued, S::Sent], None, Some(Action::WaitForSending)),
            (vec![S::Sent, S::Paper], None, Some(Action::SendInvoice)),
            (
                vec![S::Sent],
                Some(InvoiceStatus::Expired),
                Some(Action::SendInvoice),
            ),
            (
                vec![S::Sent],
                Some(InvoiceStatus::Waiting),
                Some(Action::SignInvoice),
            ),
            (vec![S::Sent], Some(InvoiceStatus::Received), None),
        ];
        for (statuses, invoice, expected) in cases {
            assert_eq!(
                next_action(&month(&statuses, invoice)),
                expected,
                "{statuses:?} {invoice:?}"
            );
        }
        assert_eq!(Action::SignInvoice.screen(), Screen::Invoice);

        // An open report of an assistant with only a samordningsnummer asks for the paper
        // report, once nothing the others can do is left.
        let with_paper = |statuses: &[ReportStatus]| {
            let mut m = month(statuses, None);
            m.reports.push(OverviewReport {
                paper_only: true,
                ..report(S::Open)
            });
            next_action(&m)
        };
        assert_eq!(with_paper(&[S::Open]), Some(Action::Lock));
        assert_eq!(with_paper(&[S::Locked]), Some(Action::Sign));
        assert_eq!(with_paper(&[S::Queued]), Some(Action::WaitForSending));
        assert_eq!(with_paper(&[S::Sent]), Some(Action::PrintPaper));
        // A paper form opened but not yet confirmed as posted still asks for it; once
        // confirmed, the invoice comes next.
        assert_eq!(
            next_action(&month(&[S::Sent, S::PaperOpened], None)),
            Some(Action::PrintPaper)
        );
        assert_eq!(
            next_action(&month(&[S::Sent, S::Paper], None)),
            Some(Action::SendInvoice)
        );
        assert_eq!(Action::PrintPaper.screen(), Screen::TimeReports);
    }
}
