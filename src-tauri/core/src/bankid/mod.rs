//! BankID RP API v6.0 client, QR codes and hint texts (bankid.md). Being built.
