//! The invoice in the real window, in demo mode: scenario E (the demo household: the family
//! employs, the guardian signs) filled in the wizard, sent to the simulator's E-RÄK; the app
//! opens FK's signing page (here noted by the test's `TIMBOK_BROWSER`), a headless Chromium
//! from Debian presses "Skriv under" there as a person would, the page's script signals the
//! app's loopback listener cross-origin (CORS preflight for real) and sends the browser back
//! on the return link, and the window shows the receipt. The half-filled answers survive a
//! restart before that.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use serde_json::json;

use super::harness::App;

/// chromedriver with Debian's Chromium, headless.
struct Chromium {
    driver: Child,
    pub(super) client: fantoccini::Client,
}

impl Chromium {
    async fn start() -> Chromium {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian package chromium-driver) is installed");
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            match ClientBuilder::rustls()
                .expect("rustls")
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(error) => {
                    assert!(Instant::now() < deadline, "no Chromium session: {error}");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        };
        Chromium { driver, client }
    }

    pub(super) async fn close(mut self) {
        self.client.clone().close().await.ok();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

async fn no(app: &App, question: &str) {
    app.choose(&format!("invoice-{question}-no")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn scenario_e_is_signed_on_fks_page_and_the_window_shows_the_receipt() {
    let app = App::start().await;
    app.wait_for_text("[data-test=demo-banner]", "Demoläge")
        .await;
    app.navigate("nav-invoice", "[data-test=invoice-question-lssActivity]")
        .await;

    app.check("invoice").await;
    // The guardian fills in for Elsa: the questions name her, not "du".
    app.wait_for_text(
        "[data-test=invoice-question-hospitalStay] legend",
        "Har Elsa vårdats på sjukhus",
    )
    .await;

    // Half of it, then a restart: nothing typed is lost.
    no(&app, "lss-activity").await;
    app.choose("invoice-hospital-stay-yes").await;
    let month = app.value("#invoice-month").await;
    app.fill("#invoice-hospital-0-from-date", &format!("{month}-05"))
        .await;
    // A time as Månad takes it: "8" is 08:00 (the core reads it on submit).
    app.fill("#invoice-hospital-0-from-time", "8").await;
    app.fill("#invoice-hospital-0-to-date", &format!("{month}-06"))
        .await;
    app.fill("#invoice-hospital-0-to-time", "12:00").await;
    app.check("invoice hospital stay").await;
    // Leaving the screen saves what is typed; coming back reads it from the database.
    app.navigate("nav-household", "#person-first-name").await;
    app.navigate("nav-invoice", "[data-test=invoice-question-lssActivity]")
        .await;
    app.wait_for_attribute("#invoice-hospital-0-to-time", "value", "12:00")
        .await;
    let app = app.restart().await;
    app.navigate("nav-invoice", "[data-test=invoice-question-lssActivity]")
        .await;
    app.wait_for_attribute("#invoice-hospital-0-to-time", "value", "12:00")
        .await;
    assert_eq!(
        app.value("#invoice-hospital-0-from-date").await,
        format!("{month}-05")
    );

    no(&app, "outside-eea").await;
    no(&app, "last-month-of-period").await;
    // Signer (the guardian) and phone come from the household.
    assert!(!app.value("#invoice-signer-personnummer").await.is_empty());
    app.click("[data-test=invoice-next]").await;
    app.find("[data-test=invoice-summary]").await;
    app.check("invoice summary").await;
    app.screenshot("invoice-summary").await;
    app.click("[data-test=invoice-submit]").await;
    app.find("[data-test=invoice-waiting]").await;
    app.check("invoice waiting").await;

    // FK's page, in a real browser.
    let sign_url = app.opened_url().await;
    assert!(sign_url.contains("/sign?fingerprint="), "{sign_url}");
    sign_on_fks_page(&sign_url).await;

    app.wait_for_text("[data-test=invoice-receipt]", "tagit emot")
        .await;
    let fingerprint = app
        .wait_for_text("[data-test=invoice-fingerprint]", "")
        .await;
    assert!(
        sign_url.ends_with(&fingerprint),
        "{sign_url} vs {fingerprint}"
    );
    app.check_screen("invoice receipt").await;
    app.screenshot("invoice-receipt").await;
    app.close().await;
}

/// Presses "Skriv under" on FK's signing page in a browser and waits for the return page.
pub(super) async fn sign_on_fks_page(sign_url: &str) {
    let chromium = Chromium::start().await;
    chromium.client.goto(sign_url).await.unwrap();
    chromium
        .client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("button[value=sign]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = match chromium.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if text.contains("Klart") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the browser never reached the return page"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    chromium.close().await;
}
