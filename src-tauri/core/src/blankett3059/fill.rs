//! The filled blankett: FK's pages as they are, with the values written over them.
//!
//! Each output page is a new page object that draws the template page's own content streams
//! (shared, unchanged) inside `q … Q`, then one stream of ours: text in Helvetica (one of the
//! PDF standard fonts, not embedded) with WinAnsiEncoding, so å ä ö é print and stay in the
//! text layer. Values are left-aligned in their box at [`TEXT_SIZE`] and shrunk (down to
//! [`MIN_TEXT_SIZE`]) when they are too wide; a value that does not fit even then is refused
//! ([`BlankettError::TooLong`]), never cut. A checkbox gets an `X` in its middle. Widths are
//! Helvetica's (Adobe's AFM) for ASCII; other letters take their base letter's width.
//!
//! Times are written `HH.MM` (the end of the day `24.00`), as on FK's forms; the day is the day
//! of the month without a leading zero; the month `ÅÅÅÅ-MM`; "Summa tid" hours and minutes.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream, StringFormat};

use super::layout::{self, Align, Rect};
use super::{Blankett3059, BlankettError, Form3059, Kind, ProviderRole, Section5};
use crate::hours::WallTime;

/// The resource name of our font (chosen not to clash with the form's own names).
const FONT: &[u8] = b"TimbokHelv";

/// Which page of FK's form a page of output is drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    First,
    Rows,
    Last,
}

impl Template {
    fn index(self) -> usize {
        match self {
            Template::First => 0,
            Template::Rows => 1,
            Template::Last => 2,
        }
    }
}

/// The templates of the pages for `rows` rows: page 1, then enough row pages (at least the
/// form's two), the last one being page 3.
pub fn pages_for(rows: usize) -> Vec<Template> {
    let row_pages = rows.div_ceil(layout::ROWS_PER_PAGE).max(2);
    let mut pages = vec![Template::First];
    pages.extend(std::iter::repeat_n(Template::Rows, row_pages - 1));
    pages.push(Template::Last);
    pages
}

/// The WinAnsi (Windows-1252) byte of `c`, `?` for a character it does not have.
pub fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        'Š' => 0x8a,
        'š' => 0x9a,
        'Ž' => 0x8e,
        'ž' => 0x9e,
        'Œ' => 0x8c,
        'œ' => 0x9c,
        'Ÿ' => 0x9f,
        _ => b'?',
    }
}

/// Helvetica's advance widths (1/1000 em) of ASCII 32..=126.
const HELVETICA_ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // ␣ … /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 … 9
    278, 278, 584, 584, 584, 556, 1015, // : … @
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A … M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N … Z
    278, 278, 278, 469, 556, 333, // [ … `
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a … m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n … z
    334, 260, 334, 584, // { … ~
];

/// The width of `c` in 1/1000 em.
fn char_width(c: char) -> u16 {
    let base = match c {
        'À'..='Å' => 'A',
        'Æ' => return 1000,
        'Ç' => 'C',
        'È'..='Ë' => 'E',
        'Ì'..='Ï' => 'I',
        'Ñ' => 'N',
        'Ò'..='Ö' | 'Ø' => 'O',
        'Ù'..='Ü' => 'U',
        'Ý' => 'Y',
        'ß' => return 611,
        'à'..='å' => 'a',
        'æ' => return 889,
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        '–' => return 556,
        '—' => return 1000,
        c => c,
    };
    match base {
        ' '..='~' => HELVETICA_ASCII[base as usize - 32],
        _ => 556,
    }
}

/// The width of `text` in points at `size`.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(|c| f32::from(char_width(c))).sum::<f32>() * size / 1000.0
}

/// Helvetica's cap height and descender (1/1000 em).
const CAP_HEIGHT: f32 = 718.0;
const DESCENDER: f32 = 207.0;
/// How far above the lowest possible baseline a value sits, clear of the box's bottom line.
const BASELINE_LIFT: f32 = 0.5;

/// The operations of one page of output.
#[derive(Default)]
struct Page {
    operations: Vec<Operation>,
}

impl Page {
    /// Writes `text` at the baseline (`x`, `y` top-left origin) at `size`.
    fn text_at(&mut self, text: &str, x: f32, y: f32, size: f32) {
        let bytes: Vec<u8> = text.chars().map(win_ansi).collect();
        self.operations.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec![Object::Name(FONT.to_vec()), size.into()]),
            Operation::new("Td", vec![x.into(), (layout::PAGE_HEIGHT - y).into()]),
            Operation::new("Tj", vec![Object::String(bytes, StringFormat::Literal)]),
            Operation::new("ET", vec![]),
        ]);
    }

    /// Writes `text` in `area`, on a baseline just above its bottom, shrunk to fit.
    fn text(
        &mut self,
        text: &str,
        area: Rect,
        align: Align,
        size: f32,
        field: (&'static str, &'static str),
    ) -> Result<(), BlankettError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(());
        }
        let mut size = size;
        while text_width(text, size) > area.width() {
            if size <= layout::MIN_TEXT_SIZE {
                return Err(BlankettError::TooLong {
                    field: field.0,
                    label: field.1,
                });
            }
            size = (size - 0.5).max(layout::MIN_TEXT_SIZE);
        }
        let width = text_width(text, size);
        let x = match align {
            Align::Left => area.x0,
            Align::Centre => area.x0 + (area.width() - width) / 2.0,
            Align::Right => area.x1 - width,
        };
        let baseline = area.y1 - DESCENDER * size / 1000.0 - BASELINE_LIFT;
        self.text_at(text, x, baseline, size);
        Ok(())
    }

    /// An `X` in the middle of the checkbox `square`.
    fn cross(&mut self, square: Rect) {
        let size = layout::CROSS_SIZE;
        let x = square.x0 + (square.width() - text_width("X", size)) / 2.0;
        let baseline = square.y0 + (square.height() + CAP_HEIGHT * size / 1000.0) / 2.0;
        self.text_at("X", x, baseline, size);
    }
}

/// `HH.MM`, the end of the day `24.00`.
fn clock(t: WallTime) -> String {
    format!("{:02}.{:02}", t.minutes() / 60, t.minutes() % 60)
}

fn month_text(form: &Blankett3059) -> String {
    format!("{:04}-{:02}", form.month.year(), form.month.month())
}

fn date_text(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn first_page(form: &Blankett3059, page: &mut Page) -> Result<(), BlankettError> {
    let digits: Vec<char> = month_text(form)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    for (digit, cell) in digits.iter().zip(layout::MONTH_DIGITS) {
        page.text(
            &digit.to_string(),
            cell,
            Align::Centre,
            11.0,
            ("month", "År och månad"),
        )?;
    }
    let size = layout::TEXT_SIZE;
    page.text(
        &form.person_name,
        layout::PERSON_NAME,
        Align::Left,
        size,
        ("person.name", "Förnamn och efternamn (1)"),
    )?;
    page.text(
        &form.person_number,
        layout::PERSON_NUMBER,
        Align::Left,
        size,
        ("person.personnummer", "Personnummer (1)"),
    )?;
    page.text(
        &form.assistant_name,
        layout::ASSISTANT_NAME,
        Align::Left,
        size,
        ("assistant.name", "Förnamn och efternamn (2)"),
    )?;
    page.text(
        &form.assistant_number,
        layout::ASSISTANT_NUMBER,
        Align::Left,
        size,
        ("assistant.personnummer", "Personnummer (2)"),
    )?;
    page.cross(if form.collective_agreement {
        layout::AGREEMENT_YES
    } else {
        layout::AGREEMENT_NO
    });
    if form.calculation_periods.len() > layout::PERIODS.len() {
        return Err(BlankettError::TooManyPeriods {
            count: form.calculation_periods.len(),
        });
    }
    for (&(first, last), (from_box, to_box)) in form.calculation_periods.iter().zip(layout::PERIODS)
    {
        let field = ("calculationPeriods", "Beräkningsperiod");
        page.text(&date_text(first), from_box, Align::Left, size, field)?;
        page.text(&date_text(last), to_box, Align::Left, size, field)?;
    }
    match &form.employer {
        Section5::SelfEmployer => page.cross(layout::SELF_EMPLOYER),
        Section5::Provider {
            name,
            organisationsnummer,
            contact_person,
            phone,
            role,
        } => {
            page.cross(layout::BUYS_FROM_PROVIDER);
            page.text(
                name,
                layout::PROVIDER_NAME,
                Align::Left,
                size,
                ("provider.name", "Namn på anordnaren"),
            )?;
            page.text(
                organisationsnummer,
                layout::PROVIDER_NUMBER,
                Align::Left,
                size,
                ("provider.organisationsnummer", "Organisationsnummer"),
            )?;
            if let Some(contact) = contact_person {
                page.text(
                    contact,
                    layout::PROVIDER_CONTACT,
                    Align::Left,
                    size,
                    ("provider.contactPerson", "Kontaktperson"),
                )?;
            }
            if let Some(phone) = phone {
                page.text(
                    phone,
                    layout::PROVIDER_PHONE,
                    Align::Left,
                    size,
                    ("provider.phone", "Telefon"),
                )?;
            }
            match role {
                ProviderRole::Employer => page.cross(layout::PROVIDER_EMPLOYS),
                ProviderRole::ClientOfOtherEmployer {
                    name,
                    organisationsnummer,
                } => {
                    page.cross(layout::OTHER_EMPLOYER);
                    page.text(
                        name,
                        layout::OTHER_EMPLOYER_NAME,
                        Align::Left,
                        size,
                        ("employer.name", "Namn på arbetsgivaren"),
                    )?;
                    page.text(
                        organisationsnummer,
                        layout::OTHER_EMPLOYER_NUMBER,
                        Align::Left,
                        size,
                        ("employer.organisationsnummer", "Organisationsnummer"),
                    )?;
                }
                ProviderRole::ClientOfSelfEmployed => page.cross(layout::SELF_EMPLOYED_ASSISTANT),
            }
        }
    }
    Ok(())
}

fn row_page(
    form: &Blankett3059,
    rows: &[super::Row],
    page: &mut Page,
) -> Result<(), BlankettError> {
    let size = layout::TEXT_SIZE;
    page.text(
        &month_text(form),
        layout::HEADER_MONTH,
        Align::Left,
        size,
        ("month", "År och månad"),
    )?;
    page.text(
        &form.assistant_number,
        layout::HEADER_ASSISTANT_NUMBER,
        Align::Left,
        size,
        ("assistant.personnummer", "Assistentens personnummer"),
    )?;
    page.text(
        &form.person_number,
        layout::HEADER_PERSON_NUMBER,
        Align::Left,
        size,
        ("person.personnummer", "Personnummer"),
    )?;
    let field = ("rows", "Redovisning av utförd assistans");
    for (i, row) in rows.iter().enumerate() {
        let cell = |r: [Rect; 2]| layout::row_cell(r, i);
        page.text(
            &row.day.to_string(),
            cell(layout::ROW_DAY),
            Align::Centre,
            layout::ROW_SIZE,
            field,
        )?;
        page.text(
            &clock(row.from),
            cell(layout::ROW_FROM),
            Align::Right,
            layout::ROW_SIZE,
            field,
        )?;
        page.text(
            &clock(row.to),
            cell(layout::ROW_TO),
            Align::Left,
            layout::ROW_SIZE,
            field,
        )?;
        page.cross(cell(match row.kind {
            Kind::Aktiv => layout::ROW_AKTIV,
            Kind::Vantetid => layout::ROW_VANTETID,
            Kind::Beredskap => layout::ROW_BEREDSKAP,
        }));
    }
    Ok(())
}

fn totals(form: &Blankett3059, page: &mut Page) -> Result<(), BlankettError> {
    let field = ("totals", "Summa tid");
    for (minutes, (hours_box, minutes_box)) in [
        (form.totals.aktiv, layout::TOTAL_AKTIV),
        (form.totals.vantetid, layout::TOTAL_VANTETID),
        (form.totals.beredskap, layout::TOTAL_BEREDSKAP),
    ] {
        let size = layout::TEXT_SIZE;
        page.text(
            &(minutes / 60).to_string(),
            hours_box,
            Align::Centre,
            size,
            field,
        )?;
        page.text(
            &(minutes % 60).to_string(),
            minutes_box,
            Align::Centre,
            size,
            field,
        )?;
    }
    Ok(())
}

fn write_error(e: lopdf::Error) -> BlankettError {
    BlankettError::Write(e.to_string())
}

/// The filled blankett as PDF bytes: page 1, the row pages (copies of page 2 as needed, the
/// last one page 3), every known value in its box, the signatures empty.
pub fn fill(template: &Form3059, form: &Blankett3059) -> Result<Vec<u8>, BlankettError> {
    let templates = pages_for(form.rows.len());
    let row_pages = templates.len() - 1;
    let mut pages: Vec<(Template, Page)> = Vec::with_capacity(templates.len());
    for (i, &t) in templates.iter().enumerate() {
        let mut page = Page::default();
        match t {
            Template::First => first_page(form, &mut page)?,
            Template::Rows | Template::Last => {
                let start = (i - 1) * layout::ROWS_PER_PAGE;
                let end = (start + layout::ROWS_PER_PAGE).min(form.rows.len());
                let rows = form.rows.get(start..end).unwrap_or(&[]);
                row_page(form, rows, &mut page)?;
                if t == Template::Last {
                    totals(form, &mut page)?;
                }
            }
        }
        pages.push((t, page));
    }
    debug_assert_eq!(row_pages, pages.len() - 1);

    let mut doc = template.document.clone();
    let pages_id = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(write_error)?;
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let open_id = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let mut kids = Vec::with_capacity(pages.len());
    for (t, page) in pages {
        let template_id: ObjectId = template.pages[t.index()];
        let original = doc
            .get_dictionary(template_id)
            .map_err(write_error)?
            .clone();
        let mut resources = original
            .get_deref(b"Resources", &doc)
            .and_then(Object::as_dict)
            .cloned()
            .unwrap_or_default();
        let mut fonts = resources
            .get_deref(b"Font", &doc)
            .and_then(Object::as_dict)
            .cloned()
            .unwrap_or_default();
        fonts.set(FONT.to_vec(), Object::Reference(font_id));
        resources.set("Font", Object::Dictionary(fonts));

        let mut overlay = b"Q\n".to_vec();
        overlay.extend(
            Content {
                operations: page.operations,
            }
            .encode()
            .map_err(write_error)?,
        );
        let mut overlay = Stream::new(Dictionary::new(), overlay);
        let _ = overlay.compress();
        let overlay_id = doc.add_object(overlay);

        let mut contents: Vec<Object> = vec![Object::Reference(open_id)];
        contents.extend(
            doc.get_page_contents(template_id)
                .into_iter()
                .map(Object::Reference),
        );
        contents.push(Object::Reference(overlay_id));

        let mut dict = original;
        dict.set("Parent", Object::Reference(pages_id));
        dict.set("Resources", Object::Dictionary(resources));
        dict.set("Contents", Object::Array(contents));
        kids.push(Object::Reference(doc.add_object(dict)));
    }
    let count = kids.len() as i64;
    let tree = doc.get_dictionary_mut(pages_id).map_err(write_error)?;
    tree.set("Kids", Object::Array(kids));
    tree.set("Count", Object::Integer(count));
    doc.prune_objects();
    doc.renumber_objects();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| BlankettError::Write(e.to_string()))?;
    Ok(bytes)
}
