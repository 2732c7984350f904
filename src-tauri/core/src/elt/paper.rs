//! The printable time report for an assistant who cannot sign with BankID (only a
//! samordningsnummer): the month goes to FK on paper, in the manner of FK's form 3059
//! ("Tidsredovisning för assistansersättning"). Timbok prints the same facts the ELT document
//! carries, with lines for the handwritten signatures, for the user to post to FK.
//!
//! One self-contained HTML page: `lang="sv"`, UTF-8, inline CSS (A4, a `@media print` block
//! without the on-screen margins and shadows), no scripts, no external resources. Every text
//! that comes from data is HTML-escaped.
//!
//! Decisions: times are written `HH.MM` (the end of a day `24.00`), as on FK's forms; rows are
//! the raw wall-clock rows of the ELT document (no daylight-saving adjustment), the totals are
//! the ones passed in (Timbok's real, DST-correct totals), in hours and minutes. The employer's
//! signature line names the one who signs for the person (the household's signer, else the
//! person), as in the ELT document.
//!
//! Open point: the page is modelled on form 3059, not a copy of it; FK may require its own
//! form. The page says to send it by post to Försäkringskassan, not to which address.

use chrono::{Datelike, NaiveDate};

use crate::hours::{ReportRow, TimeKind, Totals, WallTime, YearMonth};
use crate::household::{Assistant, Employment, Household, SignerRole};
use crate::identity::IdKind;

const HEADING: &str = "Tidsredovisning för assistansersättning – lämnas på papper (FK 3059)";

const STYLE: &str = "\
body{font-family:\"Segoe UI\",Helvetica,Arial,sans-serif;font-size:11pt;color:#111;background:#eee;margin:0}\
main{background:#fff;max-width:190mm;margin:12mm auto;padding:12mm 14mm;box-shadow:0 1px 4px rgba(0,0,0,.2)}\
h1{font-size:16pt;margin:0 0 4mm}\
h2{font-size:12pt;margin:6mm 0 2mm;border-bottom:1px solid #999}\
p.note{border:1px solid #111;padding:2mm 3mm;margin:0 0 4mm}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:1mm 6mm;margin:0}\
dt{font-weight:600}dd{margin:0}\
table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #999;padding:1mm 2mm;text-align:left}\
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\
tfoot td{font-weight:600}\
.signatures{display:grid;grid-template-columns:1fr 1fr;gap:10mm;margin-top:8mm}\
.line{border-bottom:1px solid #111;height:12mm}\
.label{font-size:9pt;margin-bottom:3mm}\
footer{margin-top:8mm;font-size:9pt;color:#444}\
@page{size:A4;margin:12mm}\
@media print{body{background:#fff}main{margin:0;padding:0;max-width:none;box-shadow:none}tr{break-inside:avoid}.signatures{break-inside:avoid}}";

const WEEKDAYS_SV: [&str; 7] = ["mån", "tis", "ons", "tor", "fre", "lör", "sön"];

/// Escapes text for HTML element content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn long_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), YearMonth::of(d).name_sv(), d.year())
}

fn time(t: WallTime) -> String {
    format!("{:02}.{:02}", t.hour(), t.minute())
}

/// `7 tim 30 min`, `0 tim 0 min`.
fn hours_minutes(minutes: u32) -> String {
    format!("{} tim {} min", minutes / 60, minutes % 60)
}

fn kind_label(kind: TimeKind) -> &'static str {
    match kind {
        TimeKind::Aktiv => "Aktiv tid",
        TimeKind::Vantetid => "Väntetid",
        TimeKind::Beredskap => "Beredskapstid",
    }
}

/// Who signs for the person, in the definite form ("låt assistenten och vårdnadshavaren …").
fn signer_definite(role: SignerRole) -> &'static str {
    match role {
        SignerRole::SelfSigner => "den assistansberättigade",
        SignerRole::Vardnadshavare => "vårdnadshavaren",
        SignerRole::GodMan => "den gode mannen",
        SignerRole::Forvaltare => "förvaltaren",
    }
}

/// Title of the signature line of the one who signs for the person.
fn signer_signature_title(role: SignerRole, employer: bool) -> String {
    let whose = match role {
        SignerRole::SelfSigner => "Den assistansberättigades",
        SignerRole::Vardnadshavare => "Vårdnadshavarens",
        SignerRole::GodMan => "Den gode mannens",
        SignerRole::Forvaltare => "Förvaltarens",
    };
    if employer {
        format!("{whose} underskrift (arbetsgivare)")
    } else {
        format!("{whose} underskrift")
    }
}

fn role_label(role: SignerRole) -> &'static str {
    match role {
        SignerRole::SelfSigner => "den assistansberättigade",
        SignerRole::Vardnadshavare => "vårdnadshavare",
        SignerRole::GodMan => "god man",
        SignerRole::Forvaltare => "förvaltare",
    }
}

/// The printable report of `assistant` for `month`. `rows` may hold other assistants' rows
/// (skipped); `totals` are the assistant's totals for the month; `today` is the print date.
pub fn paper_report_html(
    household: &Household,
    assistant: &Assistant,
    month: YearMonth,
    rows: &[ReportRow],
    totals: &Totals,
    today: NaiveDate,
) -> String {
    let mut mine: Vec<&ReportRow> = rows
        .iter()
        .filter(|r| r.assistant_id == assistant.id && month.contains(r.date))
        .collect();
    mine.sort_by_key(|r| (r.date, r.from, r.to, r.kind));
    let month_label = month.label_sv();
    let person = &household.person;
    let signer = if household.signer_role.needs_signer() {
        household.signer.as_ref()
    } else {
        None
    };

    let mut h = String::with_capacity(8192 + mine.len() * 200);
    h.push_str("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!(
        "<title>{} – {}</title>\n",
        esc("Tidsredovisning FK 3059"),
        esc(&month_label)
    ));
    h.push_str("<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<main>\n");
    h.push_str(&format!("<h1>{}</h1>\n", esc(HEADING)));
    h.push_str(&format!(
        "<p class=\"note\">Assistenten har samordningsnummer och kan inte skriva under med BankID, så den här tidsredovisningen ska lämnas på papper. Skriv ut den, låt assistenten och {} skriva under, och skicka den med post till Försäkringskassan senast {}.</p>\n",
        esc(signer_definite(if signer.is_some() {
            household.signer_role
        } else {
            SignerRole::SelfSigner
        })),
        esc(&long_date(month.due_date()))
    ));

    h.push_str("<h2>Redovisningsmånad</h2>\n<dl>\n");
    h.push_str(&format!(
        "<dt>Månad</dt><dd>{}</dd>\n<dt>Period</dt><dd>{} – {}</dd>\n</dl>\n",
        esc(&month_label),
        esc(&month.first_day().format("%Y-%m-%d").to_string()),
        esc(&month.last_day().format("%Y-%m-%d").to_string())
    ));

    h.push_str("<h2>Den assistansberättigade</h2>\n<dl>\n");
    h.push_str(&format!(
        "<dt>Namn</dt><dd>{} {}</dd>\n<dt>Personnummer</dt><dd>{}</dd>\n</dl>\n",
        esc(&person.first_name),
        esc(&person.last_name),
        esc(&person.personnummer.display())
    ));

    h.push_str("<h2>Assistenten</h2>\n<dl>\n");
    h.push_str(&format!(
        "<dt>Namn</dt><dd>{} {}</dd>\n<dt>{}</dt><dd>{}</dd>\n",
        esc(&assistant.first_name),
        esc(&assistant.last_name),
        match assistant.personnummer.kind() {
            IdKind::Personnummer => "Personnummer",
            IdKind::Samordningsnummer => "Samordningsnummer",
        },
        esc(&assistant.personnummer.display())
    ));
    if let Some(phone) = &assistant.phone {
        h.push_str(&format!("<dt>Telefon</dt><dd>{}</dd>\n", esc(phone)));
    }
    h.push_str(&format!(
        "<dt>Kollektivavtal</dt><dd>{}</dd>\n</dl>\n",
        if assistant.collective_agreement {
            "Ja"
        } else {
            "Nej"
        }
    ));

    h.push_str("<h2>Arbetsgivare</h2>\n<dl>\n");
    match (&household.employment, &household.provider) {
        (Employment::Buys, Some(provider)) => h.push_str(&format!(
            "<dt>Assistansanordnare</dt><dd>{}</dd>\n<dt>Organisationsnummer</dt><dd>{}</dd>\n<dt>Assistenten anställd av</dt><dd>{}</dd>\n",
            esc(&provider.name),
            esc(&provider.organisationsnummer.display()),
            if assistant.employed_by_person {
                "den assistansberättigade"
            } else {
                "assistansanordnaren"
            }
        )),
        _ => h.push_str(
            "<dt>Assistenten anställd av</dt><dd>den assistansberättigade (egen arbetsgivare)</dd>\n",
        ),
    }
    if let Some(signer) = signer {
        h.push_str(&format!(
            "<dt>Skriver under för den assistansberättigade</dt><dd>{} {} ({})</dd>\n",
            esc(&signer.first_name),
            esc(&signer.last_name),
            esc(role_label(household.signer_role))
        ));
    }
    let phone = signer.unwrap_or(person).phone.as_deref();
    if let Some(phone) = phone {
        h.push_str(&format!("<dt>Telefon</dt><dd>{}</dd>\n", esc(phone)));
    }
    h.push_str("</dl>\n");

    h.push_str("<h2>Utförd assistans</h2>\n");
    if mine.is_empty() {
        h.push_str("<p>Ingen assistans utförd under månaden.</p>\n");
    } else {
        h.push_str("<table>\n<thead><tr><th>Datum</th><th>Från</th><th>Till</th><th>Slag av tid</th></tr></thead>\n<tbody>\n");
        for row in &mine {
            h.push_str(&format!(
                "<tr><td>{} {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                WEEKDAYS_SV[row.date.weekday().num_days_from_monday() as usize],
                esc(&row.date.format("%Y-%m-%d").to_string()),
                time(row.from),
                time(row.to),
                kind_label(row.kind)
            ));
        }
        h.push_str("</tbody>\n</table>\n");
    }

    h.push_str("<h2>Summa för månaden</h2>\n<table>\n<tbody>\n");
    for kind in TimeKind::ALL {
        h.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{}</td></tr>\n",
            kind_label(kind),
            hours_minutes(totals.get(kind))
        ));
    }
    h.push_str(&format!(
        "</tbody>\n<tfoot><tr><td>Totalt</td><td class=\"num\">{}</td></tr></tfoot>\n</table>\n",
        hours_minutes(totals.total())
    ));
    h.push_str("<p>Summorna är den tid som verkligen arbetats. Klockslagen ovan är de som klockan visade; en natt när klockan ställs om till sommartid eller vintertid blir därför en timme kortare eller längre än klockslagen visar.</p>\n");

    h.push_str("<h2>Underskrifter</h2>\n<p>Vi intygar att uppgifterna stämmer.</p>\n<div class=\"signatures\">\n");
    let employer_title = signer_signature_title(
        if signer.is_some() {
            household.signer_role
        } else {
            SignerRole::SelfSigner
        },
        household.employment == Employment::Employer,
    );
    let employer_name = match signer {
        Some(s) => format!("{} {}", s.first_name, s.last_name),
        None => format!("{} {}", person.first_name, person.last_name),
    };
    for (title, name) in [
        (
            "Assistentens underskrift".to_string(),
            format!("{} {}", assistant.first_name, assistant.last_name),
        ),
        (employer_title, employer_name),
    ] {
        h.push_str(&format!(
            "<div>\n<div class=\"line\"></div>\n<div class=\"label\">{}</div>\n<div class=\"line\"></div>\n<div class=\"label\">Namnförtydligande: {}</div>\n<div class=\"line\"></div>\n<div class=\"label\">Datum</div>\n</div>\n",
            esc(&title),
            esc(&name)
        ));
    }
    h.push_str("</div>\n");
    h.push_str(&format!(
        "<footer>Skicka tidsredovisningen med post till Försäkringskassan. Behåll en kopia. Utskriven {} med Timbok.</footer>\n",
        esc(&long_date(today))
    ));
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elt::testing::*;
    use crate::hours::{assistant_totals, report_rows};

    #[test]
    fn the_paper_report_matches_its_golden_file() {
        let household = employer_household();
        let mut ali = ali();
        ali.first_name = "Ali <\"Al\">".into();
        ali.last_name = "Haddad & Söner".into();
        let johan = johan();
        let month = YearMonth::parse("2025-10").unwrap();
        let shifts = vec![
            shift(
                1,
                &ali,
                at(2025, 10, 3, 8, 0),
                at(2025, 10, 3, 12, 30),
                TimeKind::Aktiv,
            ),
            shift(
                2,
                &ali,
                at(2025, 10, 25, 22, 0),
                at(2025, 10, 26, 4, 0),
                TimeKind::Beredskap,
            ),
            shift(
                3,
                &ali,
                at(2025, 10, 31, 20, 0),
                at(2025, 11, 1, 6, 0),
                TimeKind::Vantetid,
            ),
            shift(
                4,
                &johan,
                at(2025, 10, 3, 8, 0),
                at(2025, 10, 3, 12, 0),
                TimeKind::Aktiv,
            ),
        ];
        let rows = report_rows(&shifts, month);
        let totals = assistant_totals(&shifts, month, ali.id);
        let html = paper_report_html(&household, &ali, month, &rows, &totals, day(2025, 11, 4));
        golden("paper_3059.html", html.as_bytes());

        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
        assert!(html.contains(&format!("<h1>{HEADING}</h1>")));
        assert!(html.contains("@media print"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("src="));
        assert!(!html.contains("href="));
        // Escaped names, never raw.
        assert!(html.contains("Ali &lt;&quot;Al&quot;&gt; Haddad &amp; Söner"));
        assert!(!html.contains("<\"Al\">"));
        // Johan's row is not on Ali's report; the month is cut at its end.
        // 4 rows of Ali's, 3 totals, 1 grand total.
        assert_eq!(html.matches("<tr><td>").count(), 4 + 3 + 1);
        assert!(html.contains("<td>fre 2025-10-31</td><td class=\"num\">20.00</td><td class=\"num\">24.00</td><td>Väntetid</td>"));
        // The DST night: 22.00–24.00 and 00.00–04.00 raw, 7 hours real.
        assert!(html.contains("<td>sön 2025-10-26</td><td class=\"num\">00.00</td><td class=\"num\">04.00</td><td>Beredskapstid</td>"));
        assert!(html.contains("<tr><td>Beredskapstid</td><td class=\"num\">7 tim 0 min</td></tr>"));
        assert!(html.contains("<tr><td>Aktiv tid</td><td class=\"num\">4 tim 30 min</td></tr>"));
        assert!(html.contains("<tr><td>Väntetid</td><td class=\"num\">4 tim 0 min</td></tr>"));
        assert!(html.contains("Totalt</td><td class=\"num\">15 tim 30 min"));
        assert!(html.contains("Samordningsnummer</dt><dd>19701063-2391"));
        assert!(html.contains("Vårdnadshavarens underskrift (arbetsgivare)"));
        assert!(html.contains("låt assistenten och vårdnadshavaren skriva under"));
        assert!(html.contains("Namnförtydligande: Maria Demosson"));
        assert!(html.contains("skicka den med post till Försäkringskassan senast 5 december 2025"));
    }

    #[test]
    fn a_month_without_rows_says_so_and_a_provider_is_named() {
        let household = buying_household();
        let mut ali = ali();
        ali.employed_by_person = false;
        let month = YearMonth::parse("2025-09").unwrap();
        let html = paper_report_html(
            &household,
            &ali,
            month,
            &[],
            &Totals::default(),
            day(2025, 10, 2),
        );
        assert!(html.contains("Ingen assistans utförd under månaden."));
        assert!(html.contains("<dt>Assistansanordnare</dt><dd>Assistans &amp; Omsorg &lt;Väst&gt; &quot;AB&quot;</dd>"));
        assert!(html.contains("<dt>Organisationsnummer</dt><dd>556036-0793</dd>"));
        assert!(html.contains("<dd>assistansanordnaren</dd>"));
        assert!(html.contains("Totalt</td><td class=\"num\">0 tim 0 min"));
        assert!(html.contains("Vårdnadshavarens underskrift</div>"));
    }
}
