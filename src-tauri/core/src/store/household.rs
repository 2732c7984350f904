//! The single household row.

use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};

use super::Store;
use crate::error::Result;
use crate::household::{Household, Person, Provider};

const COLUMNS: &str = "person_personnummer, person_first_name, person_last_name, person_phone,
    signer_role, signer_personnummer, signer_first_name, signer_last_name, signer_phone,
    employment, provider_name, provider_organisationsnummer, granted_hours_per_month,
    provider_contact_person, provider_phone";

impl Store {
    /// The household, or `None` before it has been saved the first time.
    pub fn household(&self) -> Result<Option<Household>> {
        load_in(&self.conn)
    }

    /// Saves the household, replacing the one saved before.
    pub fn save_household(&mut self, household: &Household) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        save_in(&tx, household)?;
        tx.commit()?;
        tracing::info!(scenario = household.scenario().as_str(), "household saved");
        Ok(())
    }
}

/// Saves inside the caller's transaction (also used by a whole-file import).
pub(super) fn save_in(tx: &rusqlite::Connection, household: &Household) -> Result<()> {
    let sql = format!(
        "INSERT INTO household (id, {COLUMNS})
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT (id) DO UPDATE SET
                person_personnummer = excluded.person_personnummer,
                person_first_name = excluded.person_first_name,
                person_last_name = excluded.person_last_name,
                person_phone = excluded.person_phone,
                signer_role = excluded.signer_role,
                signer_personnummer = excluded.signer_personnummer,
                signer_first_name = excluded.signer_first_name,
                signer_last_name = excluded.signer_last_name,
                signer_phone = excluded.signer_phone,
                employment = excluded.employment,
                provider_name = excluded.provider_name,
                provider_organisationsnummer = excluded.provider_organisationsnummer,
                granted_hours_per_month = excluded.granted_hours_per_month,
                provider_contact_person = excluded.provider_contact_person,
                provider_phone = excluded.provider_phone,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    );
    let person = &household.person;
    let signer = household.signer.as_ref();
    let provider = household.provider.as_ref();
    tx.execute(
        &sql,
        params![
            person.personnummer,
            person.first_name,
            person.last_name,
            person.phone,
            household.signer_role,
            signer.map(|s| &s.personnummer),
            signer.map(|s| &s.first_name),
            signer.map(|s| &s.last_name),
            signer.and_then(|s| s.phone.as_ref()),
            household.employment,
            provider.map(|p| &p.name),
            provider.map(|p| &p.organisationsnummer),
            household.granted_hours_per_month,
            provider.and_then(|p| p.contact_person.as_ref()),
            provider.and_then(|p| p.phone.as_ref()),
        ],
    )?;
    Ok(())
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Household> {
    let person = Person {
        personnummer: row.get(0)?,
        first_name: row.get(1)?,
        last_name: row.get(2)?,
        phone: row.get(3)?,
    };
    let signer = match row.get(5)? {
        Some(personnummer) => Some(Person {
            personnummer,
            first_name: row.get(6)?,
            last_name: row.get(7)?,
            phone: row.get(8)?,
        }),
        None => None,
    };
    let provider = match row.get(11)? {
        Some(organisationsnummer) => Some(Provider {
            name: row.get(10)?,
            organisationsnummer,
            contact_person: row.get(13)?,
            phone: row.get(14)?,
        }),
        None => None,
    };
    Ok(Household {
        person,
        signer_role: row.get(4)?,
        signer,
        employment: row.get(9)?,
        provider,
        granted_hours_per_month: row.get(12)?,
    })
}

/// Reads the household inside the caller's transaction.
pub(super) fn load_in(conn: &rusqlite::Connection) -> Result<Option<Household>> {
    let sql = format!("SELECT {COLUMNS} FROM household WHERE id = 1");
    Ok(conn.query_row(&sql, [], from_row).optional()?)
}
