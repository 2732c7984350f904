//! The connection test of the settings screen: can Timbok reach E-RÄK, ELT and BankID with
//! the addresses and credentials saved for the environment? One check per service, each with
//! a Swedish message that says what to do. Nothing is sent that changes anything:
//!
//! - E-RÄK: `GET {base}/public/v1/status/timbok-anslutningstest` with the key in its header.
//!   404 (no such invoice) means reachable and key accepted; 401/403 means a wrong key.
//! - ELT: a TLS connection with the client certificate from the .p12, then `GET` of the ELT
//!   URL. Any HTTP answer after the mutual-TLS handshake is a pass; a TLS alert from the server
//!   means the certificate was refused.
//! - BankID: `POST {base}/collect` with an unknown orderRef; a 4xx answer in BankID's JSON
//!   error shape means reachable. The RP certificate is used when one is saved (a supplier
//!   relay may not need one).
//!
//! A missing credential is reported as missing ("saknas") for its service, and that service
//! gets no request. Every request has a 10 second time-out.
//!
//! TLS is rustls with the ring provider, chosen explicitly (the workspace also links aws-lc-rs
//! through a test dependency, so rustls has no single process default). Certificates are
//! always verified. Trust: the OS's trust store (`rustls-native-certs`) for FK test and
//! production: FK's and BankID's servers chain to public CAs, and the OS store is the one the
//! user's IT department manages (a proxy that inspects TLS adds its CA there). Demo trusts the
//! simulator's CA and nothing else ([`Trust::Only`]).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};
use reqwest::StatusCode;
use rustls::RootCertStore;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

use crate::credentials::{Credential, SecretBytes, SecretStore};
use crate::endpoints::Endpoints;
use crate::error::{Error, Result};
use crate::message::{Key, Message};
use crate::pkcs12::ClientIdentity;
use crate::settings::Environment;

/// The longest any one request of the test may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The fingerprint asked for in the E-RÄK check; it never exists.
const ERAK_PROBE: &str = "timbok-anslutningstest";

/// Which remote service a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Erak,
    Elt,
    BankId,
}

impl Service {
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Erak => "erak",
            Service::Elt => "elt",
            Service::BankId => "bankid",
        }
    }

    /// The service's name in the catalogue (a `service` parameter).
    pub fn key(self) -> Key {
        match self {
            Service::Erak => Key::ServiceErak,
            Service::Elt => Key::ServiceElt,
            Service::BankId => Key::ServiceBankid,
        }
    }
}

/// The outcome for one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub service: Service,
    pub ok: bool,
    /// For the user; says what to do when `ok` is false. Never holds a secret.
    pub message: Message,
}

impl Check {
    fn ok(service: Service, message: impl Into<Message>) -> Check {
        Check {
            service,
            ok: true,
            message: message.into(),
        }
    }

    fn failed(service: Service, message: impl Into<Message>) -> Check {
        Check {
            service,
            ok: false,
            message: message.into(),
        }
    }
}

/// Which server certificates to trust.
#[derive(Clone)]
pub enum Trust {
    /// The OS's trust store (FK test, production).
    System,
    /// These CAs only (demo: the simulator's CA; tests).
    Only(Vec<CertificateDer<'static>>),
}

impl fmt::Debug for Trust {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trust::System => f.write_str("Trust::System"),
            Trust::Only(cas) => write!(f, "Trust::Only({} CA)", cas.len()),
        }
    }
}

impl Trust {
    /// Trust only the CA certificates in `pem` (the simulator's `ca.pem`).
    pub fn only_pem(pem: &str) -> Result<Trust> {
        let cas = CertificateDer::pem_slice_iter(pem.as_bytes())
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|_| Error::invalid_input(Key::CaUnreadable))?;
        if cas.is_empty() {
            return Err(Error::invalid_input(Key::CaMissing));
        }
        Ok(Trust::Only(cas))
    }
}

/// What to test: an environment's endpoints and which servers to trust. The credentials are
/// read from a [`SecretStore`] under `environment`.
#[derive(Debug, Clone)]
pub struct Target {
    pub environment: Environment,
    pub endpoints: Endpoints,
    pub trust: Trust,
}

/// Runs the three checks (at the same time) and returns them in the order E-RÄK, ELT, BankID.
pub async fn test(target: &Target, secrets: &dyn SecretStore) -> Vec<Check> {
    let environment = target.environment;
    let roots = root_store(&target.trust);
    let erak_key = secrets.get(environment, Credential::ErakKey);
    let elt = identity(
        secrets,
        environment,
        Credential::EltClientP12,
        Credential::EltP12Passphrase,
    );
    let bankid = identity(
        secrets,
        environment,
        Credential::BankidRpP12,
        Credential::BankidRpPassphrase,
    );
    let endpoints = &target.endpoints;
    let (erak, elt, bankid) = tokio::join!(
        check_erak(endpoints, &roots, erak_key),
        check_elt(endpoints, &roots, elt),
        check_bankid(endpoints, &roots, bankid),
    );
    let checks = vec![erak, elt, bankid];
    for check in &checks {
        tracing::info!(
            environment = environment.as_str(),
            service = check.service.as_str(),
            ok = check.ok,
            "connection check"
        );
    }
    checks
}

pub(crate) type Roots = std::result::Result<Arc<RootCertStore>, Message>;

pub(crate) fn root_store(trust: &Trust) -> Roots {
    let mut store = RootCertStore::empty();
    match trust {
        Trust::Only(cas) => {
            let (_, ignored) = store.add_parsable_certificates(cas.iter().cloned());
            if ignored > 0 {
                tracing::warn!(ignored, "unusable CA certificates ignored");
            }
        }
        Trust::System => {
            let found = rustls_native_certs::load_native_certs();
            for error in &found.errors {
                tracing::warn!(%error, "a certificate of the OS trust store could not be read");
            }
            let (_, ignored) = store.add_parsable_certificates(found.certs);
            if ignored > 0 {
                tracing::debug!(
                    ignored,
                    "unusable certificates in the OS trust store ignored"
                );
            }
        }
    }
    if store.is_empty() {
        return Err(Key::NoTrustStore.into());
    }
    Ok(Arc::new(store))
}

/// The client identity of a .p12 pair: `Ok(None)` when neither half is saved.
pub(crate) fn identity(
    secrets: &dyn SecretStore,
    environment: Environment,
    file: Credential,
    passphrase: Credential,
) -> std::result::Result<Option<ClientIdentity>, Message> {
    let service = if file == Credential::EltClientP12 {
        Service::Elt
    } else {
        Service::BankId
    };
    let p12 = secrets.get(environment, file).map_err(|e| e.message())?;
    let pass = secrets
        .get(environment, passphrase)
        .map_err(|e| e.message())?;
    match (p12, pass) {
        (None, None) => Ok(None),
        (None, Some(_)) => {
            Err(Message::new(Key::CertificateFileMissing).key("service", service.key()))
        }
        (Some(_), None) => {
            Err(Message::new(Key::CertificatePassphraseMissing).key("service", service.key()))
        }
        (Some(p12), Some(pass)) => ClientIdentity::open(p12.expose(), &pass)
            .map(Some)
            .map_err(|problem| problem.message()),
    }
}

pub(crate) fn client(
    roots: &Arc<RootCertStore>,
    identity: Option<&ClientIdentity>,
    url: &str,
) -> std::result::Result<reqwest::Client, Message> {
    let unusable = |_| Message::new(Key::CertificateKeyUnusable);
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| internal())?
        .with_root_certificates(roots.clone());
    let config = match identity {
        Some(identity) => builder
            .with_client_auth_cert(identity.chain().to_vec(), identity.key())
            .map_err(unusable)?,
        None => builder.with_no_client_auth(),
    };
    let mut builder = reqwest::Client::builder()
        .use_preconfigured_tls(config)
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Timbok/", env!("CARGO_PKG_VERSION")));
    if is_loopback(url) {
        // The simulator: a proxy from the environment must not get in between.
        builder = builder.no_proxy();
    }
    builder.build().map_err(|_| internal())
}

fn internal() -> Message {
    Key::ConnectionSetupFailed.into()
}

pub(crate) fn is_loopback(url: &str) -> bool {
    match url::Url::parse(url)
        .ok()
        .and_then(|u| u.host().map(|h| h.to_owned()))
    {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    }
}

async fn check_erak(
    endpoints: &Endpoints,
    roots: &Roots,
    key: Result<Option<SecretBytes>>,
) -> Check {
    let service = Service::Erak;
    let key = match key {
        Ok(Some(key)) => key,
        Ok(None) => return Check::failed(service, Key::ConnectionErakKeyMissing),
        Err(error) => return Check::failed(service, error.message()),
    };
    let roots = match roots {
        Ok(roots) => roots,
        Err(message) => return Check::failed(service, message.clone()),
    };
    let url = format!("{}/public/v1/status/{ERAK_PROBE}", endpoints.erak_base_url);
    let client = match client(roots, None, &url) {
        Ok(client) => client,
        Err(message) => return Check::failed(service, message),
    };
    let (Ok(name), Ok(mut value)) = (
        HeaderName::from_bytes(endpoints.erak_key_header.as_bytes()),
        HeaderValue::from_bytes(key.expose()),
    ) else {
        return Check::failed(service, Key::ConnectionKeyCharacters);
    };
    value.set_sensitive(true);
    match client.get(&url).header(name, value).send().await {
        Ok(response) => match response.status() {
            status if status == StatusCode::NOT_FOUND || status.is_success() => {
                Check::ok(service, Key::ConnectionErakOk)
            }
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                Check::failed(service, Key::ConnectionErakKeyRefused)
            }
            status => unexpected_status(service, status),
        },
        Err(error) => failure(service, &error),
    }
}

async fn check_elt(
    endpoints: &Endpoints,
    roots: &Roots,
    identity: std::result::Result<Option<ClientIdentity>, Message>,
) -> Check {
    match identity {
        Ok(Some(identity)) => elt_probe(endpoints, roots, Some(&identity)).await,
        Ok(None) => Check::failed(Service::Elt, Key::ConnectionEltCertificateMissing),
        Err(message) => Check::failed(Service::Elt, message),
    }
}

/// `GET` of the ELT URL over TLS, with `identity` as the client certificate.
async fn elt_probe(
    endpoints: &Endpoints,
    roots: &Roots,
    identity: Option<&ClientIdentity>,
) -> Check {
    let service = Service::Elt;
    let roots = match roots {
        Ok(roots) => roots,
        Err(message) => return Check::failed(service, message.clone()),
    };
    let client = match client(roots, identity, &endpoints.elt_url) {
        Ok(client) => client,
        Err(message) => return Check::failed(service, message),
    };
    match client.get(&endpoints.elt_url).send().await {
        // Any HTTP answer: the mutual-TLS handshake went through (ELT only takes POST).
        Ok(_) => Check::ok(service, Key::ConnectionEltOk),
        Err(error) => failure(service, &error),
    }
}

async fn check_bankid(
    endpoints: &Endpoints,
    roots: &Roots,
    identity: std::result::Result<Option<ClientIdentity>, Message>,
) -> Check {
    let service = Service::BankId;
    let identity = match identity {
        Ok(identity) => identity,
        Err(message) => return Check::failed(service, message),
    };
    let roots = match roots {
        Ok(roots) => roots,
        Err(message) => return Check::failed(service, message.clone()),
    };
    let url = format!("{}/collect", endpoints.bankid_base_url);
    let client = match client(roots, identity.as_ref(), &url) {
        Ok(client) => client,
        Err(message) => return Check::failed(service, message),
    };
    let body = serde_json::json!({ "orderRef": uuid::Uuid::new_v4().to_string() });
    match client.post(&url).json(&body).send().await {
        Ok(response) => {
            let status = response.status();
            if status.is_success() {
                return Check::ok(service, Key::ConnectionBankidOk);
            }
            if !status.is_client_error() {
                return unexpected_status(service, status);
            }
            let shaped = response
                .json::<serde_json::Value>()
                .await
                .ok()
                .is_some_and(|v| v.get("errorCode").is_some_and(|c| c.is_string()));
            if shaped {
                Check::ok(service, Key::ConnectionBankidOk)
            } else {
                Check::failed(service, Key::ConnectionNotBankid)
            }
        }
        Err(error) => failure(service, &error),
    }
}

fn unexpected_status(service: Service, status: StatusCode) -> Check {
    Check::failed(
        service,
        Message::new(Key::ConnectionUnexpectedStatus)
            .key("service", service.key())
            .number("status", status.as_u16()),
    )
}

fn failure(service: Service, error: &reqwest::Error) -> Check {
    use crate::remote::TransportError as Failure;
    let failure = crate::remote::classify(error);
    tracing::debug!(
        service = service.as_str(),
        failure = failure.as_str(),
        "connection check failed"
    );
    let named = |key: Key| Message::new(key).key("service", service.key());
    let message = match (failure, service) {
        (Failure::Timeout | Failure::ConnectTimeout, _) => {
            named(Key::ConnectionTimeout).number("seconds", TIMEOUT.as_secs() as i64)
        }
        (Failure::Unreachable, _) => named(Key::ConnectionUnreachable),
        (Failure::ServerCertificate, _) => named(Key::ConnectionServerCertificate),
        (Failure::Refused, Service::Elt) => Key::ConnectionEltRefused.into(),
        (Failure::Refused, Service::BankId) => Key::ConnectionBankidRefused.into(),
        (Failure::Refused, Service::Erak)
        | (Failure::Unbuildable | Failure::Handshake | Failure::Broken, _) => {
            named(Key::ConnectionFailed)
        }
    };
    Check::failed(service, message)
}

#[cfg(test)]
mod tests;
