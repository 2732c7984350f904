//! Settings on the wire (docs/ipc.md, "Settings"): the environment, its endpoints, which
//! credentials are saved (never their values), a credential coming in, and the connection
//! test's checks.

use std::collections::BTreeMap;

use base64::Engine;
use serde::{Deserialize, Serialize};
use timbok_core::connection::Check;
use timbok_core::credentials::{Credential, SecretBytes};
use timbok_core::endpoints::{Endpoints, EndpointsDraft};
use timbok_core::message::Message;
use timbok_core::SettingsOverview;
use ts_rs::TS;

use super::IpcError;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(rename = "Endpoints")]
#[serde(rename_all = "camelCase")]
pub struct EndpointsWire {
    pub erak_base_url: String,
    pub erak_signing_origin: String,
    /// Empty or missing: `X-Erak-Key`.
    #[serde(default)]
    pub erak_key_header: String,
    pub elt_url: String,
    pub bankid_base_url: String,
    pub supplier_name: String,
    pub supplier_id: String,
}

impl From<&Endpoints> for EndpointsWire {
    fn from(e: &Endpoints) -> EndpointsWire {
        EndpointsWire {
            erak_base_url: e.erak_base_url.clone(),
            erak_signing_origin: e.erak_signing_origin.clone(),
            erak_key_header: e.erak_key_header.clone(),
            elt_url: e.elt_url.clone(),
            bankid_base_url: e.bankid_base_url.clone(),
            supplier_name: e.supplier_name.clone(),
            supplier_id: e.supplier_id.clone(),
        }
    }
}

impl From<EndpointsWire> for EndpointsDraft {
    fn from(e: EndpointsWire) -> EndpointsDraft {
        EndpointsDraft {
            erak_base_url: e.erak_base_url,
            erak_signing_origin: e.erak_signing_origin,
            erak_key_header: e.erak_key_header,
            elt_url: e.elt_url,
            bankid_base_url: e.bankid_base_url,
            supplier_name: e.supplier_name,
            supplier_id: e.supplier_id,
        }
    }
}

/// Which credentials are saved in the OS keyring for the environment.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Credentials {
    pub elt_client_p12: bool,
    pub elt_p12_passphrase: bool,
    pub erak_key: bool,
    pub bankid_rp_p12: bool,
    pub bankid_rp_passphrase: bool,
}

impl From<&BTreeMap<Credential, bool>> for Credentials {
    fn from(presence: &BTreeMap<Credential, bool>) -> Credentials {
        let has = |c| presence.get(&c).copied().unwrap_or(false);
        Credentials {
            elt_client_p12: has(Credential::EltClientP12),
            elt_p12_passphrase: has(Credential::EltP12Passphrase),
            erak_key: has(Credential::ErakKey),
            bankid_rp_p12: has(Credential::BankidRpP12),
            bankid_rp_passphrase: has(Credential::BankidRpPassphrase),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[ts(type = "Environment")]
    pub environment: &'static str,
    /// `null` in demo (the simulator's) and until saved.
    pub endpoints: Option<EndpointsWire>,
    pub credentials: Credentials,
}

impl From<&SettingsOverview> for Settings {
    fn from(s: &SettingsOverview) -> Settings {
        Settings {
            environment: s.environment.as_str(),
            endpoints: s.endpoints.as_ref().map(EndpointsWire::from),
            credentials: Credentials::from(&s.credentials),
        }
    }
}

/// The credential token of `store_credential` / `delete_credential`.
pub fn credential(token: &str) -> Result<Credential, IpcError> {
    Credential::parse(token).ok_or_else(|| {
        IpcError::invalid(
            "credential",
            timbok_core::message::Key::IpcCredentialUnknown,
        )
    })
}

/// The secret of `store_credential`: files (.p12) arrive as `base64`, texts (passphrases,
/// the E-RÄK key) as `text`. Never logged, never sent back.
pub fn secret(
    credential: Credential,
    text: Option<String>,
    base64: Option<String>,
) -> Result<SecretBytes, IpcError> {
    let field = credential.field();
    if credential.is_file() {
        let encoded = base64.ok_or_else(|| {
            IpcError::invalid(field, timbok_core::message::Key::IpcCertificateFileMissing)
        })?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|_| IpcError::invalid(field, timbok_core::message::Key::IpcFileIncomplete))?;
        Ok(SecretBytes::new(bytes))
    } else {
        let text =
            text.ok_or_else(|| IpcError::invalid(field, timbok_core::message::Key::IpcFieldEmpty))?;
        Ok(SecretBytes::new(text))
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheck {
    #[ts(type = "ServiceName")]
    pub service: &'static str,
    pub ok: bool,
    /// The Swedish rendering of `text`.
    pub message: String,
    /// What the check found, worded by the UI in its language.
    #[ts(type = "BackendMessage")]
    pub text: Message,
}

impl From<&Check> for ConnectionCheck {
    fn from(c: &Check) -> ConnectionCheck {
        ConnectionCheck {
            service: c.service.as_str(),
            ok: c.ok,
            message: c.message.to_string(),
            text: c.message.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credentials_serialise_as_flags_in_camel_case() {
        let presence: BTreeMap<_, _> = [(Credential::ErakKey, true)].into_iter().collect();
        assert_eq!(
            serde_json::to_value(Credentials::from(&presence)).unwrap(),
            json!({"eltClientP12": false, "eltP12Passphrase": false, "erakKey": true,
                   "bankidRpP12": false, "bankidRpPassphrase": false})
        );
    }

    #[test]
    fn files_come_as_base64_and_texts_as_text() {
        let file = secret(Credential::EltClientP12, None, Some("MDAw".into())).unwrap();
        assert_eq!(file.expose(), b"000");
        let error = secret(Credential::EltClientP12, Some("x".into()), None).unwrap_err();
        assert_eq!(error.field.as_deref(), Some("eltClientP12"));
        let error = secret(Credential::BankidRpP12, None, Some("inte base64!".into())).unwrap_err();
        assert_eq!(error.field.as_deref(), Some("bankidRpP12"));
        assert!(secret(Credential::ErakKey, None, Some("MDAw".into())).is_err());
        assert_eq!(
            secret(Credential::ErakKey, Some("k".into()), None)
                .unwrap()
                .expose(),
            b"k"
        );
        assert_eq!(
            credential("mars").unwrap_err().field.as_deref(),
            Some("credential")
        );
    }
}
