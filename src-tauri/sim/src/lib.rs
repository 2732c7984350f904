//! `timbok-sim`: Försäkringskassan's E-RÄK and ELT services and the BankID RP API v6.0,
//! simulated on loopback, for Timbok's demo mode, its tests, and suppliers' own testing.
//!
//! ```no_run
//! # async fn demo() -> Result<(), timbok_sim::SimError> {
//! use timbok_sim::{Fault, Service, SimConfig, Simulator};
//! let sim = Simulator::start(SimConfig::new("/tmp/sim-data")).await?;
//! println!("E-RÄK {}  ELT {}  BankID {}", sim.erak_url(), sim.elt_url(), sim.bankid_url());
//! sim.set_fault(Service::Elt, Fault::DropConnection)?;
//! let record = sim.record();
//! sim.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! Four listeners, each on its own OS-chosen port of `127.0.0.1` (or fixed ports, see
//! [`Ports`]):
//!
//! | service | scheme | module |
//! |---|---|---|
//! | E-RÄK: invoice API, FK's signing page | `http` | [`erak`] |
//! | ELT: SOAP endpoint | `https`, client certificate required | [`elt`] |
//! | BankID RP API v6.0 | `https` | [`bankid`] |
//! | the page that plays the BankID app | `http` | [`bankid_app`] |
//!
//! E-RÄK and the BankID app page are plain HTTP because a person opens them in the system
//! browser, which does not trust the simulator's CA; on loopback that is safe enough for a
//! simulator. ELT and BankID use TLS with the simulator's own CA (`ca.pem` in the data folder),
//! which a client trusts only in demo mode and tests.
//!
//! The simulator checks what FK and BankID would check, written independently of
//! `timbok-core` (it must not depend on it), so that it catches the core's mistakes.

pub mod bankid;
pub mod bankid_app;
pub mod browser;
pub mod elt;
pub mod erak;
mod error;
mod identity;
mod json_request;
mod pki;
mod server;
pub mod tidredovisning;
mod wire;
mod xml;
mod xsd;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use bankid::{qr_auth_code, BankIdFailure, OrderSnapshot, OrderStatus, TestPerson};
pub use elt::{AcceptedReport, RateViolation};
pub use erak::{ErakStatus, InvoiceSnapshot};
pub use error::{Result, SimError};
pub use wire::{Fault, Received, Record, RpErrorCode, Service};

/// Ports of the four listeners; 0 lets the OS choose (the default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ports {
    pub erak: u16,
    pub elt: u16,
    pub bankid: u16,
    pub bankid_app: u16,
}

/// How the simulator is set up. [`SimConfig::new`] gives the defaults documented per field.
#[derive(Clone)]
pub struct SimConfig {
    /// Where the CA, keys and the test client .p12 are kept. Created if missing.
    pub data_dir: PathBuf,
    /// The address every listener binds. Must be a loopback address. Default `127.0.0.1`.
    pub listen_ip: IpAddr,
    pub ports: Ports,
    /// The supplier key E-RÄK accepts. Default: a random one per start.
    pub erak_key: String,
    /// The request header that carries the key. Default `X-Erak-Key`.
    pub erak_key_header: String,
    /// An invoice not signed within this time becomes EXPIRED. Default 1 hour.
    pub erak_invoice_ttl: Duration,
    /// The path of the ELT SOAP endpoint. Default `/elt`.
    pub elt_path: String,
    /// ELT answers a `RateLimitExceeded` fault to a request that arrives sooner than this
    /// after the previous one. Default 1 s (FK: about one request per second).
    pub elt_min_interval: Duration,
    /// The passphrase of the test client .p12 written at start. Default: a random one.
    pub client_p12_passphrase: String,
    /// Every BankID order completes by itself, as the requested person. Default false.
    pub bankid_auto_complete: bool,
    /// How long an auto-completed order takes (outstandingTransaction, started, userSign,
    /// each a third). Default 3 s.
    pub bankid_auto_complete_after: Duration,
    /// An order not completed within this time fails with `expiredTransaction`. Default 180 s.
    pub bankid_order_ttl: Duration,
    /// How old a scanned QR code may be (seconds behind the order's clock). Default 10 s.
    pub bankid_qr_max_age: Duration,
    /// Refuse BankID TLS handshakes without a client (RP) certificate from the simulator's CA.
    /// Default false: a certificate is optional, but if shown it must be from that CA.
    pub bankid_require_client_cert: bool,
    /// Names of known test persons, by personnummer; others complete as "Test Testsson".
    pub test_people: Vec<TestPerson>,
    /// How long a [`Fault::TimeoutAfterStore`] connection hangs before it is closed. Default 60 s.
    pub hang: Duration,
    /// "Today" for the checks that need a date (month ended, birth date not in the future).
    /// Default: the date in Europe/Stockholm at the time of each check.
    pub today: Option<NaiveDate>,
    /// The time BankID signs at (the OCSP response's `producedAt`) and "today" reads when
    /// `today` is not set: an app on a fixed clock runs its simulator on the same one.
    /// Default: the system's time at each use.
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

impl std::fmt::Debug for SimConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimConfig")
            .field("data_dir", &self.data_dir)
            .field("listen_ip", &self.listen_ip)
            .field("ports", &self.ports)
            .field("erak_key", &"<redacted>")
            .field("erak_key_header", &self.erak_key_header)
            .field("elt_path", &self.elt_path)
            .field("bankid_auto_complete", &self.bankid_auto_complete)
            .finish_non_exhaustive()
    }
}

fn random_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

impl SimConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> SimConfig {
        SimConfig {
            data_dir: data_dir.into(),
            listen_ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            ports: Ports::default(),
            erak_key: format!("sim-{}", random_token()),
            erak_key_header: "X-Erak-Key".to_string(),
            erak_invoice_ttl: Duration::from_secs(3600),
            elt_path: "/elt".to_string(),
            elt_min_interval: Duration::from_secs(1),
            client_p12_passphrase: random_token(),
            bankid_auto_complete: false,
            bankid_auto_complete_after: Duration::from_secs(3),
            bankid_order_ttl: Duration::from_secs(180),
            bankid_qr_max_age: Duration::from_secs(10),
            bankid_require_client_cert: false,
            test_people: bankid::default_test_people(),
            hang: Duration::from_secs(60),
            today: None,
            now: None,
        }
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| {
            self.now()
                .with_timezone(&chrono_tz::Europe::Stockholm)
                .date_naive()
        })
    }

    /// The time it signs at: `now`, else the system's.
    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.now.unwrap_or_else(chrono::Utc::now)
    }
}

/// State shared by every listener.
pub(crate) struct Shared {
    pub config: SimConfig,
    pub pki: pki::Pki,
    pub wire: wire::Wire,
    pub erak: erak::ErakState,
    pub elt: elt::EltState,
    pub bankid: bankid::BankIdState,
    /// The BankID app page's per-start secret path segment (`/bankid-app/<token>`), so that no
    /// other web page can list or act on the orders (bankid_app.rs).
    pub bankid_app_token: String,
}

/// Starts simulators.
pub struct Simulator;

impl Simulator {
    /// Makes or loads the certificates, binds the four listeners and starts serving.
    pub async fn start(config: SimConfig) -> Result<RunningSimulator> {
        if !config.listen_ip.is_loopback() {
            return Err(SimError::NotLoopback(config.listen_ip));
        }
        if !config.elt_path.starts_with('/') || config.elt_path.len() < 2 {
            return Err(SimError::Invalid(
                "elt_path must start with '/' and name a path".into(),
            ));
        }
        let pki = pki::Pki::load_or_create(&config.data_dir)?;
        let client_files =
            pki.write_client_files(&config.data_dir, &config.client_p12_passphrase)?;
        let ca_pem_path = config.data_dir.join(pki::CA_PEM);
        let bankid_state = bankid::BankIdState::new(config.bankid_auto_complete);
        let shared = Arc::new(Shared {
            pki,
            wire: wire::Wire::default(),
            erak: erak::ErakState::default(),
            elt: elt::EltState::default(),
            bankid: bankid_state,
            bankid_app_token: random_token(),
            config,
        });

        let ip = shared.config.listen_ip;
        let ports = shared.config.ports;
        let erak_listener = server::bind(SocketAddr::new(ip, ports.erak)).await?;
        let elt_listener = server::bind(SocketAddr::new(ip, ports.elt)).await?;
        let bankid_listener = server::bind(SocketAddr::new(ip, ports.bankid)).await?;
        let app_listener = server::bind(SocketAddr::new(ip, ports.bankid_app)).await?;
        let local = |l: &tokio::net::TcpListener| {
            l.local_addr().map_err(|source| SimError::Bind {
                addr: SocketAddr::new(ip, 0),
                source,
            })
        };
        let addrs = Addrs {
            erak: local(&erak_listener)?,
            elt: local(&elt_listener)?,
            bankid: local(&bankid_listener)?,
            bankid_app: local(&app_listener)?,
        };

        let elt_tls = server::tls_acceptor(&shared, Service::Elt, server::ClientAuth::Required)?;
        let bankid_auth = if shared.config.bankid_require_client_cert {
            server::ClientAuth::Required
        } else {
            server::ClientAuth::Optional
        };
        let bankid_tls = server::tls_acceptor(&shared, Service::BankId, bankid_auth)?;

        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        let mut tasks = Vec::new();
        for (service, listener, tls, router) in [
            (
                Service::Erak,
                erak_listener,
                None,
                erak::router(shared.clone()),
            ),
            (
                Service::Elt,
                elt_listener,
                Some(elt_tls),
                elt::router(shared.clone()),
            ),
            (
                Service::BankId,
                bankid_listener,
                Some(bankid_tls),
                bankid::router(shared.clone(), addrs.bankid.port()),
            ),
            (
                Service::BankIdApp,
                app_listener,
                None,
                bankid_app::router(shared.clone(), addrs.bankid_app.port()),
            ),
        ] {
            debug_assert_eq!(service.uses_tls(), tls.is_some());
            tasks.push(tokio::spawn(server::serve(
                listener,
                service,
                tls,
                router,
                shared.clone(),
                shutdown_rx.clone(),
            )));
        }
        tracing::info!(
            erak = %addrs.erak, elt = %addrs.elt, bankid = %addrs.bankid, bankid_app = %addrs.bankid_app,
            "timbok-sim serving"
        );
        Ok(RunningSimulator {
            urls: Urls::new(&addrs, &shared.config.elt_path, &shared.bankid_app_token),
            addrs,
            ca_pem_path,
            client_files,
            shared,
            shutdown: shutdown_tx,
            tasks,
        })
    }
}

/// The bound addresses of the four listeners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addrs {
    pub erak: SocketAddr,
    pub elt: SocketAddr,
    pub bankid: SocketAddr,
    pub bankid_app: SocketAddr,
}

struct Urls {
    erak: String,
    elt: String,
    bankid: String,
    bankid_app: String,
}

impl Urls {
    fn new(addrs: &Addrs, elt_path: &str, app_token: &str) -> Urls {
        Urls {
            erak: format!("http://{}", addrs.erak),
            elt: format!("https://{}{}", addrs.elt, elt_path),
            bankid: format!("https://{}/rp/v6.0", addrs.bankid),
            bankid_app: format!("http://{}/bankid-app/{app_token}", addrs.bankid_app),
        }
    }
}

/// A simulator that is serving. Dropping it stops the listeners too; [`shutdown`] also
/// waits for them.
///
/// [`shutdown`]: RunningSimulator::shutdown
pub struct RunningSimulator {
    shared: Arc<Shared>,
    addrs: Addrs,
    urls: Urls,
    ca_pem_path: PathBuf,
    client_files: pki::ClientFiles,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningSimulator {
    pub fn addrs(&self) -> Addrs {
        self.addrs
    }

    /// E-RÄK's base URL, `http://127.0.0.1:PORT`: the client POSTs `{base}/public/v1/create`.
    pub fn erak_url(&self) -> &str {
        &self.urls.erak
    }

    /// ELT's endpoint, the full URL the SOAP request is POSTed to: `https://127.0.0.1:PORT/elt`.
    pub fn elt_url(&self) -> &str {
        &self.urls.elt
    }

    /// BankID's base URL including the version, `https://127.0.0.1:PORT/rp/v6.0`: the client
    /// POSTs `{base}/sign`, `{base}/collect`, `{base}/cancel`.
    pub fn bankid_url(&self) -> &str {
        &self.urls.bankid
    }

    /// The page that plays the BankID app, `http://127.0.0.1:PORT/bankid-app/TOKEN`: `TOKEN` is
    /// random per start, and the page answers only with it and only to `Host: 127.0.0.1:PORT`
    /// or `localhost:PORT` (no other web page can list or act on the orders).
    pub fn bankid_app_url(&self) -> &str {
        &self.urls.bankid_app
    }

    /// Path of the simulator's CA certificate (PEM). Trust it only in demo mode and tests.
    pub fn ca_pem_path(&self) -> &Path {
        &self.ca_pem_path
    }

    /// The simulator's CA certificate (PEM).
    pub fn ca_pem(&self) -> &str {
        &self.shared.pki.ca_pem
    }

    /// The simulator's CA certificate (DER).
    pub fn ca_der(&self) -> &[u8] {
        &self.shared.pki.ca_der
    }

    /// The test client certificate for ELT, as PKCS#12 (key, certificate, CA certificate).
    pub fn client_p12_path(&self) -> &Path {
        &self.client_files.p12
    }

    pub fn client_p12_passphrase(&self) -> &str {
        &self.shared.config.client_p12_passphrase
    }

    /// The same test client certificate as PEM, and its key as PKCS#8 PEM.
    pub fn client_cert_pem_path(&self) -> &Path {
        &self.client_files.cert_pem
    }

    pub fn client_key_pem_path(&self) -> &Path {
        &self.client_files.key_pem
    }

    /// Issues another client certificate from the simulator's CA, as PKCS#12 bytes.
    pub fn issue_client_p12(&self, passphrase: &str) -> Result<Vec<u8>> {
        let identity = self.shared.pki.client_identity("Timbok testleverantör")?;
        self.shared.pki.p12(&identity, passphrase)
    }

    /// The E-RÄK supplier key and the header that carries it.
    pub fn erak_key(&self) -> &str {
        &self.shared.config.erak_key
    }

    pub fn erak_key_header(&self) -> &str {
        &self.shared.config.erak_key_header
    }

    pub fn data_dir(&self) -> &Path {
        &self.shared.config.data_dir
    }

    /// Everything received so far, over all services, in order of arrival.
    pub fn record(&self) -> Record {
        self.shared.wire.snapshot()
    }

    /// Queues a one-shot fault for the next request (or TLS handshake, for
    /// [`Fault::ExpiredCertificate`]) of `service`. Several faults apply in order.
    pub fn set_fault(&self, service: Service, fault: Fault) -> Result<()> {
        if fault == Fault::ExpiredCertificate && !service.uses_tls() {
            return Err(SimError::FaultNotApplicable {
                fault: fault.to_string(),
                service: service.as_str(),
                reason: "the service speaks plain HTTP",
            });
        }
        if matches!(fault, Fault::RpError(_)) && service != Service::BankId {
            return Err(SimError::FaultNotApplicable {
                fault: fault.to_string(),
                service: service.as_str(),
                reason: "BankID's error answers belong to the BankID service",
            });
        }
        if let Fault::ServerError(code) = fault {
            if !(500..=599).contains(&code) {
                return Err(SimError::FaultNotApplicable {
                    fault: fault.to_string(),
                    service: service.as_str(),
                    reason: "the status must be 500–599",
                });
            }
        }
        self.shared.wire.push_fault(service, fault);
        Ok(())
    }

    /// Removes every queued fault.
    pub fn clear_faults(&self) {
        self.shared.wire.clear_faults();
    }

    /// Faults still queued for `service`.
    pub fn pending_faults(&self, service: Service) -> usize {
        self.shared.wire.pending_faults(service)
    }

    /// How many handshakes of `service` were answered with the expired certificate.
    pub fn expired_certificates_served(&self, service: Service) -> usize {
        self.shared.wire.expired_served(service)
    }

    /// The E-RÄK invoices received and accepted, in order.
    pub fn invoices(&self) -> Vec<InvoiceSnapshot> {
        self.shared.erak.snapshots(&self.shared.config)
    }

    /// The status of one invoice, as `GET /public/v1/status/{fingerprint}` would say.
    pub fn erak_status(&self, fingerprint: &str) -> Option<ErakStatus> {
        self.shared.erak.status(fingerprint, &self.shared.config)
    }

    /// Lets an unsigned invoice expire now.
    pub fn expire_invoice(&self, fingerprint: &str) -> Result<()> {
        self.shared.erak.expire(fingerprint)
    }

    /// The time reports ELT accepted, in order.
    pub fn elt_reports(&self) -> Vec<AcceptedReport> {
        self.shared.elt.reports()
    }

    /// ELT requests refused because they came sooner than `elt_min_interval` after the previous.
    pub fn elt_rate_violations(&self) -> Vec<RateViolation> {
        self.shared.elt.violations()
    }

    /// The time between consecutive ELT requests that were not refused for the rate.
    pub fn elt_spacings(&self) -> Vec<Duration> {
        self.shared.elt.spacings()
    }

    /// Every BankID order, in order of creation.
    pub fn bankid_orders(&self) -> Vec<OrderSnapshot> {
        self.shared.bankid.snapshots(&self.shared)
    }

    /// Plays the BankID app: the user opened the order (QR scanned or app started).
    pub fn bankid_start(&self, order_ref: &str) -> Result<()> {
        self.shared.bankid.start(&self.shared, order_ref)
    }

    /// Plays the BankID app: the order is signed, by the requested person when `as_person`
    /// is `None`, else by that personnummer (which the real BankID would not allow when the
    /// order requires another person: it lets a test check the client's own check).
    pub fn bankid_complete(&self, order_ref: &str, as_person: Option<&str>) -> Result<()> {
        self.shared
            .bankid
            .complete(&self.shared, order_ref, as_person)
    }

    /// Plays the BankID app: the order fails with that hint code.
    pub fn bankid_fail(&self, order_ref: &str, failure: BankIdFailure) -> Result<()> {
        self.shared.bankid.fail(&self.shared, order_ref, failure)
    }

    /// Switches automatic completion of BankID orders on or off.
    pub fn set_bankid_auto_complete(&self, on: bool) {
        self.shared.bankid.set_auto_complete(on);
    }

    /// What the binary prints as its first line: URLs, paths and the test credentials.
    pub fn info_json(&self) -> serde_json::Value {
        serde_json::json!({
            "erak": self.erak_url(),
            "elt": self.elt_url(),
            "bankid": self.bankid_url(),
            "bankid_app": self.bankid_app_url(),
            "ca_pem": self.ca_pem_path(),
            "client_p12": self.client_p12_path(),
            "client_p12_passphrase": self.client_p12_passphrase(),
            "client_cert_pem": self.client_cert_pem_path(),
            "client_key_pem": self.client_key_pem_path(),
            "erak_key": self.erak_key(),
            "erak_key_header": self.erak_key_header(),
            "data_dir": self.data_dir(),
        })
    }

    /// Stops every listener and open connection, and waits for the listeners to end.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        for task in self.tasks.drain(..) {
            let _ = task.await;
        }
    }
}

impl Drop for RunningSimulator {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}
