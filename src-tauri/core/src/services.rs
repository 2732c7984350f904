//! The remote services of one environment, ready to use: the ELT transport with the supplier's
//! client certificate, the BankID transport (with the RP certificate when one is saved), and
//! the E-RÄK client with its key. Built from a [`Target`] (endpoints and which servers to trust)
//! and the credentials in a [`SecretStore`] — in demo mode the in-app simulator's, else the OS
//! keyring's. Nothing here is kept on disk.

use std::sync::Arc;

use crate::bankid::client::{BankIdTransport, HttpsTransport as BankIdHttps};
use crate::connection::{self, Target};
use crate::credentials::{Credential, SecretStore};
use crate::elt::client::{EltTransport, HttpsTransport as EltHttps};
use crate::endpoints::Endpoints;
use crate::erak::client::{ErakClient, Supplier};
use crate::error::{Error, Result};
use crate::message::Message;

/// The connected services of an environment. ELT needs the supplier's certificate; without it
/// (not saved yet) BankID signing and the invoice still work, and sending says what is missing.
#[derive(Clone)]
pub struct Services {
    pub target: Target,
    elt: std::result::Result<Arc<dyn EltTransport>, Message>,
    pub bankid: Arc<dyn BankIdTransport>,
}

impl Services {
    /// Builds the transports. A missing or unusable ELT certificate is kept as the reason
    /// [`Services::elt`] gives; the BankID transport needs only valid settings.
    pub fn connect(target: &Target, secrets: &dyn SecretStore) -> Result<Services> {
        let environment = target.environment;
        let elt = connection::identity(
            secrets,
            environment,
            Credential::EltClientP12,
            Credential::EltP12Passphrase,
        )
        .and_then(|identity| {
            identity.ok_or_else(|| Message::new(crate::message::Key::EltCertificateMissing))
        })
        .and_then(|identity| EltHttps::new(&target.endpoints.elt_url, &target.trust, &identity))
        .map(|transport| Arc::new(transport) as Arc<dyn EltTransport>);
        let bankid_identity = connection::identity(
            secrets,
            environment,
            Credential::BankidRpP12,
            Credential::BankidRpPassphrase,
        )
        .map_err(Error::invalid_input)?;
        let bankid = BankIdHttps::new(
            &target.endpoints.bankid_base_url,
            &target.trust,
            bankid_identity.as_ref(),
        )
        .map_err(Error::invalid_input)?;
        Ok(Services {
            target: target.clone(),
            elt,
            bankid: Arc::new(bankid),
        })
    }

    /// The ELT transport, or why there is none (a Swedish text that names what to save).
    pub fn elt(&self) -> Result<Arc<dyn EltTransport>> {
        self.elt.clone().map_err(Error::invalid_input)
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.target.endpoints
    }

    /// The E-RÄK client with the environment's key.
    pub fn erak(&self, secrets: &dyn SecretStore) -> Result<ErakClient> {
        let key = secrets
            .get(self.target.environment, Credential::ErakKey)?
            .ok_or_else(|| Error::invalid_input(crate::message::Key::ErakKeyMissing))?;
        let endpoints = &self.target.endpoints;
        ErakClient::https(
            &endpoints.erak_base_url,
            &self.target.trust,
            &endpoints.erak_key_header,
            key,
        )
        .map_err(|e| Error::invalid_input(e.message()))
    }

    /// The supplier as E-RÄK knows it.
    pub fn supplier(&self) -> Supplier {
        Supplier {
            name: self.target.endpoints.supplier_name.clone(),
            id: self.target.endpoints.supplier_id.clone(),
        }
    }
}

/// What demo mode (the in-app simulator) and `timbok-cli`'s demo commands know of a running
/// simulator, in plain values (`timbok-core` does not depend on the simulator crate).
pub struct SimulatorAccess<'a> {
    pub erak_url: &'a str,
    pub elt_url: &'a str,
    pub bankid_url: &'a str,
    pub erak_key_header: &'a str,
    pub erak_key: &'a str,
    /// The simulator's CA: the only certificate demo trusts.
    pub ca_pem: &'a str,
    pub client_p12: Vec<u8>,
    pub client_p12_passphrase: &'a str,
}

impl SimulatorAccess<'_> {
    /// Demo's target and credentials from what a running `timbok-sim` prints as its first line
    /// (`RunningSimulator::info_json`: its URLs, test key, and the CA and test `.p12` as paths,
    /// read here): the one mapping for the tests and tools that start a simulator of their own.
    pub fn connect_info(
        info: &serde_json::Value,
    ) -> Result<(Target, crate::credentials::MemorySecrets)> {
        let text = |name: &str| {
            info[name]
                .as_str()
                .ok_or_else(|| Error::Io(std::io::Error::other(format!("simulator info: {name}"))))
        };
        let ca_pem = std::fs::read_to_string(text("ca_pem")?)?;
        let client_p12 = std::fs::read(text("client_p12")?)?;
        SimulatorAccess {
            erak_url: text("erak")?,
            elt_url: text("elt")?,
            bankid_url: text("bankid")?,
            erak_key_header: text("erak_key_header")?,
            erak_key: text("erak_key")?,
            ca_pem: &ca_pem,
            client_p12,
            client_p12_passphrase: text("client_p12_passphrase")?,
        }
        .connect()
    }

    /// The demo target (FK's signing page is served by the simulator's E-RÄK listener) and the
    /// simulator's test credentials in memory, under `Environment::Demo`.
    pub fn connect(self) -> Result<(Target, crate::credentials::MemorySecrets)> {
        use crate::credentials::{MemorySecrets, SecretBytes};
        use crate::endpoints::EndpointsDraft;
        use crate::settings::Environment;
        let endpoints = EndpointsDraft {
            erak_base_url: self.erak_url.into(),
            erak_signing_origin: self.erak_url.into(),
            erak_key_header: self.erak_key_header.into(),
            elt_url: self.elt_url.into(),
            bankid_base_url: self.bankid_url.into(),
            supplier_name: "Timbok demo".into(),
            supplier_id: "timbok-demo".into(),
        }
        .validate(Environment::Demo)?;
        let trust = connection::Trust::only_pem(self.ca_pem)?;
        let secrets = MemorySecrets::default();
        for (credential, secret) in [
            (Credential::EltClientP12, SecretBytes::new(self.client_p12)),
            (
                Credential::EltP12Passphrase,
                SecretBytes::new(self.client_p12_passphrase),
            ),
            (Credential::ErakKey, SecretBytes::new(self.erak_key)),
        ] {
            secrets.set(Environment::Demo, credential, &secret)?;
        }
        Ok((
            Target {
                environment: Environment::Demo,
                endpoints,
                trust,
            },
            secrets,
        ))
    }
}
