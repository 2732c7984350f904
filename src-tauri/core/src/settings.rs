//! Settings that are not secrets: which environment the app talks to. Secrets (keys,
//! passphrases, certificates) never live here; they go to the OS keyring (security.md).

/// Where Timbok sends time reports and invoices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// The simulator inside the app; nothing leaves the computer. The default of a fresh install.
    Demo,
    /// Försäkringskassan's and BankID's test environments.
    FkTest,
    /// The real services.
    Production,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Demo => "demo",
            Environment::FkTest => "fk_test",
            Environment::Production => "production",
        }
    }

    pub fn parse(token: &str) -> Option<Environment> {
        match token {
            "demo" => Some(Environment::Demo),
            "fk_test" => Some(Environment::FkTest),
            "production" => Some(Environment::Production),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_unknown_is_none() {
        for env in [
            Environment::Demo,
            Environment::FkTest,
            Environment::Production,
        ] {
            assert_eq!(Environment::parse(env.as_str()), Some(env));
        }
        assert_eq!(Environment::parse("prod"), None);
    }
}
