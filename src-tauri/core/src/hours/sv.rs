//! Swedish wording of a row's date (`ReportRow::label_sv`, for logs and tests). Messages for
//! the user name shifts through the catalogue (`message::Param::Spans`).

use chrono::{Datelike, NaiveDate};

const MONTHS_SHORT: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// `24 okt`
pub(crate) fn date(d: NaiveDate) -> String {
    format!("{} {}", d.day(), MONTHS_SHORT[d.month0() as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()), "5 mar");
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2026, 10, 24).unwrap()),
            "24 okt"
        );
    }
}
