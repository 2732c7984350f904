//! The shift as the domain knows it. Storage and wire types convert to and from this.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Database id of an assistant. Serialized as the bare number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AssistantId(pub i64);

/// Database id of a shift. Serialized as the bare number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ShiftId(pub i64);

/// FK's three kinds of time (tidstyper). Serialized as [`TimeKind::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeKind {
    /// aktiv tid
    Aktiv,
    /// väntetid
    Vantetid,
    /// beredskapstid
    Beredskap,
}

impl TimeKind {
    pub const ALL: [TimeKind; 3] = [TimeKind::Aktiv, TimeKind::Vantetid, TimeKind::Beredskap];

    /// The stable token used in files, the database and on the wire: `aktiv`, `vantetid`, `beredskap`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeKind::Aktiv => "aktiv",
            TimeKind::Vantetid => "vantetid",
            TimeKind::Beredskap => "beredskap",
        }
    }

    pub fn parse(token: &str) -> Option<TimeKind> {
        match token {
            "aktiv" => Some(TimeKind::Aktiv),
            "vantetid" => Some(TimeKind::Vantetid),
            "beredskap" => Some(TimeKind::Beredskap),
            _ => None,
        }
    }

    /// Swedish label for people.
    pub fn label_sv(self) -> &'static str {
        match self {
            TimeKind::Aktiv => "aktiv tid",
            TimeKind::Vantetid => "väntetid",
            TimeKind::Beredskap => "beredskapstid",
        }
    }
}

/// One shift of one assistant: a start and an end in Europe/Stockholm wall-clock time.
///
/// `end` may be on a later day than `start` (a night shift); an end of `00:00` on the next day
/// means "until midnight" (24:00).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shift {
    pub id: ShiftId,
    pub assistant_id: AssistantId,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub kind: TimeKind,
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_tokens_round_trip() {
        for kind in TimeKind::ALL {
            assert_eq!(TimeKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        assert_eq!(TimeKind::parse("Aktiv"), None);
    }
}
