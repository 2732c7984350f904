//! [`SecretBytes`]: a secret held in memory. A leaf: the credential store and the `.p12`
//! reader both hold secrets, and neither needs the other for that.

use std::fmt;

/// Bytes that must not be printed: `Debug` shows `[redacted]`, there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretBytes(Vec<u8>);

impl SecretBytes {
    pub fn new(bytes: impl Into<Vec<u8>>) -> SecretBytes {
        SecretBytes(bytes.into())
    }

    /// The secret itself; call only where it is used (a TLS identity, a request header).
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// As UTF-8 text (passphrases, keys), if it is text.
    pub fn expose_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBytes([redacted])")
    }
}
