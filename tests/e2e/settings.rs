//! The settings screen in the real window: demo mode tests its connection against the simulator
//! running inside the app, resets its sample data, and the environment switch survives a
//! restart. No credential is entered here (those go to the OS keyring: tests/keyring.rs).

use super::harness::App;

#[tokio::test(flavor = "multi_thread")]
async fn demo_connection_test_reset_and_environment_switch() {
    let app = App::start().await;
    app.wait_for_text("[data-test=demo-banner]", "Demoläge")
        .await;
    app.navigate("nav-settings", "#environment-demo").await;
    app.check("settings").await;

    // The in-app simulator starts on demand and answers for all three services.
    app.click("[data-test=test-connection]").await;
    for service in ["erak", "elt", "bankid"] {
        app.wait_for_attribute(
            &format!("[data-test=connection-result][data-service={service}]"),
            "data-ok",
            "true",
        )
        .await;
    }
    app.check("settings connection tested").await;
    app.screenshot("settings-demo-connection").await;

    // Change the sample, reset it: the sample is back.
    app.navigate("nav-household", "#person-first-name").await;
    app.fill("#person-first-name", "Ändrad").await;
    app.press("save-household").await;
    app.wait_for_saved("[data-test=household-saved]", "[data-test=household-error]")
        .await;
    app.click("[data-test=nav-settings]").await;
    app.click("[data-test=reset-demo]").await;
    app.click("[data-test=confirm-reset]").await;
    app.wait_for_text("[data-test=reset-done]", "återställd")
        .await;
    app.check("settings demo reset").await;
    app.click("[data-test=nav-household]").await;
    app.wait_for_attribute("#person-first-name", "value", "Elsa")
        .await;

    // Switch to FK's test environment (after the confirmation): addresses and credentials.
    app.click("[data-test=nav-settings]").await;
    app.choose("environment-fk_test").await;
    app.wait_for_text("[role=dialog]", "Du byter till FK:s testmiljö")
        .await;
    app.check("settings environment dialog").await;
    app.click("[data-test=confirm-environment]").await;
    app.find("#endpoint-elt-url").await;
    app.wait_for_attribute(
        "[data-test=credential-status][data-credential=erak_key]",
        "data-present",
        "false",
    )
    .await;
    app.check("settings fk test").await;
    app.screenshot("settings-fk-test").await;
    // Nothing to test before the addresses are saved: the screen says what to do.
    app.click("[data-test=test-connection]").await;
    app.wait_for_text("[data-test=connection-error]", "spara dem först")
        .await;
    app.check("settings connection error").await;
    app.focus("save-elt-credentials").await;
    app.screenshot("settings-fk-test-credentials").await;

    let app = app.restart().await;
    app.click("[data-test=nav-settings]").await;
    app.find("#endpoint-elt-url").await;
    assert_eq!(
        app.find("#environment-fk_test")
            .await
            .prop("checked")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    app.close().await;
}
