//! Test support for the BankID module: golden files, recorded answers, a fake transport that
//! records every request with the (tokio) time it was made, and the simulator.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use super::client::{BankIdTransport, RawReply, TransportError};

pub(crate) fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/bankid/"
    ))
    .join(name)
}

/// Compares `actual` with the golden file's bytes (read at compile time); with
/// `UPDATE_GOLDEN=1` rewrites the file instead.
pub(crate) fn check_golden(name: &str, expected: &[u8], actual: &[u8]) {
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(fixture_path(name), actual).unwrap();
        return;
    }
    assert!(
        expected == actual,
        "{name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it)\n expected: {}\n actual:   {}",
        String::from_utf8_lossy(expected),
        String::from_utf8_lossy(actual)
    );
}

/// `golden!("name.json", bytes)`: the bytes must equal `tests/fixtures/bankid/name.json`.
macro_rules! golden {
    ($name:literal, $actual:expr) => {
        $crate::bankid::testing::check_golden(
            $name,
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../tests/fixtures/bankid/",
                $name
            )),
            $actual,
        )
    };
}
pub(crate) use golden;

/// `recorded!("name.json")`: the bytes of a recorded answer in `tests/fixtures/bankid/`.
macro_rules! recorded {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/bankid/",
            $name
        ))
        .as_slice()
    };
}
pub(crate) use recorded;

/// One request the fake transport received.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub path: String,
    pub body: Vec<u8>,
    pub at: tokio::time::Instant,
}

impl Call {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

type Reply = Result<RawReply, TransportError>;

/// Answers from a script per path: replies are used in order, and the last one is repeated.
#[derive(Default)]
pub(crate) struct FakeTransport {
    calls: Mutex<Vec<Call>>,
    replies: Mutex<HashMap<String, VecDeque<Reply>>>,
}

impl FakeTransport {
    pub fn new() -> Arc<FakeTransport> {
        Arc::new(FakeTransport::default())
    }

    pub fn reply(&self, path: &str, status: u16, body: &[u8]) {
        self.push(path, Ok(RawReply::new(status, body)));
    }

    pub fn fail(&self, path: &str, error: TransportError) {
        self.push(path, Err(error));
    }

    fn push(&self, path: &str, reply: Reply) {
        self.replies
            .lock()
            .unwrap()
            .entry(path.to_string())
            .or_default()
            .push_back(reply);
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    pub fn calls_to(&self, path: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.path == path)
            .collect()
    }
}

#[async_trait]
impl BankIdTransport for FakeTransport {
    async fn post(&self, path: &str, body: Vec<u8>) -> Result<RawReply, TransportError> {
        self.calls.lock().unwrap().push(Call {
            path: path.to_string(),
            body,
            at: tokio::time::Instant::now(),
        });
        let mut replies = self.replies.lock().unwrap();
        let queue = replies
            .get_mut(path)
            .unwrap_or_else(|| panic!("no reply scripted for {path}"));
        if queue.len() > 1 {
            queue.pop_front().unwrap()
        } else {
            queue.front().cloned().expect("no reply scripted")
        }
    }
}

/// A collect answer for `order_ref`.
pub(crate) fn pending(order_ref: &str, hint: &str) -> Vec<u8> {
    serde_json::json!({ "orderRef": order_ref, "status": "pending", "hintCode": hint })
        .to_string()
        .into_bytes()
}

pub(crate) fn failed(order_ref: &str, hint: &str) -> Vec<u8> {
    serde_json::json!({ "orderRef": order_ref, "status": "failed", "hintCode": hint })
        .to_string()
        .into_bytes()
}

/// The simulator, with a transport that trusts only its CA.
pub(crate) struct Sim {
    pub sim: timbok_sim::RunningSimulator,
    _dir: tempfile::TempDir,
}

impl Sim {
    pub async fn start() -> Sim {
        Sim::start_with(|_| {}).await
    }

    pub async fn start_with(configure: impl FnOnce(&mut timbok_sim::SimConfig)) -> Sim {
        let dir = tempfile::tempdir().unwrap();
        let mut config = timbok_sim::SimConfig::new(dir.path().join("sim"));
        configure(&mut config);
        let sim = timbok_sim::Simulator::start(config).await.unwrap();
        Sim { sim, _dir: dir }
    }

    pub fn trust(&self) -> crate::connection::Trust {
        crate::connection::Trust::only_pem(self.sim.ca_pem()).unwrap()
    }

    pub fn transport(&self) -> Arc<dyn BankIdTransport> {
        Arc::new(
            super::client::HttpsTransport::new(self.sim.bankid_url(), &self.trust(), None).unwrap(),
        )
    }

    /// The newest order's snapshot.
    pub fn last_order(&self) -> timbok_sim::OrderSnapshot {
        self.sim.bankid_orders().pop().expect("an order")
    }

    /// Posts a scanned QR string to the page that plays the BankID app.
    pub async fn scan(&self, qr: &str) -> (u16, serde_json::Value) {
        let url = format!("{}/api/scan", self.sim.bankid_app_url());
        let roots = crate::connection::root_store(&self.trust()).unwrap();
        let client = crate::connection::client(&roots, None, &url).unwrap();
        let response = client
            .post(&url)
            .json(&serde_json::json!({ "qrData": qr }))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }
}
