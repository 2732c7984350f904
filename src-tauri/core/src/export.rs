//! "Exportera": the whole household as the JSON of docs/import.md (person, signer, provider,
//! assistants, shifts), so it can be read by people and other programs and imported back
//! (`Timbok::import` with `ImportFormat::Json`). Deleted shifts are left out. The file holds
//! personnummer and names: it is the user's to keep safe.

use serde_json::{json, Map, Value};

use crate::error::Result;
use crate::store::Store;

/// The household, its assistants and every shift, as import JSON (pretty-printed).
pub fn household_json(store: &Store) -> Result<String> {
    let mut root = Map::new();
    let person = |p: &crate::household::Person| {
        json!({
            "personnummer": p.personnummer.as_str(),
            "first_name": p.first_name,
            "last_name": p.last_name,
            "phone": p.phone,
        })
    };
    if let Some(h) = store.household()? {
        root.insert("person".into(), person(&h.person));
        if let Some(hours) = h.granted_hours_per_month {
            root.insert("granted_hours_per_month".into(), json!(hours));
        }
        root.insert("signer_role".into(), json!(h.signer_role.as_str()));
        if let Some(signer) = &h.signer {
            root.insert("signer".into(), person(signer));
        }
        root.insert("employment".into(), json!(h.employment.as_str()));
        if let Some(provider) = &h.provider {
            root.insert(
                "provider".into(),
                json!({"name": provider.name, "organisationsnummer": provider.organisationsnummer.as_str()}),
            );
        }
    }
    let assistants = store.assistants()?;
    let mut shifts = Vec::new();
    for assistant in &assistants {
        for shift in store.shifts_of_assistant(assistant.id)? {
            shifts.push((
                shift.start,
                assistant.personnummer.as_str().to_string(),
                shift,
            ));
        }
    }
    shifts.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    root.insert(
        "assistants".into(),
        Value::Array(
            assistants
                .iter()
                .map(|a| {
                    json!({
                        "personnummer": a.personnummer.as_str(),
                        "first_name": a.first_name,
                        "last_name": a.last_name,
                        "phone": a.phone,
                        "employed_by_person": a.employed_by_person,
                        "collective_agreement": a.collective_agreement,
                    })
                })
                .collect(),
        ),
    );
    root.insert(
        "shifts".into(),
        Value::Array(
            shifts
                .into_iter()
                .map(|(_, assistant, s)| {
                    let mut shift = json!({
                        "assistant": assistant,
                        "start": s.start.format("%Y-%m-%dT%H:%M").to_string(),
                        "end": s.end.format("%Y-%m-%dT%H:%M").to_string(),
                        "kind": s.kind.as_str(),
                    });
                    if let Some(note) = s.note {
                        shift["note"] = json!(note);
                    }
                    shift
                })
                .collect(),
        ),
    );
    Ok(serde_json::to_string_pretty(&Value::Object(root)).expect("JSON serialises"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportFormat;
    use crate::timbok::{Clock, Timbok};

    #[test]
    fn export_import_into_an_empty_database_export_again_is_equal() {
        let mut demo = Store::open_in_memory().unwrap();
        crate::demo::seed(
            &mut demo,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
        )
        .unwrap();
        let first = household_json(&demo).unwrap();
        let value: Value = serde_json::from_str(&first).unwrap();
        assert_eq!(value["person"]["first_name"], "Elsa");
        assert!(value["signer"].is_object());
        assert!(value["shifts"].as_array().unwrap().len() > 10);

        let mut empty = Timbok::with_store(
            Store::open_in_memory().unwrap(),
            Clock::System,
            crate::settings::Environment::Demo,
        );
        let summary = empty.import(&first, ImportFormat::Json).unwrap();
        assert!(summary.household_saved);
        let again = household_json(empty.store()).unwrap();
        assert_eq!(again, first);
    }
}
