//! A new user's month in the real window, in demo mode, by the shortest path the screens
//! offer: the app opens on Översikt with the guide; Månad from the guide (the month with the
//! hours), one day edited; Tidsredovisningar: two reports locked, the three signings with the
//! demo's BankID (each assistant, then the guardian for both), sent; the third assistant (only
//! a samordningsnummer) printed on paper from the card, FK's blankett 3059 picked once;
//! Räkning: the questions answered, sent, signed on FK's page in a browser, the receipt; back
//! on Översikt every step of the guide is done and, the guide dismissed, "Att göra" has
//! nothing left. The household
//! is taken as the demo gives it. Every click and keystroke goes through `Effort`, which counts
//! them; the figures and the targets are in docs/performance.md ("A new user's month").
//!
//! Every screen and state on the way passes the WCAG checks (`App::check` after an action,
//! `App::check_screen` for a screen just opened): Översikt with the guide and "Att göra", the
//! expanded call journal, Månad, the signing dialog's states, the paper report, the invoice's
//! steps, and (after the walk, not counted) Hushåll's "Ändra" and Översikt in English.

use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::harness::{App, Effort};
use super::invoice::sign_on_fks_page;
use super::reports::status_is;

/// The most clicks the walk may take (docs/performance.md).
const CLICKS_TARGET: u32 = 27;
/// The most keystrokes the walk may take.
const KEYSTROKES_TARGET: u32 = 6;

async fn sign(user: &Effort<'_>, button: &str) {
    user.click(&format!("[data-test={button}]")).await;
    user.app.check(&format!("{button} dialog")).await;
    user.click("[data-test=signing-device-other]").await;
    user.app
        .wait_for_attribute("[data-test=signing-status]", "data-state", "complete")
        .await;
    user.app.check(&format!("{button} complete")).await;
    user.click("[data-test=signing-close]").await;
    user.app.check(&format!("{button} closed")).await;
}

/// FK's blankett 3059 (`../shared/fk/forms/`, never in the repository).
fn blankett_3059() -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fk/forms/FK3059_016_F_003.pdf");
    assert!(
        path.exists(),
        "{} is missing: the walk prints the paper report on FK's own form",
        path.display()
    );
    path
}

/// The first Monday of `month` (`YYYY-MM`).
fn first_monday(month: &str) -> NaiveDate {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").unwrap();
    let ahead = (7 - first.weekday().num_days_from_monday()) % 7;
    first + Days::new(u64::from(ahead))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_user_does_the_demo_month_within_the_target() {
    let app = App::start().await;
    let started = Instant::now();
    let user = Effort::new(&app);
    app.wait_for_text("[data-test=demo-banner]", "Demoläge")
        .await;
    // The app opens on Översikt: the guide, nothing done yet.
    app.wait_for_attribute(
        "[data-test=start-guide-step][data-screen=month]",
        "data-done",
        "false",
    )
    .await;
    app.check_screen("overview with the guide").await;

    // 1. Månad from the guide: the demo month, one day edited (Ali Haddad, shown first, covers
    // a Monday morning).
    user.click("[data-test=start-guide-open-month]").await;
    app.find("#month-input").await;
    let url = app.client.current_url().await.unwrap();
    let month = url.as_str().rsplit('/').next().unwrap().to_owned();
    assert!(
        NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").is_ok(),
        "Månad opened on {url}"
    );
    assert_eq!(first_monday(&month).weekday(), Weekday::Mon);
    let day = format!("#day-{}", first_monday(&month));
    app.find(&day).await;
    app.check("month from the guide").await;
    let before: u32 = app
        .wait_for_attribute("[data-test=total-aktiv]", "data-minutes", "")
        .await
        .parse()
        .unwrap();
    user.type_into(&day, "9-12").await;
    app.wait_for_attribute(
        "[data-test=total-aktiv]",
        "data-minutes",
        &(before + 180).to_string(),
    )
    .await;
    app.check("month day edited").await;

    // 2. Tidsredovisningar: lock, the three signings, send.
    user.click("[data-test=nav-time-reports]").await;
    app.find("[data-test=report-card-1]").await;
    app.check("time reports").await;
    for id in [1, 2] {
        user.click(&format!("[data-test=lock-{id}]")).await;
        status_is(&app, id, "locked").await;
        app.check(&format!("time report {id} locked")).await;
    }
    sign(&user, "sign-1").await;
    sign(&user, "sign-2").await;
    sign(&user, "sign-employer").await;
    status_is(&app, 2, "signed").await;
    user.click("[data-test=send-reports]").await;
    status_is(&app, 1, "sent").await;
    status_is(&app, 2, "sent").await;
    app.check("time reports sent").await;

    // Ali (only a samordningsnummer) on paper, from his card: the first print asks for FK's
    // blankett 3059 (picked in the file dialog: a click on the field and one on the file);
    // the filled form then opens in the PDF viewer (`paper_opened`); the user confirms it was posted
    // (`paper`).
    user.click("[data-test=paper-3]").await;
    app.find("[data-test=blankett-needed]").await;
    app.check("paper report needs the blankett").await;
    user.clicked_outside();
    user.clicked_outside();
    app.find("[data-test=blankett-file]")
        .await
        .send_keys(&blankett_3059().to_string_lossy())
        .await
        .expect("pick FK's blankett 3059");
    status_is(&app, 3, "paper_opened").await;
    app.check("paper report opened").await;
    // Printed, signed and posted: the user says so, and only then it counts as sent.
    user.click("[data-test=paper-sent-3]").await;
    status_is(&app, 3, "paper").await;
    app.check("paper report sent").await;

    // 3. Räkning: the questions, send, sign on FK's page, the receipt.
    user.click("[data-test=nav-invoice]").await;
    app.find("[data-test=invoice-question-lssActivity]").await;
    assert_eq!(app.value("#invoice-month").await, month);
    app.check("invoice questions").await;
    for question in [
        "lss-activity",
        "hospital-stay",
        "outside-eea",
        "last-month-of-period",
    ] {
        user.choose(&format!("invoice-{question}-no")).await;
    }
    app.check("invoice questions answered").await;
    user.click("[data-test=invoice-next]").await;
    app.find("[data-test=invoice-summary]").await;
    app.check("invoice summary").await;
    user.click("[data-test=invoice-submit]").await;
    app.find("[data-test=invoice-waiting]").await;
    app.check("invoice waiting").await;
    let sign_url = app.opened_url().await;
    user.clicked_outside();
    sign_on_fks_page(&sign_url).await;
    app.wait_for_text("[data-test=invoice-receipt]", "tagit emot")
        .await;
    app.check_screen("invoice receipt").await;
    let elapsed = started.elapsed();

    // Back on Översikt (not counted: the walk is over), every step of the guide is done and
    // nothing is left to do.
    app.click("[data-test=nav-overview]").await;
    for screen in ["month", "time_reports", "invoice"] {
        app.wait_for_attribute(
            &format!("[data-test=start-guide-step][data-screen={screen}]"),
            "data-done",
            "true",
        )
        .await;
    }
    app.check("overview guide all done").await;
    // The guide dismissed, "Att göra" in its place: nothing left.
    app.click("[data-test=start-guide-dismiss]").await;
    app.find("[data-test=todo-nothing]").await;
    app.check("overview nothing to do").await;
    // The call journal, a call's body expanded.
    app.click("[data-test=journal-body] summary").await;
    app.check("overview call journal expanded").await;

    // Hushåll's "Ändra": the form opens in place, the page does not shift sideways.
    app.click("[data-test=nav-household]").await;
    app.find("[data-test=edit-assistant]").await;
    app.check("household").await;
    app.click("[data-test=edit-assistant]").await;
    let scrolled = app
        .client
        .execute("return window.scrollX", vec![])
        .await
        .unwrap();
    assert_eq!(
        scrolled.as_f64(),
        Some(0.0),
        "\"Ändra\" shifted the page sideways"
    );
    app.check("household edit assistant").await;

    // In English: Översikt again, every text through the English catalogue.
    app.click("[data-test=nav-settings]").await;
    app.choose("language-en").await;
    app.click("[data-test=nav-overview]").await;
    app.wait_for_text("[data-test=todo]", "Nothing to do").await;
    app.check("overview in English").await;
    // Back to Swedish: the choice is kept in the web view's storage, which every end-to-end
    // test's window shares (the same XDG data folder), and the next tests read Swedish texts.
    app.click("[data-test=nav-settings]").await;
    app.choose("language-sv").await;
    app.wait_for_text("[data-test=nav-overview]", "Översikt")
        .await;

    println!(
        "new user's month: {} clicks, {} keystrokes, {:.1} s",
        user.clicks(),
        user.keystrokes(),
        elapsed.as_secs_f64()
    );
    assert!(
        user.clicks() <= CLICKS_TARGET,
        "{} clicks, the target is {CLICKS_TARGET}",
        user.clicks()
    );
    assert!(
        user.keystrokes() <= KEYSTROKES_TARGET,
        "{} keystrokes, the target is {KEYSTROKES_TARGET}",
        user.keystrokes()
    );
    app.close().await;
}
