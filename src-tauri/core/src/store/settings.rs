//! Settings: plain key/value preferences. Never secrets: those live in the OS keyring.

use rusqlite::{OptionalExtension, TransactionBehavior};

use super::Store;
use crate::error::Result;

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a setting; removing one that is not there is not an error.
    pub fn remove_setting(&mut self, key: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM settings WHERE key = ?1", [key])?;
        tx.commit()?;
        Ok(())
    }
}
