//! [`Credential`]: which of the supplier's credentials. A leaf: the sealed store's problems
//! (carried by [`crate::error::Error`]) name it, so it imports nothing of the crate.

/// Which credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Credential {
    /// The supplier's ELT client certificate, a PKCS#12 (.p12) file.
    EltClientP12,
    EltP12Passphrase,
    /// The supplier's key (nyckel) for E-RÄK.
    ErakKey,
    /// The BankID relying-party certificate (.p12), when the app calls BankID directly.
    BankidRpP12,
    BankidRpPassphrase,
}

impl Credential {
    pub const ALL: [Credential; 5] = [
        Credential::EltClientP12,
        Credential::EltP12Passphrase,
        Credential::ErakKey,
        Credential::BankidRpP12,
        Credential::BankidRpPassphrase,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Credential::EltClientP12 => "elt_client_p12",
            Credential::EltP12Passphrase => "elt_p12_passphrase",
            Credential::ErakKey => "erak_key",
            Credential::BankidRpP12 => "bankid_rp_p12",
            Credential::BankidRpPassphrase => "bankid_rp_passphrase",
        }
    }

    pub fn parse(token: &str) -> Option<Credential> {
        Credential::ALL.into_iter().find(|c| c.as_str() == token)
    }

    /// The field path of errors about this credential, as the settings' `credentials` object
    /// names it on the IPC boundary (docs/ipc.md, "Settings").
    pub fn field(self) -> &'static str {
        match self {
            Credential::EltClientP12 => "eltClientP12",
            Credential::EltP12Passphrase => "eltP12Passphrase",
            Credential::ErakKey => "erakKey",
            Credential::BankidRpP12 => "bankidRpP12",
            Credential::BankidRpPassphrase => "bankidRpPassphrase",
        }
    }

    /// A file (.p12, bytes) rather than a text (passphrase, key).
    pub fn is_file(self) -> bool {
        matches!(self, Credential::EltClientP12 | Credential::BankidRpP12)
    }

    /// The other half of a .p12 pair: the file's passphrase, or the passphrase's file.
    pub fn partner(self) -> Option<Credential> {
        match self {
            Credential::EltClientP12 => Some(Credential::EltP12Passphrase),
            Credential::EltP12Passphrase => Some(Credential::EltClientP12),
            Credential::BankidRpP12 => Some(Credential::BankidRpPassphrase),
            Credential::BankidRpPassphrase => Some(Credential::BankidRpP12),
            Credential::ErakKey => None,
        }
    }
}
