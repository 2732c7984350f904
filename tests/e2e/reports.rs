//! The time-report screen in the real window, in demo mode against the simulator inside the
//! app: lock two assistants' October reports, each assistant signs with (the simulator's)
//! BankID shown as an animated QR code, the guardian signs both at once, the outbox uploads
//! them (at most one request per second) and the window shows "skickad" with each tx-id, also
//! after a restart. The third assistant has a samordningsnummer: paper only.

use super::harness::App;

/// Waits until report `id`'s card shows `status` (also used by the new-user walk).
pub(super) async fn status_is(app: &App, id: u32, status: &str) {
    app.wait_for_attribute(
        &format!("[data-test=report-status-{id}]"),
        "data-status",
        status,
    )
    .await;
}

async fn sign(app: &App, button: &str) {
    app.click(&format!("[data-test={button}]")).await;
    app.check(&format!("{button} dialog")).await;
    app.click("[data-test=signing-device-other]").await;
    // The QR code is drawn by the Rust side while the order is pending.
    app.find("[data-test=signing-qr]").await;
    app.check(&format!("{button} qr")).await;
    app.wait_for_attribute("[data-test=signing-status]", "data-state", "complete")
        .await;
    app.check(&format!("{button} complete")).await;
    app.click("[data-test=signing-close]").await;
    app.check(&format!("{button} closed")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lock_sign_and_upload_a_month_in_demo_mode() {
    let app = App::start().await;
    app.wait_for_text("[data-test=demo-banner]", "Demoläge")
        .await;
    app.navigate("nav-time-reports", "[data-test=report-card-1]")
        .await;
    status_is(&app, 1, "open").await;
    app.check("time reports").await;

    for id in [1, 2] {
        app.click(&format!("[data-test=lock-{id}]")).await;
        status_is(&app, id, "locked").await;
        // The result is on the card used, and the focus on it (the lock button is gone).
        app.wait_for_text(&format!("[data-test=report-result-{id}]"), "låst")
            .await;
        app.wait_for_focus(&format!("report-result-{id}")).await;
        app.check(&format!("locked {id}")).await;
    }
    app.screenshot("reports-locked").await;
    sign(&app, "sign-1").await;
    status_is(&app, 1, "signed_by_assistant").await;
    sign(&app, "sign-2").await;
    sign(&app, "sign-employer").await;
    status_is(&app, 1, "signed").await;
    status_is(&app, 2, "signed").await;

    app.click("[data-test=send-reports]").await;
    status_is(&app, 1, "sent").await;
    status_is(&app, 2, "sent").await;
    let tx = app.wait_for_text("[data-test=tx-id-1]", "-").await;
    app.check("sent").await;
    app.screenshot("reports-sent").await;

    // The samordningsnummer assistant reports on paper, and says so.
    app.find("[data-test=paper-3]").await;

    let app = app.restart().await;
    app.navigate("nav-time-reports", "[data-test=report-card-1]")
        .await;
    status_is(&app, 1, "sent").await;
    assert_eq!(app.wait_for_text("[data-test=tx-id-1]", "-").await, tx);
    app.check("sent after restart").await;
    app.close().await;
}
