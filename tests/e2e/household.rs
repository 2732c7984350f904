//! The household screen in the real window: create the person and an assistant, restart the
//! app, find them again (saved in SQLite, not in the web view).

use super::harness::App;

#[tokio::test(flavor = "multi_thread")]
async fn household_and_assistant_survive_a_restart() {
    let app = App::start().await;
    // A fresh install is in demo mode and says so on every screen.
    app.wait_for_text("[data-test=demo-banner]", "Demoläge")
        .await;
    app.click("[data-test=nav-household]").await;
    // … with a sample household to try: a child, a guardian who signs, three assistants.
    app.wait_for_attribute("#person-first-name", "value", "Elsa")
        .await;
    app.wait_for_text("[data-test=scenario]", "E").await;
    app.wait_for_text("[data-test=assistant-row]", "Samordningsnummer")
        .await;
    app.check("household").await;

    app.fill("#person-personnummer", "19121212-1212").await;
    app.fill("#person-first-name", "Tolvan").await;
    app.fill("#person-last-name", "Tolvansson").await;
    app.choose("signer-role-self").await;
    app.choose("employment-employer").await;
    app.fill("#granted-hours", "300").await;
    app.press("save-household").await;
    app.wait_for_saved("[data-test=household-saved]", "[data-test=household-error]")
        .await;
    app.wait_for_text("[data-test=scenario]", "D").await;
    app.check("household saved").await;

    app.click("#add-assistant").await;
    app.check("assistant form").await;
    app.fill("#assistant-personnummer", "198112189876").await;
    app.fill("#assistant-first-name", "Anna").await;
    app.fill("#assistant-last-name", "Assistent").await;
    app.press("save-assistant").await;
    app.wait_for_text("[data-test=assistant-row]", "Anna Assistent")
        .await;
    app.check("assistant saved").await;
    app.screenshot("household-before-restart").await;

    let app = app.restart().await;
    app.click("[data-test=nav-household]").await;
    app.wait_for_text("[data-test=assistant-row]", "Anna Assistent")
        .await;
    let row = app
        .wait_for_text("[data-test=assistant-row]", "19811218-9876")
        .await;
    assert!(row.contains("Anna Assistent"), "row was {row:?}");
    // The form is filled from the database, not from anything the web view kept.
    assert_eq!(app.value("#person-first-name").await, "Tolvan");
    assert_eq!(app.value("#person-last-name").await, "Tolvansson");
    assert!(app
        .value("#person-personnummer")
        .await
        .replace('-', "")
        .ends_with("121212121212".get(2..).unwrap()));
    app.check_screen("household after restart").await;
    app.screenshot("household-after-restart").await;
    app.close().await;
}
