//! The simulator's one error type.

use std::path::PathBuf;

/// Why the simulator could not start, or could not do what a caller asked.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("the simulator listens on loopback only; {0} is not a loopback address")]
    NotLoopback(std::net::IpAddr),
    #[error("could not bind {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("could not read or write {path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("certificate or key: {0}")]
    Certificate(String),
    #[error("TLS configuration: {0}")]
    Tls(#[from] rustls::Error),
    #[error("PKCS#12: {0}")]
    Pkcs12(String),
    #[error("the fault {fault} cannot be injected into {service}: {reason}")]
    FaultNotApplicable {
        fault: String,
        service: &'static str,
        reason: &'static str,
    },
    #[error("no BankID order {0}")]
    NoSuchOrder(String),
    #[error("the BankID order {order_ref} cannot do that now: it is {state}")]
    OrderState { order_ref: String, state: String },
    #[error("no E-RÄK invoice with that fingerprint")]
    NoSuchInvoice,
    #[error("invalid argument: {0}")]
    Invalid(String),
}

impl From<rcgen::Error> for SimError {
    fn from(e: rcgen::Error) -> Self {
        SimError::Certificate(e.to_string())
    }
}

/// The simulator's result type.
pub type Result<T, E = SimError> = std::result::Result<T, E>;
