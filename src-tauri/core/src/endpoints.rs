//! Where an environment's services are: the non-secret connection settings of FK test and
//! production, typed by the user or the supplier (FK sends the addresses after the connection
//! agreement, elt.md: they are settings, never constants in code). Stored as JSON in the
//! environment's own database (`settings` table, key `endpoints`). Secrets (keys, certificates,
//! passphrases) are not here: they live in the OS keyring (`credentials`).
//!
//! Demo has no stored endpoints: they come from the simulator running inside the app.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, Result};
use crate::message::{Key, Message};
use crate::settings::Environment;
use crate::store::Store;

/// The request header that carries the E-RÄK key unless the supplier was told another.
pub const DEFAULT_ERAK_KEY_HEADER: &str = crate::erak::wire::DEFAULT_KEY_HEADER;

const SETTING_KEY: &str = "endpoints";
const NAME_MAX: usize = 100;
const ID_MAX: usize = 64;
const HEADER_MAX: usize = 64;
const URL_MAX: usize = 2000;

/// Validated connection settings of one environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoints {
    /// E-RÄK's base URL, without a trailing slash: requests go to `{base}/public/v1/…`.
    pub erak_base_url: String,
    /// The origin of FK's signing page (`https://host[:port]`): the only origin the loopback
    /// listener will answer CORS for.
    pub erak_signing_origin: String,
    /// The request header that carries the E-RÄK key.
    pub erak_key_header: String,
    /// ELT's SOAP endpoint, the full URL.
    pub elt_url: String,
    /// BankID RP API v6.0 base (e.g. `https://appapi2.test.bankid.com/rp/v6.0`), or a supplier
    /// relay speaking the same API; without a trailing slash.
    pub bankid_base_url: String,
    /// The supplier (leverantör) as FK knows it.
    pub supplier_name: String,
    pub supplier_id: String,
}

/// Connection settings as typed, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointsDraft {
    pub erak_base_url: String,
    pub erak_signing_origin: String,
    /// Empty means [`DEFAULT_ERAK_KEY_HEADER`].
    pub erak_key_header: String,
    pub elt_url: String,
    pub bankid_base_url: String,
    pub supplier_name: String,
    pub supplier_id: String,
}

impl From<&Endpoints> for EndpointsDraft {
    fn from(e: &Endpoints) -> EndpointsDraft {
        EndpointsDraft {
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

/// What a URL field is, for its rules and messages.
#[derive(Clone, Copy)]
enum UrlKind {
    /// A base that paths are appended to: no query, no trailing slash.
    Base,
    /// The full address of one endpoint.
    Endpoint,
    /// Scheme, host and port only.
    Origin,
}

impl EndpointsDraft {
    /// Checks every field; the first problem is returned with its field path
    /// (`erakBaseUrl`, `erakSigningOrigin`, `erakKeyHeader`, `eltUrl`, `bankidBaseUrl`,
    /// `supplierName`, `supplierId`). FK test and production require https everywhere.
    pub fn validate(&self, environment: Environment) -> Result<Endpoints> {
        let https_only = environment != Environment::Demo;
        Ok(Endpoints {
            erak_base_url: url(
                &self.erak_base_url,
                "erakBaseUrl",
                Key::ServiceErak,
                UrlKind::Base,
                https_only,
            )?,
            erak_signing_origin: url(
                &self.erak_signing_origin,
                "erakSigningOrigin",
                Key::ServiceSigningPage,
                UrlKind::Origin,
                https_only,
            )?,
            erak_key_header: key_header(&self.erak_key_header)?,
            elt_url: url(
                &self.elt_url,
                "eltUrl",
                Key::ServiceElt,
                UrlKind::Endpoint,
                https_only,
            )?,
            bankid_base_url: url(
                &self.bankid_base_url,
                "bankidBaseUrl",
                Key::ServiceBankid,
                UrlKind::Base,
                https_only,
            )?,
            supplier_name: text(
                &self.supplier_name,
                "supplierName",
                Key::SupplierNameMissing,
                NAME_MAX,
            )?,
            supplier_id: text(
                &self.supplier_id,
                "supplierId",
                Key::SupplierIdMissing,
                ID_MAX,
            )?,
        })
    }
}

/// One field of the endpoints form as typed, checked by the rules of the save (`check_field`).
/// `None` for a field this does not check.
pub(crate) fn check_form_field(
    field: &str,
    text: &str,
    environment: Environment,
) -> Option<Result<String>> {
    let https_only = environment != Environment::Demo;
    let (service, kind) = match field {
        "erakBaseUrl" => (Key::ServiceErak, UrlKind::Base),
        "erakSigningOrigin" => (Key::ServiceSigningPage, UrlKind::Origin),
        "eltUrl" => (Key::ServiceElt, UrlKind::Endpoint),
        "bankidBaseUrl" => (Key::ServiceBankid, UrlKind::Base),
        "erakKeyHeader" => return Some(key_header(text)),
        _ => return None,
    };
    Some(url(text, field, service, kind, https_only))
}

fn url(value: &str, field: &str, service: Key, kind: UrlKind, https_only: bool) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(
            field,
            Message::new(Key::UrlMissing).key("service", service),
        ));
    }
    let example = match kind {
        UrlKind::Origin => "https://www.exempel.se",
        _ => "https://tjanst.exempel.se/sokvag",
    };
    let unreadable = || {
        Error::invalid(
            field,
            Message::new(Key::UrlUnreadable)
                .key("service", service)
                .text("example", example),
        )
    };
    if value.len() > URL_MAX {
        return Err(unreadable());
    }
    let parsed = Url::parse(value).map_err(|_| unreadable())?;
    match parsed.scheme() {
        "https" => {}
        "http" if !https_only => {}
        "http" => {
            return Err(Error::invalid(
                field,
                Message::new(Key::UrlNotHttps).key("service", service),
            ))
        }
        _ => return Err(unreadable()),
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(unreadable());
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::invalid(
            field,
            Message::new(Key::UrlHasCredentials).key("service", service),
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::invalid(
            field,
            Message::new(Key::UrlHasQuery).key("service", service),
        ));
    }
    Ok(match kind {
        UrlKind::Origin => {
            if parsed.path() != "/" {
                return Err(Error::invalid(
                    field,
                    Message::new(Key::UrlOnlyOrigin)
                        .key("service", service)
                        .text("example", example),
                ));
            }
            parsed.origin().ascii_serialization()
        }
        UrlKind::Base => parsed.as_str().trim_end_matches('/').to_string(),
        UrlKind::Endpoint => parsed.as_str().to_string(),
    })
}

fn key_header(value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(DEFAULT_ERAK_KEY_HEADER.to_string());
    }
    if value.len() > HEADER_MAX
        || !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Error::invalid(
            "erakKeyHeader",
            Message::new(Key::KeyHeaderCharacters).text("default", DEFAULT_ERAK_KEY_HEADER),
        ));
    }
    Ok(value.to_string())
}

fn text(value: &str, field: &str, missing: Key, max: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, missing));
    }
    if value.chars().count() > max {
        return Err(Error::invalid(
            field,
            Message::new(Key::EndpointTextTooLong).number("max", max as i64),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(field, Key::EndpointTextControlChars));
    }
    Ok(value.to_string())
}

/// The endpoints stored in this database, if any. A stored value that cannot be read (written
/// by hand, or by a future version) counts as none, so the settings screen can save new ones.
pub(crate) fn load(store: &Store) -> Result<Option<Endpoints>> {
    let Some(json) = store.setting(SETTING_KEY)? else {
        return Ok(None);
    };
    match serde_json::from_str(&json) {
        Ok(endpoints) => Ok(Some(endpoints)),
        Err(error) => {
            tracing::warn!(%error, "stored endpoints unreadable, treated as none");
            Ok(None)
        }
    }
}

pub(crate) fn save(store: &mut Store, endpoints: &Endpoints) -> Result<()> {
    let json = serde_json::to_string(endpoints).expect("endpoints serialise");
    store.set_setting(SETTING_KEY, &json)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn draft() -> EndpointsDraft {
        EndpointsDraft {
            erak_base_url: " https://erak.test.example.se/api/ ".into(),
            erak_signing_origin: "https://signera.test.example.se/".into(),
            erak_key_header: "".into(),
            elt_url: "https://elt.test.example.se:8443/elt/SkickaTidredovisning".into(),
            bankid_base_url: "https://appapi2.test.bankid.com/rp/v6.0/".into(),
            supplier_name: " Exempelleverantören AB ".into(),
            supplier_id: "LEV-123".into(),
        }
    }

    #[test]
    fn a_good_draft_is_normalised() {
        let e = draft().validate(Environment::FkTest).unwrap();
        assert_eq!(e.erak_base_url, "https://erak.test.example.se/api");
        assert_eq!(e.erak_signing_origin, "https://signera.test.example.se");
        assert_eq!(e.erak_key_header, "X-Erak-Key");
        assert_eq!(
            e.elt_url,
            "https://elt.test.example.se:8443/elt/SkickaTidredovisning"
        );
        assert_eq!(e.bankid_base_url, "https://appapi2.test.bankid.com/rp/v6.0");
        assert_eq!(e.supplier_name, "Exempelleverantören AB");
        // Validating what was stored gives the same.
        assert_eq!(
            EndpointsDraft::from(&e)
                .validate(Environment::FkTest)
                .unwrap(),
            e
        );
    }

    fn field_of(change: impl FnOnce(&mut EndpointsDraft), environment: Environment) -> String {
        let mut d = draft();
        change(&mut d);
        let error = d.validate(environment).unwrap_err();
        assert!(error.is_invalid_input());
        error.field().unwrap().to_string()
    }

    #[test]
    fn each_rule_names_its_field() {
        let p = Environment::Production;
        assert_eq!(field_of(|d| d.erak_base_url = "".into(), p), "erakBaseUrl");
        assert_eq!(
            field_of(|d| d.erak_base_url = "erak.se".into(), p),
            "erakBaseUrl"
        );
        assert_eq!(
            field_of(|d| d.erak_base_url = "https://a.se/?x=1".into(), p),
            "erakBaseUrl"
        );
        assert_eq!(
            field_of(|d| d.erak_signing_origin = "https://a.se/sign".into(), p),
            "erakSigningOrigin"
        );
        assert_eq!(
            field_of(|d| d.erak_key_header = "X Erak: Key".into(), p),
            "erakKeyHeader"
        );
        assert_eq!(
            field_of(|d| d.elt_url = "ftp://a.se/elt".into(), p),
            "eltUrl"
        );
        assert_eq!(
            field_of(|d| d.elt_url = "https://user:pw@a.se/elt".into(), p),
            "eltUrl"
        );
        assert_eq!(
            field_of(|d| d.bankid_base_url = "   ".into(), p),
            "bankidBaseUrl"
        );
        assert_eq!(
            field_of(|d| d.supplier_name = " ".into(), p),
            "supplierName"
        );
        assert_eq!(field_of(|d| d.supplier_id = "".into(), p), "supplierId");
        assert_eq!(
            field_of(|d| d.supplier_id = "x".repeat(65), p),
            "supplierId"
        );
    }

    #[test]
    fn https_is_required_outside_demo() {
        let plain = |d: &mut EndpointsDraft| d.elt_url = "http://127.0.0.1:8080/elt".into();
        assert_eq!(field_of(plain, Environment::FkTest), "eltUrl");
        assert_eq!(field_of(plain, Environment::Production), "eltUrl");
        let mut d = draft();
        plain(&mut d);
        let message = d.validate(Environment::FkTest).unwrap_err().to_string();
        assert!(message.contains("https://"), "{message}");
        assert!(d.validate(Environment::Demo).is_ok());
    }

    #[test]
    fn stored_as_json_in_the_settings_table() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(load(&store).unwrap(), None);
        let e = draft().validate(Environment::FkTest).unwrap();
        save(&mut store, &e).unwrap();
        assert_eq!(load(&store).unwrap(), Some(e));
        store.set_setting(SETTING_KEY, "{inte json").unwrap();
        assert_eq!(load(&store).unwrap(), None);
    }
}
