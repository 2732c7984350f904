//! Blankett 3059 against FK's own file: recognition, every value in its box (read back from the
//! text layer with `pdftotext -bbox`), the boxes against the rendered form (`pdftoppm`), and
//! the conversion from the household model.

use crate::elt::fk_files;

use std::path::Path;
use std::process::Command;

use super::fill::{pages_for, text_width, Template};
use super::form::{blank_pdf, CONTENT_DIGEST};
use super::layout::{self, Rect};
use super::*;
use crate::elt::testing::*;
use crate::hours::{assistant_totals, report_rows};

fn fk_form() -> Option<Vec<u8>> {
    Some(std::fs::read(fk_files::blankett_3059()?).expect("FK 3059 readable"))
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `tool` if it runs; `None` (printed, a panic under CI) if it is not installed.
fn tool(name: &str) -> Option<()> {
    match Command::new(name).arg("-v").output() {
        Ok(_) => Some(()),
        Err(_) if in_ci() => panic!("{name} is required in CI (poppler-utils)"),
        Err(_) => {
            eprintln!("SKIPPED: {name} is not installed (poppler-utils)");
            None
        }
    }
}

/// One word of the text layer, on page `page` (0-based), top-left origin.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    rect: Rect,
    text: String,
}

fn attribute(tag: &str, name: &str) -> f32 {
    let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
    let end = start + tag[start..].find('"').expect("quote");
    tag[start..end].parse().expect("number")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The words of `pdf`'s text layer (`pdftotext -bbox`).
fn words(pdf: &[u8]) -> Option<Vec<Word>> {
    tool("pdftotext")?;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("filled.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed");
    let html = String::from_utf8(out.stdout).unwrap();
    let mut page = None::<usize>;
    let mut found = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page = Some(page.map_or(0, |p| p + 1));
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let close = rest.find('>').unwrap();
            let tag = &rest[..close];
            let text = rest[close + 1..].trim_end_matches("</word>");
            found.push(Word {
                page: page.unwrap(),
                rect: Rect::new(
                    attribute(tag, "xMin"),
                    attribute(tag, "yMin"),
                    attribute(tag, "xMax"),
                    attribute(tag, "yMax"),
                ),
                text: unescape(text),
            });
        }
    }
    Some(found)
}

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

/// The text written in `area` of `page`: the words whose middle is inside it, left to right.
/// Every such word must lie inside the area (with half a point for rounding).
fn text_in(words: &[Word], page: usize, area: Rect) -> String {
    let mut inside: Vec<&Word> = words
        .iter()
        .filter(|w| {
            let (cx, cy) = ((w.rect.x0 + w.rect.x1) / 2.0, (w.rect.y0 + w.rect.y1) / 2.0);
            w.page == page && cx > area.x0 && cx < area.x1 && cy > area.y0 && cy < area.y1
        })
        .collect();
    for w in &inside {
        assert!(
            area.holds(&w.rect, 0.5),
            "{:?} on page {} sticks out of {area:?}",
            w.text,
            page + 1
        );
    }
    inside.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
    inside
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn row(day: u32, from: (u32, u32), to: (u32, u32), kind: Kind) -> Row {
    Row {
        day,
        from: WallTime::from_hm(from.0, from.1).unwrap(),
        to: WallTime::from_hm(to.0, to.1).unwrap(),
        kind,
    }
}

/// `n` rows: day 1 + i/3, 08.00–12.30 aktiv, 13.00–14.15 väntetid, 22.00–24.00 beredskap.
fn rows(n: usize) -> Vec<Row> {
    (0..n)
        .map(|i| {
            let day = 1 + (i / 3) as u32 % 31;
            match i % 3 {
                0 => row(day, (8, 0), (12, 30), Kind::Aktiv),
                1 => row(day, (13, 0), (14, 15), Kind::Vantetid),
                _ => row(day, (22, 0), (24, 0), Kind::Beredskap),
            }
        })
        .collect()
}

fn sample(rows: Vec<Row>) -> Blankett3059 {
    Blankett3059 {
        month: YearMonth::parse("2025-10").unwrap(),
        person_name: "Åsa-Märta Öberg Ödman".into(),
        person_number: "201202022386".into(),
        assistant_name: "Zoë Ängström-Éclair".into(),
        assistant_number: "197010632391".into(),
        collective_agreement: true,
        calculation_periods: vec![
            (day(2025, 9, 22), day(2025, 10, 19)),
            (day(2025, 10, 20), day(2025, 11, 16)),
        ],
        employer: Section5::Provider {
            name: "Assistans & Omsorg i Väst AB".into(),
            organisationsnummer: "556036-0793".into(),
            contact_person: Some("Ann Ström".into()),
            phone: Some("070-174 06 12".into()),
            role: ProviderRole::ClientOfOtherEmployer {
                name: "Omsorgsbolaget Åre AB".into(),
                organisationsnummer: "556677-8899".into(),
            },
        },
        rows,
        totals: Totals {
            aktiv: 123 * 60 + 45,
            vantetid: 30,
            beredskap: 7 * 60,
        },
    }
}

fn kind_box(kind: Kind) -> [Rect; 2] {
    match kind {
        Kind::Aktiv => layout::ROW_AKTIV,
        Kind::Vantetid => layout::ROW_VANTETID,
        Kind::Beredskap => layout::ROW_BEREDSKAP,
    }
}

/// Row `r` (0-based over the month) is on output page `page` at index `i`: day, times and the
/// cross in its kind's box, and nothing in the other two boxes.
fn assert_row(words: &[Word], page: usize, i: usize, r: &Row) {
    let cell = |b: [Rect; 2]| layout::row_cell(b, i);
    assert_eq!(
        text_in(words, page, cell(layout::ROW_DAY)),
        r.day.to_string()
    );
    let hm = |t: WallTime| format!("{:02}.{:02}", t.minutes() / 60, t.minutes() % 60);
    assert_eq!(text_in(words, page, cell(layout::ROW_FROM)), hm(r.from));
    assert_eq!(text_in(words, page, cell(layout::ROW_TO)), hm(r.to));
    for kind in TimeKind::ALL {
        let expected = if kind == r.kind { "X" } else { "" };
        assert_eq!(
            text_in(words, page, cell(kind_box(kind))),
            expected,
            "page {}, row {i}, {kind:?}",
            page + 1
        );
    }
}

fn assert_header(words: &[Word], page: usize, form: &Blankett3059) {
    assert_eq!(text_in(words, page, layout::HEADER_MONTH), "2025-10");
    assert_eq!(
        text_in(words, page, layout::HEADER_ASSISTANT_NUMBER),
        form.assistant_number
    );
    assert_eq!(
        text_in(words, page, layout::HEADER_PERSON_NUMBER),
        form.person_number
    );
}

#[test]
fn fk_own_file_is_recognised_and_a_saved_again_copy_too() {
    let Some(bytes) = fk_form() else { return };
    Form3059::recognise(&bytes).expect("FK 3059 (016 F 003)");
    // Saved again by a PDF tool (other object numbers, recompressed): same drawn content.
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    doc.decompress();
    doc.renumber_objects_with(40);
    let mut again = Vec::new();
    doc.save_to(&mut again).unwrap();
    assert_ne!(again, bytes);
    Form3059::recognise(&again).expect("the same form, saved again");
}

#[test]
fn a_foreign_pdf_is_refused_with_a_clear_message() {
    let refused = |bytes: &[u8]| Form3059::recognise(bytes).unwrap_err();
    // Three empty A4 pages: right shape, wrong content.
    let blank = refused(&blank_pdf(3));
    assert!(
        matches!(&blank, BlankettError::UnknownVersion { reason } if reason.starts_with("content digest")),
        "{blank:?}"
    );
    let text = crate::Error::from(blank.clone()).to_string();
    assert!(text.contains("FK 3059 (016 F 003)"), "{text}");
    assert!(text.contains("forsakringskassan.se"), "{text}");
    assert_eq!(blank.code(), "blankett_unknown");
    assert!(matches!(
        refused(&blank_pdf(2)),
        BlankettError::UnknownVersion { reason } if reason == "2 pages"
    ));
    assert_eq!(
        refused(b"Tidsredovisning, inte en PDF"),
        BlankettError::NotPdf
    );
    assert_eq!(refused(b"%PDF-1.7\nbroken"), BlankettError::NotPdf);
    let Some(fk) = fk_files::fk_dir() else { return };
    // FK's own räkning 3057: a real FK blankett, but not this one.
    let other = std::fs::read(fk.join("forms/FK3057_016_F_002.pdf")).unwrap();
    assert!(matches!(
        refused(&other),
        BlankettError::UnknownVersion { .. }
    ));
    // FK 3059 with one drawing operator changed.
    let bytes = fk_form().unwrap();
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let page = *doc.get_pages().get(&2).unwrap();
    let mut content = doc.get_page_content(page).unwrap();
    content.extend_from_slice(b"\n0 0 m 10 10 l S\n");
    doc.change_page_content(page, content).unwrap();
    let mut changed = Vec::new();
    doc.save_to(&mut changed).unwrap();
    assert!(matches!(
        refused(&changed),
        BlankettError::UnknownVersion { reason } if reason.starts_with("content digest")
    ));
    assert_eq!(CONTENT_DIGEST.len(), 64);
}

#[test]
fn a_stored_form_is_kept_in_the_data_folder_and_a_refused_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Form3059::load(dir.path()).unwrap_err(),
        crate::Error::Blankett(BlankettError::Missing)
    ));
    let error = Form3059::store(dir.path(), &blank_pdf(3)).unwrap_err();
    assert!(matches!(
        error,
        crate::Error::Blankett(BlankettError::UnknownVersion { .. })
    ));
    assert!(!Form3059::is_stored(dir.path()));
    let Some(bytes) = fk_form() else { return };
    Form3059::store(dir.path(), &bytes).unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("blanketter/FK3059_016_F_003.pdf")).unwrap(),
        bytes
    );
    Form3059::load(dir.path()).unwrap();
    // A foreign file picked later leaves the stored form as it was.
    assert!(Form3059::store(dir.path(), &blank_pdf(3)).is_err());
    Form3059::load(dir.path()).unwrap();
}

#[test]
fn every_value_is_written_inside_its_box() {
    let Some(bytes) = fk_form() else { return };
    let template = Form3059::recognise(&bytes).unwrap();
    let form = sample(rows(45));
    let pdf = fill(&template, &form).unwrap();
    assert_eq!(page_count(&pdf), 3);
    // The filled file is still recognisably built on FK's pages: they are drawn unchanged.
    let Some(words) = words(&pdf) else { return };

    // Page 1.
    for (cell, digit) in layout::MONTH_DIGITS
        .iter()
        .zip(["2", "0", "2", "5", "1", "0"])
    {
        assert_eq!(text_in(&words, 0, *cell), digit);
    }
    assert_eq!(
        text_in(&words, 0, layout::PERSON_NAME),
        "Åsa-Märta Öberg Ödman"
    );
    assert_eq!(text_in(&words, 0, layout::PERSON_NUMBER), "201202022386");
    assert_eq!(
        text_in(&words, 0, layout::ASSISTANT_NAME),
        "Zoë Ängström-Éclair"
    );
    assert_eq!(text_in(&words, 0, layout::ASSISTANT_NUMBER), "197010632391");
    assert_eq!(text_in(&words, 0, layout::AGREEMENT_YES), "X");
    assert_eq!(text_in(&words, 0, layout::AGREEMENT_NO), "");
    let periods = ["2025-09-22", "2025-10-19", "2025-10-20", "2025-11-16"];
    for (i, (from, to)) in layout::PERIODS.iter().enumerate() {
        let (want_from, want_to) = match i {
            0 | 1 => (periods[2 * i], periods[2 * i + 1]),
            _ => ("", ""),
        };
        assert_eq!(text_in(&words, 0, *from), want_from, "period {i}");
        assert_eq!(text_in(&words, 0, *to), want_to, "period {i}");
    }
    assert_eq!(text_in(&words, 0, layout::SELF_EMPLOYER), "");
    assert_eq!(text_in(&words, 0, layout::BUYS_FROM_PROVIDER), "X");
    assert_eq!(
        text_in(&words, 0, layout::PROVIDER_NAME),
        "Assistans & Omsorg i Väst AB"
    );
    assert_eq!(text_in(&words, 0, layout::PROVIDER_NUMBER), "556036-0793");
    assert_eq!(text_in(&words, 0, layout::PROVIDER_CONTACT), "Ann Ström");
    assert_eq!(text_in(&words, 0, layout::PROVIDER_PHONE), "070-174 06 12");
    assert_eq!(text_in(&words, 0, layout::PROVIDER_EMPLOYS), "");
    assert_eq!(text_in(&words, 0, layout::OTHER_EMPLOYER), "X");
    assert_eq!(
        text_in(&words, 0, layout::OTHER_EMPLOYER_NAME),
        "Omsorgsbolaget Åre AB"
    );
    assert_eq!(
        text_in(&words, 0, layout::OTHER_EMPLOYER_NUMBER),
        "556677-8899"
    );
    assert_eq!(text_in(&words, 0, layout::SELF_EMPLOYED_ASSISTANT), "");

    // Pages 2 and 3: header, rows 1–40 on page 2, 41–45 on page 3, the rest empty.
    for page in [1, 2] {
        assert_header(&words, page, &form);
    }
    for (r, row) in form.rows.iter().enumerate() {
        assert_row(&words, 1 + r / 40, r % 40, row);
    }
    for i in 5..40 {
        assert_eq!(text_in(&words, 2, layout::row_cell(layout::ROW_DAY, i)), "");
    }
    // The totals, on page 3 only: 123 h 45 min, 0 h 30 min, 7 h 0 min.
    let totals = [
        (layout::TOTAL_AKTIV, ("123", "45")),
        (layout::TOTAL_VANTETID, ("0", "30")),
        (layout::TOTAL_BEREDSKAP, ("7", "0")),
    ];
    for ((hours, minutes), (h, m)) in totals {
        assert_eq!(text_in(&words, 2, hours), h);
        assert_eq!(text_in(&words, 2, minutes), m);
        assert_eq!(text_in(&words, 1, hours), "");
    }
    // Nothing else: page 1 (6 digits; names of 3 and 2 words and 2 numbers; 3 crosses; 4
    // dates; the provider's 6 words and number, contact 2, phone 3 words; the employer's 3
    // words and number), and per row page 3 header values and 4 words a row; 6 totals.
    let on = |p: usize| words.iter().filter(|w| w.page == p).count();
    assert_eq!(on(0), 6 + (3 + 2 + 2) + 3 + 4 + (6 + 1 + 2 + 3) + (3 + 1));
    assert_eq!(on(1), 3 + 40 * 4);
    assert_eq!(on(2), 3 + 5 * 4 + 6);
}

#[test]
fn rows_beyond_the_forms_80_continue_on_copies_of_page_2() {
    assert_eq!(
        pages_for(0),
        [Template::First, Template::Rows, Template::Last]
    );
    assert_eq!(pages_for(80).len(), 3);
    assert_eq!(
        pages_for(81),
        [
            Template::First,
            Template::Rows,
            Template::Rows,
            Template::Last
        ]
    );
    assert_eq!(pages_for(161).len(), 6);
    let Some(bytes) = fk_form() else { return };
    let template = Form3059::recognise(&bytes).unwrap();
    let form = sample(rows(95));
    let pdf = fill(&template, &form).unwrap();
    assert_eq!(page_count(&pdf), 4);
    // The filled file is not taken for the empty form.
    assert!(Form3059::recognise(&pdf).is_err());
    let Some(words) = words(&pdf) else { return };
    for page in 1..4 {
        assert_header(&words, page, &form);
    }
    for (r, row) in form.rows.iter().enumerate() {
        assert_row(&words, 1 + r / 40, r % 40, row);
    }
    // Totals only on the last page (FK's page 3), the rows 81–95 there.
    assert_eq!(text_in(&words, 3, layout::TOTAL_AKTIV.0), "123");
    for page in 1..3 {
        assert_eq!(text_in(&words, page, layout::TOTAL_AKTIV.0), "");
    }
    // The pages drawn are FK's: page 3 of the output is FK's page 2 (a copy), page 4 FK's 3.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    // Each page draws `q`, the template's streams, then ours (`Q` and the text).
    let drawn = |p| {
        let mut streams = doc.get_page_contents(p);
        streams.pop();
        streams
    };
    assert_eq!(drawn(pages[1]), drawn(pages[2]));
    assert_ne!(drawn(pages[2]), drawn(pages[3]));
    assert_ne!(drawn(pages[0]), drawn(pages[1]));
}

#[test]
fn the_boxes_are_empty_on_the_form_and_the_checkboxes_are_where_the_table_says() {
    let Some(bytes) = fk_form() else { return };
    let Some(()) = tool("pdftoppm") else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("form.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-r", "72", "-gray"])
        .arg(&file)
        .arg(dir.path().join("page"))
        .status()
        .unwrap();
    assert!(status.success());
    let render = |n: usize| Gray::read(&dir.path().join(format!("page-{n}.pgm")));
    let (p1, p2, p3) = (render(1), render(2), render(3));

    let text_areas: Vec<Rect> = [
        layout::PERSON_NAME,
        layout::PERSON_NUMBER,
        layout::ASSISTANT_NAME,
        layout::ASSISTANT_NUMBER,
        layout::PROVIDER_NAME,
        layout::PROVIDER_NUMBER,
        layout::PROVIDER_CONTACT,
        layout::PROVIDER_PHONE,
        layout::OTHER_EMPLOYER_NAME,
        layout::OTHER_EMPLOYER_NUMBER,
    ]
    .into_iter()
    .chain(
        layout::MONTH_DIGITS
            .iter()
            .map(|r| Rect::new(r.x0, r.y0, r.x1, 84.0)),
    )
    .chain(layout::PERIODS.iter().flat_map(|(a, b)| [*a, *b]))
    .collect();
    for area in &text_areas {
        assert!(p1.blank(area), "page 1: printed matter inside {area:?}");
    }
    for checkbox in [
        layout::AGREEMENT_YES,
        layout::AGREEMENT_NO,
        layout::SELF_EMPLOYER,
        layout::BUYS_FROM_PROVIDER,
        layout::PROVIDER_EMPLOYS,
        layout::OTHER_EMPLOYER,
        layout::SELF_EMPLOYED_ASSISTANT,
    ] {
        assert!(
            p1.is_checkbox(&checkbox),
            "page 1: no checkbox at {checkbox:?}"
        );
    }
    for page in [&p2, &p3] {
        for area in [
            layout::HEADER_MONTH,
            layout::HEADER_ASSISTANT_NUMBER,
            layout::HEADER_PERSON_NUMBER,
        ] {
            assert!(page.blank(&area), "header: printed matter inside {area:?}");
        }
        for i in 0..layout::ROWS_PER_PAGE {
            for area in [layout::ROW_DAY, layout::ROW_FROM, layout::ROW_TO] {
                let area = layout::row_cell(area, i);
                assert!(page.blank(&area), "row {i}: printed matter inside {area:?}");
            }
            for checkbox in [
                layout::ROW_AKTIV,
                layout::ROW_VANTETID,
                layout::ROW_BEREDSKAP,
            ] {
                let checkbox = layout::row_cell(checkbox, i);
                assert!(
                    page.is_checkbox(&checkbox),
                    "row {i}: no checkbox at {checkbox:?}"
                );
            }
        }
    }
    for (hours, minutes) in [
        layout::TOTAL_AKTIV,
        layout::TOTAL_VANTETID,
        layout::TOTAL_BEREDSKAP,
    ] {
        assert!(p3.blank(&hours) && p3.blank(&minutes), "totals {hours:?}");
    }
}

/// A rendered page (PGM, one pixel per point).
struct Gray {
    width: usize,
    pixels: Vec<u8>,
}

impl Gray {
    fn read(path: &Path) -> Gray {
        let data = std::fs::read(path).unwrap();
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while data[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !data[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&data[start..at]).into_owned());
        }
        assert_eq!(fields[0], "P5");
        Gray {
            width: fields[1].parse().unwrap(),
            pixels: data[at + 1..].to_vec(),
        }
    }

    fn dark(&self, x: f32, y: f32) -> bool {
        self.pixels[y as usize * self.width + x as usize] < 160
    }

    /// No dark pixel inside `area`.
    fn blank(&self, area: &Rect) -> bool {
        let (x0, y0) = (area.x0.ceil() as usize, area.y0.ceil() as usize);
        let (x1, y1) = (area.x1.floor() as usize, area.y1.floor() as usize);
        (y0..y1).all(|y| (x0..x1).all(|x| !self.dark(x as f32, y as f32)))
    }

    /// Lines on all four sides of `square`, nothing inside.
    fn is_checkbox(&self, square: &Rect) -> bool {
        let (mx, my) = ((square.x0 + square.x1) / 2.0, (square.y0 + square.y1) / 2.0);
        let near = |a: f32, b: f32, horizontal: bool| {
            (-1..=1).any(|d| {
                let d = d as f32;
                if horizontal {
                    self.dark(a + d, b)
                } else {
                    self.dark(a, b + d)
                }
            })
        };
        near(square.x0, my, true)
            && near(square.x1 - 0.5, my, true)
            && near(mx, square.y0, false)
            && near(mx, square.y1 - 0.5, false)
            && self.blank(&Rect::new(
                square.x0 + 2.0,
                square.y0 + 2.0,
                square.x1 - 2.0,
                square.y1 - 2.0,
            ))
    }
}

#[test]
fn a_value_too_long_for_its_box_is_refused_not_cut() {
    let template = Form3059::stand_in();
    let mut form = sample(rows(3));
    form.person_name = "Karl-Gustav ".repeat(12);
    let error = fill(&template, &form).unwrap_err();
    assert_eq!(
        error,
        BlankettError::TooLong {
            field: "person.name",
            label: "Förnamn och efternamn (1)"
        }
    );
    let text = crate::Error::from(error.clone()).to_string();
    assert!(text.contains("för lång"), "{text}");
    // A name too wide at 10 points is shrunk, and written.
    form.person_name =
        "Karl-Gustav Alexander Maximilian Wilhelm von Württemberg-Hohenzollern Sjöberg-Åkerman"
            .into();
    assert!(text_width(&form.person_name, layout::TEXT_SIZE) > layout::PERSON_NAME.width());
    fill(&template, &form).unwrap();
    form.calculation_periods = (0..7)
        .map(|i| (day(2025, 10, 1 + i), day(2025, 10, 1 + i)))
        .collect();
    assert_eq!(
        fill(&template, &form).unwrap_err(),
        BlankettError::TooManyPeriods { count: 7 }
    );
}

#[test]
fn widths_are_helveticas() {
    // Digits are 556/1000 em, "X" 667, "i" 222; å ä ö as a and o.
    assert!((text_width("2025", 10.0) - 22.24).abs() < 0.001);
    assert!((text_width("X", 10.0) - 6.67).abs() < 0.001);
    assert!((text_width("åäö", 10.0) - text_width("aao", 10.0)).abs() < 0.001);
    assert!((text_width("Wi", 10.0) - 11.66).abs() < 0.001);
    assert_eq!(super::fill::win_ansi('å'), 0xe5);
    assert_eq!(super::fill::win_ansi('Ö'), 0xd6);
    assert_eq!(super::fill::win_ansi('–'), 0x96);
    assert_eq!(super::fill::win_ansi('Ł'), b'?');
}

#[test]
fn the_household_model_becomes_the_blanketts_input() {
    let household = buying_household();
    let mut ali = ali();
    ali.employed_by_person = false;
    ali.collective_agreement = true;
    let johan = johan();
    let month = YearMonth::parse("2025-10").unwrap();
    let shifts = vec![
        shift(
            1,
            &ali,
            at(2025, 10, 31, 20, 0),
            at(2025, 11, 1, 6, 0),
            TimeKind::Vantetid,
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
            &johan,
            at(2025, 10, 3, 8, 0),
            at(2025, 10, 3, 12, 0),
            TimeKind::Aktiv,
        ),
    ];
    let rows = report_rows(&shifts, month);
    let totals = assistant_totals(&shifts, month, ali.id);
    let form = from_household(&household, &ali, month, &rows, &totals);
    assert_eq!(form.person_name, "Åsa-Märta Öberg & Ödman");
    assert_eq!(form.person_number.len(), 12);
    assert_eq!(form.assistant_name, "Ali Haddad");
    assert_eq!(form.assistant_number, "197010632391");
    assert!(form.collective_agreement);
    // Johan's row is not Ali's; the night into November is cut at the month's end; the DST
    // night is two raw rows, 7 real hours.
    assert_eq!(
        form.rows,
        [
            row(25, (22, 0), (24, 0), Kind::Beredskap),
            row(26, (0, 0), (4, 0), Kind::Beredskap),
            row(31, (20, 0), (24, 0), Kind::Vantetid),
        ]
    );
    assert_eq!(form.totals.beredskap, 7 * 60);
    // The default four-week periods from Monday 1 January 2024: 8 Sep–5 Oct, 6 Oct–2 Nov 2025.
    assert_eq!(
        form.calculation_periods,
        [
            (day(2025, 9, 8), day(2025, 10, 5)),
            (day(2025, 10, 6), day(2025, 11, 2))
        ]
    );
    // Section 5 is the anordnare with its own contact person and phone (not the signer's).
    assert_eq!(
        form.employer,
        Section5::Provider {
            name: "Assistans & Omsorg <Väst> \"AB\"".into(),
            organisationsnummer: "556036-0793".into(),
            contact_person: Some("Kim \"K\" <Ek> & Ödmark".into()),
            phone: Some("031-123 45 67".into()),
            role: ProviderRole::Employer,
        }
    );
    // The assistant's own periods (two weeks from Monday 29 September 2025) and another
    // employer: what the ELT document says, the blankett says.
    let mut other = ali.clone();
    other.calculation_periods = crate::household::CalculationPeriods {
        start: day(2025, 9, 29),
        weeks: 2,
    };
    other.employer = AssistantEmployer::Other {
        name: Some("Omsorg i Väst AB".into()),
        organisationsnummer: crate::identity::Organisationsnummer::parse("556036-0793").unwrap(),
    };
    let other_form = from_household(&household, &other, month, &rows, &totals);
    assert_eq!(
        other_form.calculation_periods,
        [
            (day(2025, 9, 29), day(2025, 10, 12)),
            (day(2025, 10, 13), day(2025, 10, 26)),
            (day(2025, 10, 27), day(2025, 11, 9))
        ]
    );
    match other_form.employer {
        Section5::Provider { role, .. } => assert_eq!(
            role,
            ProviderRole::ClientOfOtherEmployer {
                name: "Omsorg i Väst AB".into(),
                organisationsnummer: "556036-0793".into()
            }
        ),
        other => panic!("{other:?}"),
    }
    other.employer = AssistantEmployer::SelfEmployed;
    match from_household(&household, &other, month, &rows, &totals).employer {
        Section5::Provider { role, .. } => assert_eq!(role, ProviderRole::ClientOfSelfEmployed),
        other => panic!("{other:?}"),
    }
    // An assistant the person employs, or a household that is the employer: section 5's
    // first box.
    ali.employed_by_person = true;
    let own = from_household(&household, &ali, month, &rows, &totals);
    assert_eq!(own.employer, Section5::SelfEmployer);
    let employer = employer_household();
    let own = from_household(&employer, &ali, month, &rows, &totals);
    assert_eq!(own.employer, Section5::SelfEmployer);
    // No personal data in Debug.
    let debug = format!("{form:?}");
    assert!(
        !debug.contains("Haddad") && !debug.contains("197010632391"),
        "{debug}"
    );
    // February 2026: 26 Jan–22 Feb and 23 Feb–22 Mar.
    let feb = from_household(
        &household,
        &ali,
        YearMonth::parse("2026-02").unwrap(),
        &[],
        &Totals::default(),
    );
    assert_eq!(
        feb.calculation_periods,
        [
            (day(2026, 1, 26), day(2026, 2, 22)),
            (day(2026, 2, 23), day(2026, 3, 22))
        ]
    );
    assert!(feb.rows.is_empty());
}
