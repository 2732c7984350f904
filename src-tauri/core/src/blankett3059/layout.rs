//! Where each value goes on blankett 3059 (016 F 003): the one table of coordinates.
//!
//! Measured from FK's file (`pdftoppm -r 72` renders one pixel per point; the box lines were
//! found as runs of dark pixels and checked by eye). Coordinates are PDF points with the origin
//! at the TOP left of the page and y growing downwards, as the rendered image and
//! `pdftotext -bbox` count them; [`crate::blankett3059::fill`] turns them into PDF user space
//! (origin bottom left) with [`PAGE_HEIGHT`]. A [`Rect`] is the area inside a box where a value
//! may be written (below the box's printed label), a checkbox is the square itself.
//!
//! Pages of the form: page 1 (sections 1–6), page 2 (section 7, rows 1–40) and page 3
//! (section 7, rows 41–80, the totals, section 8). Each row page has two tables of 20 rows side
//! by side.

/// Height of an A4 page of the form (its MediaBox).
pub const PAGE_HEIGHT: f32 = 841.92;

/// An area on a page, top-left origin: `x0 < x1`, `y0 < y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rect {
    pub const fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// The same area `dx` to the right and `dy` down.
    pub fn moved(&self, dx: f32, dy: f32) -> Rect {
        Rect::new(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)
    }

    /// Whether `other` lies inside this area (with `slack` points of tolerance).
    pub fn holds(&self, other: &Rect, slack: f32) -> bool {
        other.x0 >= self.x0 - slack
            && other.y0 >= self.y0 - slack
            && other.x1 <= self.x1 + slack
            && other.y1 <= self.y1 + slack
    }
}

/// How a value sits in its area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// Font size of values in the text boxes of page 1 and the totals.
pub const TEXT_SIZE: f32 = 10.0;
/// Smallest size a long value is shrunk to before it is refused.
pub const MIN_TEXT_SIZE: f32 = 6.0;
/// Font size of the digits of the month and of the rows of section 7.
pub const ROW_SIZE: f32 = 10.0;
/// Font size of the cross in a checkbox.
pub const CROSS_SIZE: f32 = 10.0;

// ---- Page 1 -------------------------------------------------------------------------------

/// "År och månad": the six digit cells `Å Å Å Å – M M` (box 297–397 × 66–92, ticks at
/// x 311, 326, 340, 354 | 368, 382).
pub const MONTH_DIGITS: [Rect; 6] = [
    Rect::new(297.5, 70.0, 311.0, 91.0),
    Rect::new(311.5, 70.0, 326.0, 91.0),
    Rect::new(326.5, 70.0, 340.0, 91.0),
    Rect::new(340.5, 70.0, 354.0, 91.0),
    Rect::new(368.5, 70.0, 382.0, 91.0),
    Rect::new(382.5, 70.0, 396.5, 91.0),
];

/// Section 1, the person with assistance (box 42–552 × 194–219, split at x 425; the labels
/// fill y 195–203).
pub const PERSON_NAME: Rect = Rect::new(45.0, 205.0, 422.0, 218.5);
pub const PERSON_NUMBER: Rect = Rect::new(428.0, 205.0, 550.0, 218.5);

/// Section 2, the assistant (box 42–552 × 296–321, split at x 425).
pub const ASSISTANT_NAME: Rect = Rect::new(45.0, 307.0, 422.0, 320.5);
pub const ASSISTANT_NUMBER: Rect = Rect::new(428.0, 307.0, 550.0, 320.5);

/// Section 3, collective agreement: the checkboxes "Ja" and "Nej".
pub const AGREEMENT_YES: Rect = Rect::new(49.0, 360.0, 62.0, 372.5);
pub const AGREEMENT_NO: Rect = Rect::new(113.0, 360.0, 126.0, 372.5);

/// Section 4, calculation periods: six cells (two rows of three, y 462–487 and 487–513; cells
/// 42–216, 216–390, 390–552, each split into "Från och med" | "till och med" at x 128, 301,
/// 475), in reading order: `(from, to)`.
pub const PERIODS: [(Rect, Rect); 6] = [
    (
        Rect::new(44.0, 473.0, 127.0, 486.0),
        Rect::new(130.0, 473.0, 215.0, 486.0),
    ),
    (
        Rect::new(218.0, 473.0, 300.0, 486.0),
        Rect::new(303.0, 473.0, 389.0, 486.0),
    ),
    (
        Rect::new(392.0, 473.0, 474.0, 486.0),
        Rect::new(477.0, 473.0, 551.0, 486.0),
    ),
    (
        Rect::new(44.0, 499.0, 127.0, 512.0),
        Rect::new(130.0, 499.0, 215.0, 512.0),
    ),
    (
        Rect::new(218.0, 499.0, 300.0, 512.0),
        Rect::new(303.0, 499.0, 389.0, 512.0),
    ),
    (
        Rect::new(392.0, 499.0, 474.0, 512.0),
        Rect::new(477.0, 499.0, 551.0, 512.0),
    ),
];

/// Section 5: "Jag har själv anställt assistenten".
pub const SELF_EMPLOYER: Rect = Rect::new(49.0, 551.0, 62.0, 564.5);
/// Section 5: "Personen anlitar en assistansanordnare".
pub const BUYS_FROM_PROVIDER: Rect = Rect::new(49.0, 577.0, 62.0, 590.5);
/// "Namn på anordnaren" / "Organisationsnummer" (box 148–552 × 570–596, split at x 425).
pub const PROVIDER_NAME: Rect = Rect::new(151.0, 582.0, 422.0, 595.0);
pub const PROVIDER_NUMBER: Rect = Rect::new(428.0, 582.0, 550.0, 595.0);
/// "Kontaktperson" / "Telefon" (box 148–552 × 596–621).
pub const PROVIDER_CONTACT: Rect = Rect::new(151.0, 607.0, 422.0, 620.0);
pub const PROVIDER_PHONE: Rect = Rect::new(428.0, 607.0, 550.0, 620.0);
/// "Är anordnaren arbetsgivare för assistenten?" "Ja".
pub const PROVIDER_EMPLOYS: Rect = Rect::new(156.0, 634.0, 168.5, 647.5);
/// "Nej, anordnaren är uppdragsgivare åt assistenten som har en annan arbetsgivare".
pub const OTHER_EMPLOYER: Rect = Rect::new(156.0, 672.0, 168.5, 685.5);
/// "Namn på arbetsgivaren" / "Organisationsnummer" (box 269–552 × 653–704, split at x 425;
/// the values sit on the box's lower line, level with the checkbox's text).
pub const OTHER_EMPLOYER_NAME: Rect = Rect::new(272.0, 672.0, 422.0, 686.0);
pub const OTHER_EMPLOYER_NUMBER: Rect = Rect::new(428.0, 672.0, 550.0, 686.0);
/// "Nej, anordnaren är uppdragsgivare åt assistenten som är egenföretagare".
pub const SELF_EMPLOYED_ASSISTANT: Rect = Rect::new(156.0, 711.0, 168.5, 723.5);

// ---- Pages 2 and 3 (section 7) ------------------------------------------------------------

/// The header of a row page: the values under the printed labels "År och månad" (x 236),
/// "Assistentens personnummer" (x 300) and "Personnummer" (x 428), which end at y 37.
pub const HEADER_MONTH: Rect = Rect::new(236.0, 40.0, 296.0, 53.0);
pub const HEADER_ASSISTANT_NUMBER: Rect = Rect::new(300.0, 40.0, 424.0, 53.0);
pub const HEADER_PERSON_NUMBER: Rect = Rect::new(428.0, 40.0, 552.0, 53.0);

/// Rows in one table of a row page, and tables on a page.
pub const ROWS_PER_TABLE: usize = 20;
pub const TABLES_PER_PAGE: usize = 2;
/// Rows on one row page, and on the form as printed (pages 2 and 3).
pub const ROWS_PER_PAGE: usize = ROWS_PER_TABLE * TABLES_PER_PAGE;
pub const ROWS_ON_FORM: usize = 2 * ROWS_PER_PAGE;

/// The first row of each table: lines at y 105 and 131; the rows are 25.63 points apart
/// (y 105 … 592, the last row ends at 615).
pub const FIRST_ROW_TOP: f32 = 105.0;
pub const ROW_PITCH: f32 = 25.63;

/// The cells of the first row of the left table (x 42–290) and of the right one (x 304–552);
/// the two are not quite the same drawing moved (the checkboxes of the right table sit 3–5
/// points further right), so each is measured. "Dag" x 42–63 | 304–326; "Assistanstid
/// (klockslag)" up to x 163 | 427 with a printed dash at x 111–115 | 374–378, y 117 (from
/// before it, to after it, on a line level with it); the checkboxes "Aktiv tid", "Väntetid",
/// "Beredskapstid".
pub const ROW_DAY: [Rect; 2] = [
    Rect::new(43.5, 108.0, 62.0, 123.5),
    Rect::new(305.5, 108.0, 325.0, 123.5),
];
pub const ROW_FROM: [Rect; 2] = [
    Rect::new(66.0, 108.0, 108.0, 123.5),
    Rect::new(329.0, 108.0, 371.0, 123.5),
];
pub const ROW_TO: [Rect; 2] = [
    Rect::new(118.0, 108.0, 161.0, 123.5),
    Rect::new(381.0, 108.0, 424.0, 123.5),
];
pub const ROW_AKTIV: [Rect; 2] = [
    Rect::new(177.0, 111.0, 190.5, 124.5),
    Rect::new(442.0, 111.0, 455.5, 124.5),
];
pub const ROW_VANTETID: [Rect; 2] = [
    Rect::new(222.0, 111.0, 235.5, 124.5),
    Rect::new(482.0, 111.0, 494.5, 124.5),
];
pub const ROW_BEREDSKAP: [Rect; 2] = [
    Rect::new(262.0, 111.0, 275.5, 124.5),
    Rect::new(527.0, 111.0, 540.5, 124.5),
];

/// Page 3, "Summa tid": hours and minutes of each kind (cells x 340–375–410, 411–446–481,
/// 482–517–552 × 634–659; the labels "Timmar"/"Minuter" fill y 637–644).
pub const TOTAL_AKTIV: (Rect, Rect) = (
    Rect::new(341.0, 645.0, 374.0, 657.5),
    Rect::new(376.0, 645.0, 409.5, 657.5),
);
pub const TOTAL_VANTETID: (Rect, Rect) = (
    Rect::new(412.0, 645.0, 445.0, 657.5),
    Rect::new(447.0, 645.0, 480.5, 657.5),
);
pub const TOTAL_BEREDSKAP: (Rect, Rect) = (
    Rect::new(483.0, 645.0, 516.0, 657.5),
    Rect::new(518.0, 645.0, 551.0, 657.5),
);

/// A cell of row `index` (0-based, 0..40) of a row page: rows 0–19 in the left table, 20–39
/// in the right one, each the table's first-row cell moved down.
pub fn row_cell(cell: [Rect; 2], index: usize) -> Rect {
    let table = (index / ROWS_PER_TABLE).min(TABLES_PER_PAGE - 1);
    let row = index % ROWS_PER_TABLE;
    cell[table].moved(0.0, row as f32 * ROW_PITCH)
}
