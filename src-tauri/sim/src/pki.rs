//! The simulator's own certificates: a test CA (for the TLS servers and the test client
//! certificate that ELT requires), a BankID test issuer (for the signers' certificates inside
//! BankID signature documents), server certificates (valid and expired), and the .p12 writer.
//!
//! The two CAs are kept in the data folder and reused on the next start, so a client that
//! trusts `ca.pem` keeps trusting it. Everything else is made anew at each start.

use std::fs;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use time::{Duration as TimeDuration, OffsetDateTime};

use crate::error::{Result, SimError};

/// File names in the data folder.
pub(crate) const CA_PEM: &str = "ca.pem";
const CA_KEY: &str = "ca-key.pem";
const BANKID_CA_PEM: &str = "bankid-ca.pem";
const BANKID_CA_KEY: &str = "bankid-ca-key.pem";
pub(crate) const CLIENT_P12: &str = "client.p12";
pub(crate) const CLIENT_CERT_PEM: &str = "client-cert.pem";
pub(crate) const CLIENT_KEY_PEM: &str = "client-key.pem";

/// OID of the X.520 `serialNumber` attribute, where BankID certificates carry the personnummer.
pub(crate) const OID_SERIAL_NUMBER: &[u64] = &[2, 5, 4, 5];
const OID_GIVEN_NAME: &[u64] = &[2, 5, 4, 42];
const OID_SURNAME: &[u64] = &[2, 5, 4, 4];

pub(crate) struct Pki {
    pub ca_pem: String,
    pub ca_der: CertificateDer<'static>,
    ca: Issuer<'static, KeyPair>,
    pub bankid_ca_der: CertificateDer<'static>,
    bankid_ca: Issuer<'static, KeyPair>,
}

/// A certificate and its key, as DER and PEM.
pub(crate) struct Identity {
    pub cert_der: CertificateDer<'static>,
    pub cert_pem: String,
    pub key_pkcs8_der: Vec<u8>,
    pub key_pem: String,
}

/// A signer's BankID certificate and the key that signs with it.
pub(crate) struct BankIdSigner {
    pub cert_der: Vec<u8>,
    pub key: EcdsaKeyPair,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SimError + '_ {
    move |source| SimError::File {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `contents` to `path`; owner-only where the platform supports it for secret files.
pub(crate) fn write_file(path: &Path, contents: &[u8], secret: bool) -> Result<()> {
    fs::write(path, contents).map_err(io_err(path))?;
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(io_err(path))?;
    }
    #[cfg(not(unix))]
    let _ = secret;
    Ok(())
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn name(common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "SE");
    dn.push(
        DnType::OrganizationName,
        "Timbok simulator (test, inte giltig)",
    );
    dn.push(DnType::CommonName, common_name);
    dn
}

fn ca_params(common_name: &str) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = name(common_name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params.not_before = now() - TimeDuration::days(1);
    params.not_after = now() + TimeDuration::days(3650);
    params
}

/// Loads the CA kept in `dir` under those names, or makes and stores a new one.
fn load_or_create_ca(
    dir: &Path,
    cert_file: &str,
    key_file: &str,
    common_name: &str,
) -> Result<(String, CertificateDer<'static>, Issuer<'static, KeyPair>)> {
    let cert_path = dir.join(cert_file);
    let key_path = dir.join(key_file);
    if cert_path.exists() && key_path.exists() {
        let cert_pem = fs::read_to_string(&cert_path).map_err(io_err(&cert_path))?;
        let key_pem = fs::read_to_string(&key_path).map_err(io_err(&key_path))?;
        let key = KeyPair::from_pem(&key_pem)?;
        let der = CertificateDer::from_pem_slice(cert_pem.as_bytes())
            .map_err(|e| SimError::Certificate(format!("{}: {e}", cert_path.display())))?;
        let issuer = Issuer::from_ca_cert_der(&der, key)?;
        return Ok((cert_pem, der, issuer));
    }
    let key = KeyPair::generate()?;
    let params = ca_params(common_name);
    let cert = params.self_signed(&key)?;
    write_file(&key_path, key.serialize_pem().as_bytes(), true)?;
    write_file(&cert_path, cert.pem().as_bytes(), false)?;
    let der = cert.der().clone();
    Ok((cert.pem(), der, Issuer::new(params, key)))
}

impl Pki {
    pub fn load_or_create(dir: &Path) -> Result<Pki> {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let (ca_pem, ca_der, ca) = load_or_create_ca(
            dir,
            CA_PEM,
            CA_KEY,
            "Timbok-sim test-CA (endast demo och test)",
        )?;
        let (_, bankid_ca_der, bankid_ca) = load_or_create_ca(
            dir,
            BANKID_CA_PEM,
            BANKID_CA_KEY,
            "Timbok-sim BankID test-utfärdare (endast demo och test)",
        )?;
        Ok(Pki {
            ca_pem,
            ca_der,
            ca,
            bankid_ca_der,
            bankid_ca,
        })
    }

    /// A server certificate for `ips` and `localhost`, valid now, or one that expired in 2021.
    pub fn server_identity(&self, ips: &[IpAddr], expired: bool) -> Result<Identity> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::default();
        params.distinguished_name = name("Timbok-sim server");
        params.subject_alt_names = ips.iter().map(|ip| SanType::IpAddress(*ip)).collect();
        params.subject_alt_names.push(SanType::DnsName(
            "localhost".try_into().map_err(SimError::from)?,
        ));
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        if expired {
            params.not_before = rcgen::date_time_ymd(2020, 1, 1);
            params.not_after = rcgen::date_time_ymd(2021, 1, 1);
        } else {
            params.not_before = now() - TimeDuration::days(1);
            params.not_after = now() + TimeDuration::days(365);
        }
        let cert = params.signed_by(&key, &self.ca)?;
        Ok(identity(cert, key))
    }

    /// A client certificate issued by the test CA (what FK MCA or Expisoft would issue).
    pub fn client_identity(&self, common_name: &str) -> Result<Identity> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::default();
        params.distinguished_name = name(common_name);
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        params.not_before = now() - TimeDuration::days(1);
        params.not_after = now() + TimeDuration::days(730);
        let cert = params.signed_by(&key, &self.ca)?;
        Ok(identity(cert, key))
    }

    /// A PKCS#12 file with the identity's key, its certificate and the CA certificate,
    /// encrypted with AES-256 (PBES2) and MAC'd with HMAC-SHA256, as OpenSSL 3 writes by default.
    pub fn p12(&self, identity: &Identity, passphrase: &str) -> Result<Vec<u8>> {
        use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
        let p12_err = |e: p12_keystore::error::Error| SimError::Pkcs12(e.to_string());
        let key = PrivateKey::from_der(&identity.key_pkcs8_der).map_err(p12_err)?;
        let leaf = Certificate::from_der(&identity.cert_der).map_err(p12_err)?;
        let ca = Certificate::from_der(&self.ca_der).map_err(p12_err)?;
        let local_key_id =
            ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &identity.cert_der);
        let chain = PrivateKeyChain::new(local_key_id.as_ref(), key, [leaf, ca]);
        let mut store = KeyStore::new();
        store.add_entry("timbok-sim-client", KeyStoreEntry::PrivateKeyChain(chain));
        store.writer(passphrase).write().map_err(p12_err)
    }

    /// A BankID certificate for one signer: subject serialNumber is the personnummer, as in
    /// BankID's real end-user certificates. Issued by the simulator's BankID test issuer.
    pub fn bankid_signer(
        &self,
        personal_number: &str,
        given_name: &str,
        surname: &str,
    ) -> Result<BankIdSigner> {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .map_err(|_| SimError::Certificate("could not make a key".into()))?;
        let rcgen_key = KeyPair::try_from(pkcs8.as_ref())?;
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CountryName, "SE");
        dn.push(DnType::CustomDnType(OID_SURNAME.to_vec()), surname);
        dn.push(DnType::CustomDnType(OID_GIVEN_NAME.to_vec()), given_name);
        dn.push(DnType::CommonName, format!("{given_name} {surname}"));
        dn.push(
            DnType::CustomDnType(OID_SERIAL_NUMBER.to_vec()),
            personal_number,
        );
        params.distinguished_name = dn;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        params.not_before = now() - TimeDuration::days(1);
        params.not_after = now() + TimeDuration::days(730);
        let cert = params.signed_by(&rcgen_key, &self.bankid_ca)?;
        let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng)
            .map_err(|_| SimError::Certificate("could not load a key".into()))?;
        Ok(BankIdSigner {
            cert_der: cert.der().to_vec(),
            key,
        })
    }

    /// Signs `message` with the BankID test issuer's key (ECDSA P-256, ASN.1 DER signature).
    pub fn bankid_issuer_sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        use rcgen::SigningKey;
        Ok(self.bankid_ca.key().sign(message)?)
    }
}

fn identity(cert: rcgen::Certificate, key: KeyPair) -> Identity {
    Identity {
        cert_pem: cert.pem(),
        cert_der: cert.der().clone(),
        key_pkcs8_der: key.serialize_der(),
        key_pem: key.serialize_pem(),
    }
}

impl Identity {
    pub fn key_der(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_pkcs8_der.clone()))
    }
}

/// Where the files of the test client are written in the data folder.
pub(crate) struct ClientFiles {
    pub p12: PathBuf,
    pub cert_pem: PathBuf,
    pub key_pem: PathBuf,
}

impl Pki {
    /// Issues the test client certificate and writes it as .p12 and as PEM files.
    pub fn write_client_files(&self, dir: &Path, passphrase: &str) -> Result<ClientFiles> {
        let identity = self.client_identity("Timbok testleverantör")?;
        let files = ClientFiles {
            p12: dir.join(CLIENT_P12),
            cert_pem: dir.join(CLIENT_CERT_PEM),
            key_pem: dir.join(CLIENT_KEY_PEM),
        };
        write_file(&files.p12, &self.p12(&identity, passphrase)?, true)?;
        write_file(&files.cert_pem, identity.cert_pem.as_bytes(), false)?;
        write_file(&files.key_pem, identity.key_pem.as_bytes(), true)?;
        Ok(files)
    }
}
