//! What E-RÄK checks in a create request (erak.md; Timbok's assumption of FK's rules, kept
//! here so it can be corrected in one place), and the lines FK's signing page shows.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::identity::{check_personal_id, IdProblem};

/// One validation error, as E-RÄK answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct FieldError {
    pub(super) field: String,
    pub(super) message: String,
}

/// A create request that passed: where to send the user back and signal, and the lines of
/// the signing page.
pub(super) struct Valid {
    pub(super) return_url: String,
    pub(super) signal_url: Option<String>,
    pub(super) page: Vec<(String, String)>,
}

struct Check {
    errors: Vec<FieldError>,
    today: NaiveDate,
}

const MISSING: &str = "Uppgiften saknas.";

impl Check {
    fn err(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    fn present<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
        map.get(key).filter(|v| !v.is_null())
    }

    fn object<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        field: &str,
    ) -> Option<&'v Map<String, Value>> {
        match Self::present(map, key) {
            None => {
                self.err(field, MISSING);
                None
            }
            Some(Value::Object(o)) => Some(o),
            Some(_) => {
                self.err(field, "Uppgiften ska vara ett objekt.");
                None
            }
        }
    }

    fn string<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        field: &str,
    ) -> Option<&'v str> {
        match Self::present(map, key) {
            None => {
                self.err(field, MISSING);
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.err(field, MISSING);
                None
            }
            Some(Value::String(s)) => Some(s.as_str()),
            Some(_) => {
                self.err(field, "Uppgiften ska vara en text.");
                None
            }
        }
    }

    fn boolean(&mut self, map: &Map<String, Value>, key: &str, field: &str) -> Option<bool> {
        match Self::present(map, key) {
            None => {
                self.err(field, "Svara Ja eller Nej.");
                None
            }
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.err(field, "Svaret ska vara true eller false.");
                None
            }
        }
    }

    fn integer(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        field: &str,
        min: i64,
    ) -> Option<i64> {
        match Self::present(map, key) {
            None => {
                self.err(field, MISSING);
                None
            }
            Some(v) => match v.as_i64() {
                Some(n) if n >= min => Some(n),
                Some(_) => {
                    self.err(field, format!("Värdet ska vara minst {min}."));
                    None
                }
                None => {
                    self.err(field, "Värdet ska vara ett heltal.");
                    None
                }
            },
        }
    }

    fn personal_id<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        field: &str,
    ) -> Option<&'v str> {
        let s = self.string(map, key, field)?;
        match check_personal_id(s, self.today) {
            Ok(_) => Some(s),
            Err(problem) => {
                self.err(field, id_message(problem));
                None
            }
        }
    }

    fn absent(&mut self, map: &Map<String, Value>, key: &str, field: &str, why: &str) {
        if Self::present(map, key).is_some() {
            self.err(field, why);
        }
    }
}

fn id_message(problem: IdProblem) -> String {
    format!("Personnumret är inte giltigt. {}", problem.message())
}

fn check_url(check: &mut Check, s: &str, field: &str) -> Option<String> {
    match url::Url::parse(s) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
            Some(s.to_string())
        }
        _ => {
            check.err(
                field,
                "Adressen ska vara en fullständig http- eller https-adress.",
            );
            None
        }
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "Ja"
    } else {
        "Nej"
    }
}

fn kronor(ore: i64) -> String {
    let kr = ore / 100;
    let digits = kr.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{grouped},{:02} kr", ore % 100)
}

fn hours(minutes: i64) -> String {
    format!("{} tim {} min", minutes / 60, minutes % 60)
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next))
}

pub(super) fn validate(
    body: &Value,
    today: NaiveDate,
) -> std::result::Result<Valid, Vec<FieldError>> {
    let mut c = Check {
        errors: Vec::new(),
        today,
    };
    let Some(root) = body.as_object() else {
        c.err("", "Förfrågan ska vara ett JSON-objekt.");
        return Err(c.errors);
    };
    let mut page = Vec::new();

    if let Some(supplier) = c.object(root, "supplier", "supplier") {
        c.string(supplier, "name", "supplier.name");
        c.string(supplier, "id", "supplier.id");
    }
    let return_url = c
        .string(root, "returnUrl", "returnUrl")
        .and_then(|s| check_url(&mut c, s, "returnUrl"));
    let signal_url = match Check::present(root, "signalUrl") {
        None => None,
        Some(Value::String(s)) => check_url(&mut c, s, "signalUrl"),
        Some(_) => {
            c.err("signalUrl", "Adressen ska vara en text.");
            None
        }
    };

    if let Some(invoice) = c.object(root, "invoice", "invoice") {
        validate_invoice(&mut c, invoice, &mut page);
    }
    match (c.errors.is_empty(), return_url) {
        (true, Some(return_url)) => Ok(Valid {
            return_url,
            signal_url,
            page,
        }),
        _ => Err(c.errors),
    }
}

fn validate_invoice(c: &mut Check, inv: &Map<String, Value>, page: &mut Vec<(String, String)>) {
    let scenario = match c.string(inv, "scenario", "invoice.scenario") {
        Some(s) if matches!(s, "A" | "B" | "C" | "D" | "E" | "F") => {
            Some(s.chars().next().unwrap_or('A'))
        }
        Some(_) => {
            c.err(
                "invoice.scenario",
                "Scenariot ska vara A, B, C, D, E eller F.",
            );
            None
        }
        None => None,
    };

    // Year and month: a month that has ended.
    let year = c.integer(inv, "year", "invoice.year", 2000);
    let month = c.integer(inv, "month", "invoice.month", 1);
    let mut bounds = None;
    if let (Some(year), Some(month)) = (year, month) {
        match (month <= 12, i32::try_from(year).ok()) {
            (true, Some(y)) => {
                let (first, next) = month_bounds(y, month as u32).unwrap_or((c.today, c.today));
                if c.today < next {
                    c.err(
                        "invoice.month",
                        "Månaden har inte tagit slut än. En räkning lämnas efter månadens slut.",
                    );
                } else {
                    bounds = Some((first, next));
                    page.push((
                        "Månad".into(),
                        format!("{} {}", MONTHS[month as usize - 1], y),
                    ));
                }
            }
            _ => c.err("invoice.month", "Månaden ska vara 1–12."),
        }
    }

    // The person.
    let mut person_id = None;
    if let Some(person) = c.object(inv, "person", "invoice.person") {
        person_id = c.personal_id(person, "personnummer", "invoice.person.personnummer");
        let first = c.string(person, "firstName", "invoice.person.firstName");
        let last = c.string(person, "lastName", "invoice.person.lastName");
        if let (Some(first), Some(last)) = (first, last) {
            page.push(("Den som har assistans".into(), format!("{first} {last}")));
        }
        if let Some(id) = person_id {
            page.push(("Personnummer".into(), format!("{}-{}", &id[..8], &id[8..])));
        }
    }

    // Totals.
    if let Some(totals) = c.object(inv, "totals", "invoice.totals") {
        for (key, label) in [
            ("activeMinutes", "Aktiv tid"),
            ("waitingMinutes", "Väntetid"),
            ("standbyMinutes", "Beredskapstid"),
        ] {
            if let Some(m) = c.integer(totals, key, &format!("invoice.totals.{key}"), 0) {
                page.push((label.into(), hours(m)));
            }
        }
    }

    // Answers.
    if let Some(answers) = c.object(inv, "answers", "invoice.answers") {
        validate_answers(c, answers, scenario, bounds, page);
    }

    // Signer.
    if let Some(signer) = c.object(inv, "signer", "invoice.signer") {
        validate_signer(c, signer, scenario, person_id, page);
    }

    // Phone.
    if let Some(phone) = c.string(inv, "phone", "invoice.phone") {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = phone
            .chars()
            .all(|ch| ch.is_ascii_digit() || " +-()".contains(ch));
        if !allowed || digits < 6 {
            c.err("invoice.phone", "Telefonnumret ska ha minst sex siffror.");
        } else {
            page.push(("Telefonnummer".into(), phone.to_string()));
        }
    }
}

fn validate_answers(
    c: &mut Check,
    answers: &Map<String, Value>,
    scenario: Option<char>,
    bounds: Option<(NaiveDate, NaiveDate)>,
    page: &mut Vec<(String, String)>,
) {
    const F: &str = "invoice.answers";

    // LSS activity.
    if let Some(lss) = c.object(answers, "lssActivity", &format!("{F}.lssActivity")) {
        if let Some(answer) = c.boolean(lss, "answer", &format!("{F}.lssActivity.answer")) {
            let field = format!("{F}.lssActivity.kinds");
            let kinds = Check::present(lss, "kinds");
            if answer {
                match kinds.and_then(Value::as_array) {
                    Some(list) if !list.is_empty() => {
                        let mut names = Vec::new();
                        for (i, k) in list.iter().enumerate() {
                            match k.as_str() {
                                Some("barnomsorg") => names.push("barnomsorg"),
                                Some("skola") => names.push("skola"),
                                Some("dagligVerksamhet") => names.push("daglig verksamhet"),
                                _ => c.err(
                                    &format!("{field}[{i}]"),
                                    "Typ av verksamhet ska vara barnomsorg, skola eller dagligVerksamhet.",
                                ),
                            }
                        }
                        page.push((
                            "Assistans i barnomsorg, skola eller daglig verksamhet".into(),
                            format!("Ja: {}", names.join(", ")),
                        ));
                    }
                    _ => c.err(&field, "Fyll i typ av verksamhet."),
                }
            } else {
                if kinds
                    .and_then(Value::as_array)
                    .is_some_and(|l| !l.is_empty())
                {
                    c.err(&field, "Typ av verksamhet fylls bara i om svaret är Ja.");
                }
                page.push((
                    "Assistans i barnomsorg, skola eller daglig verksamhet".into(),
                    "Nej".into(),
                ));
            }
        }
    }

    // Hospital stay.
    if let Some(stay) = c.object(answers, "hospitalStay", &format!("{F}.hospitalStay")) {
        if let Some(answer) = c.boolean(stay, "answer", &format!("{F}.hospitalStay.answer")) {
            let field = format!("{F}.hospitalStay.dates");
            let dates = Check::present(stay, "dates");
            if answer {
                match dates.and_then(Value::as_array) {
                    Some(list) if !list.is_empty() => {
                        let mut shown = Vec::new();
                        for (i, d) in list.iter().enumerate() {
                            if let Some(text) =
                                hospital_period(c, d, &format!("{field}[{i}]"), bounds)
                            {
                                shown.push(text);
                            }
                        }
                        page.push((
                            "Vårdad på sjukhus".into(),
                            format!("Ja: {}", shown.join("; ")),
                        ));
                    }
                    _ => c.err(&field, "Fyll i datum och klockslag för sjukhusvistelsen."),
                }
            } else {
                if dates
                    .and_then(Value::as_array)
                    .is_some_and(|l| !l.is_empty())
                {
                    c.err(&field, "Datum fylls bara i om svaret är Ja.");
                }
                page.push(("Vårdad på sjukhus".into(), "Nej".into()));
            }
        }
    }

    // Outside the EEA.
    if let Some(eea) = c.object(answers, "outsideEea", &format!("{F}.outsideEea")) {
        if let Some(answer) = c.boolean(eea, "answer", &format!("{F}.outsideEea.answer")) {
            page.push((
                "Vistats utanför EES och anlitat assistent där".into(),
                yes_no(answer).into(),
            ));
        }
    }

    let Some(scenario) = scenario else { return };
    let buys = matches!(scenario, 'A' | 'B' | 'C');
    let foreign = format!("Uppgiften hör inte till scenario {scenario}.");
    if buys {
        for key in [
            "lastMonthOfPeriod",
            "costs",
            "period",
            "moneyLeft",
            "repayment",
        ] {
            c.absent(answers, key, &format!("{F}.{key}"), &foreign);
        }
        if let Some(prev) = c.object(answers, "previousPayment", &format!("{F}.previousPayment")) {
            if let Some(answer) = c.boolean(prev, "answer", &format!("{F}.previousPayment.answer"))
            {
                let field = format!("{F}.previousPayment.remainingOre");
                if answer {
                    c.absent(
                        prev,
                        "remainingOre",
                        &field,
                        "Kvarvarande belopp fylls bara i om svaret är Nej.",
                    );
                    page.push((
                        "Använt förra månadens utbetalning till assistans".into(),
                        "Ja".into(),
                    ));
                } else if let Some(ore) = c.integer(prev, "remainingOre", &field, 0) {
                    page.push((
                        "Använt förra månadens utbetalning till assistans".into(),
                        format!("Nej, kvar: {}", kronor(ore)),
                    ));
                }
            }
        }
        return;
    }

    c.absent(
        answers,
        "previousPayment",
        &format!("{F}.previousPayment"),
        &foreign,
    );
    let Some(last) = c.boolean(
        answers,
        "lastMonthOfPeriod",
        &format!("{F}.lastMonthOfPeriod"),
    ) else {
        return;
    };
    page.push((
        "Sista månaden i beviljandeperioden".into(),
        yes_no(last).into(),
    ));
    if !last {
        for key in ["costs", "period", "moneyLeft", "repayment"] {
            c.absent(
                answers,
                key,
                &format!("{F}.{key}"),
                "Uppgiften lämnas bara sista månaden i beviljandeperioden.",
            );
        }
        return;
    }
    if let Some(costs) = c.object(answers, "costs", &format!("{F}.costs")) {
        for (key, label) in [
            ("wagesOre", "Lön och lönebikostnader"),
            ("overheadsOre", "Assistansomkostnader"),
            ("trainingOre", "Utbildning"),
            ("workEnvironmentOre", "Arbetsmiljö och personal"),
        ] {
            if let Some(ore) = c.integer(costs, key, &format!("{F}.costs.{key}"), 0) {
                page.push((label.into(), kronor(ore)));
            }
        }
    }
    if let Some(period) = c.object(answers, "period", &format!("{F}.period")) {
        let from = date(c, period, "from", &format!("{F}.period.from"));
        let to = date(c, period, "to", &format!("{F}.period.to"));
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                c.err(
                    &format!("{F}.period.to"),
                    "Periodens slut ska vara efter dess början.",
                );
            } else if let Some((first, next)) = bounds {
                if to < first || to >= next {
                    c.err(
                        &format!("{F}.period.to"),
                        "Perioden ska sluta i räkningens månad.",
                    );
                }
            }
            page.push(("Perioden".into(), format!("{from} – {to}")));
        }
    }
    if let Some(left) = c.object(answers, "moneyLeft", &format!("{F}.moneyLeft")) {
        if let Some(answer) = c.boolean(left, "answer", &format!("{F}.moneyLeft.answer")) {
            let field = format!("{F}.moneyLeft.amountOre");
            if answer {
                if let Some(ore) = c.integer(left, "amountOre", &field, 1) {
                    page.push(("Pengar kvar".into(), format!("Ja: {}", kronor(ore))));
                }
            } else {
                c.absent(
                    left,
                    "amountOre",
                    &field,
                    "Beloppet fylls bara i om svaret är Ja.",
                );
                page.push(("Pengar kvar".into(), "Nej".into()));
            }
        }
    }
    match Check::present(answers, "repayment") {
        None => c.err(
            &format!("{F}.repayment"),
            "Välj ett av de två sätten att betala tillbaka.",
        ),
        Some(Value::String(s)) if s == "deductFromNextPayment" => page.push((
            "Återbetalning".into(),
            "Dras av från kommande utbetalning".into(),
        )),
        Some(Value::String(s)) if s == "payBack" => page.push((
            "Återbetalning".into(),
            "Betalas tillbaka till Försäkringskassan".into(),
        )),
        Some(_) => c.err(
            &format!("{F}.repayment"),
            "Sättet att betala tillbaka ska vara deductFromNextPayment eller payBack.",
        ),
    }
}

fn date(c: &mut Check, map: &Map<String, Value>, key: &str, field: &str) -> Option<NaiveDate> {
    let s = c.string(map, key, field)?;
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if s.len() == 10 => Some(d),
        _ => {
            c.err(field, "Datumet ska skrivas ÅÅÅÅ-MM-DD.");
            None
        }
    }
}

fn hospital_period(
    c: &mut Check,
    v: &Value,
    field: &str,
    bounds: Option<(NaiveDate, NaiveDate)>,
) -> Option<String> {
    let Some(map) = v.as_object() else {
        c.err(field, "Perioden ska vara ett objekt med from och to.");
        return None;
    };
    let parse = |c: &mut Check, key: &str| -> Option<NaiveDateTime> {
        let f = format!("{field}.{key}");
        let s = c.string(map, key, &f)?;
        match NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M") {
            Ok(t) if s.len() == 16 => Some(t),
            _ => {
                c.err(&f, "Datum och klockslag ska skrivas ÅÅÅÅ-MM-DDTHH:MM.");
                None
            }
        }
    };
    let from = parse(c, "from");
    let to = parse(c, "to");
    let (from, to) = (from?, to?);
    if from >= to {
        c.err(&format!("{field}.to"), "Slutet ska vara efter början.");
        return None;
    }
    if let Some((first, next)) = bounds {
        let (first, next) = (first.and_hms_opt(0, 0, 0)?, next.and_hms_opt(0, 0, 0)?);
        if to <= first || from >= next {
            c.err(field, "Sjukhusvistelsen ska ligga i räkningens månad.");
            return None;
        }
    }
    Some(format!(
        "{} – {}",
        from.format("%Y-%m-%d %H:%M"),
        to.format("%Y-%m-%d %H:%M")
    ))
}

fn validate_signer(
    c: &mut Check,
    signer: &Map<String, Value>,
    scenario: Option<char>,
    person_id: Option<&str>,
    page: &mut Vec<(String, String)>,
) {
    let Some(role) = c.string(signer, "role", "invoice.signer.role") else {
        return;
    };
    let Some(scenario) = scenario else { return };
    let expected: &[&str] = match scenario {
        'A' | 'D' => &["self"],
        'B' | 'E' => &["vardnadshavare"],
        _ => &["godMan", "forvaltare"],
    };
    if !expected.contains(&role) {
        c.err(
            "invoice.signer.role",
            format!(
                "I scenario {scenario} skriver {} under.",
                expected.join(" eller ")
            ),
        );
        return;
    }
    if role == "self" {
        if let Some(Value::String(id)) = Check::present(signer, "personnummer") {
            if person_id.is_some_and(|p| p != id) {
                c.err(
                    "invoice.signer.personnummer",
                    "Den som skriver under i det här scenariot är den som har assistans.",
                );
            }
        }
        page.push(("Skrivs under av".into(), "den som har assistans".into()));
        return;
    }
    let id = c.personal_id(signer, "personnummer", "invoice.signer.personnummer");
    let name = c.string(signer, "nameInPrint", "invoice.signer.nameInPrint");
    if let (Some(id), Some(person)) = (id, person_id) {
        if id == person {
            c.err(
                "invoice.signer.personnummer",
                "Ställföreträdarens eller vårdnadshavarens personnummer ska inte vara samma som personens.",
            );
        }
    }
    let title = match role {
        "vardnadshavare" => "vårdnadshavare",
        "godMan" => "god man",
        _ => "förvaltare",
    };
    if let Some(name) = name {
        page.push(("Skrivs under av".into(), format!("{title}: {name}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_hours_read_well() {
        assert_eq!(kronor(123456), "1 234,56 kr");
        assert_eq!(kronor(5), "0,05 kr");
        assert_eq!(hours(125), "2 tim 5 min");
    }
}
