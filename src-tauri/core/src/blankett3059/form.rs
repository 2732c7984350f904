//! FK's file of blankett 3059, recognised and kept in the data folder.
//!
//! How the version is recognised (FK's file is a scan printed to PDF: no form fields, no text
//! layer, nothing that names its version in a way a program can read):
//! 1. the file is a PDF lopdf can read, not encrypted;
//! 2. it has exactly 3 pages, each A4 (MediaBox 595.32 × 841.92 points, within half a point);
//! 3. the SHA-256 of the page contents equals [`CONTENT_DIGEST`]: for each page in order, its
//!    content streams decoded (FlateDecode undone) and concatenated, then each image XObject
//!    of the page's resources in name order, its stream as stored (JPEG data).
//!
//! The digest is over what is drawn, not over the file's bytes, so a copy saved again by a
//! PDF tool (other object numbers, other compression, added metadata) is still recognised,
//! while any change to what the pages show (another version, another form, a page missing) is
//! refused. The boxes of [`super::layout`] were measured on exactly these pages.

use std::path::{Path, PathBuf};

use lopdf::{Document, Object, ObjectId};
use sha2::{Digest, Sha256};

use super::problem::BlankettError;
pub use super::problem::FORM_VERSION;

/// The file name in the data folder's `blanketter/` (and FK's own name for it).
pub const FORM_FILE_NAME: &str = "FK3059_016_F_003.pdf";
/// The folder inside the data folder.
pub const FORM_FOLDER: &str = "blanketter";

const PAGES: usize = 3;
const PAGE_SIZE: (f32, f32) = (595.32, 841.92);
/// SHA-256 of the drawn content of FK 3059 (016 F 003), see the module documentation.
pub const CONTENT_DIGEST: &str = "9acec799c618993adcd2cc87220534764885aedacd35146e32df2c458b1a44fc";

/// FK's blankett 3059 in the version Timbok knows, read and checked.
#[derive(Clone)]
pub struct Form3059 {
    pub(super) document: Document,
    /// The three pages' object ids, in order.
    pub(super) pages: [ObjectId; PAGES],
}

impl std::fmt::Debug for Form3059 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form3059")
            .field("version", &FORM_VERSION)
            .finish()
    }
}

fn unknown(reason: impl Into<String>) -> BlankettError {
    BlankettError::UnknownVersion {
        reason: reason.into(),
    }
}

fn number(object: &Object) -> Option<f32> {
    match object {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The digest of what the pages draw (module documentation, step 3).
pub(super) fn content_digest(document: &Document, pages: &[ObjectId]) -> Result<String, String> {
    let mut hash = Sha256::new();
    for &page in pages {
        for id in document.get_page_contents(page) {
            let stream = document
                .get_object(id)
                .and_then(Object::as_stream)
                .map_err(|e| format!("content stream: {e}"))?;
            let bytes = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            hash.update(&bytes);
        }
        let page_dict = document
            .get_dictionary(page)
            .map_err(|e| format!("page: {e}"))?;
        let resources = page_dict
            .get_deref(b"Resources", document)
            .and_then(Object::as_dict)
            .ok();
        if let Some(resources) = resources {
            if let Ok(xobjects) = resources.get_deref(b"XObject", document) {
                let xobjects = xobjects.as_dict().map_err(|e| format!("xobjects: {e}"))?;
                let mut names: Vec<&Vec<u8>> = xobjects.iter().map(|(k, _)| k).collect();
                names.sort();
                for name in names {
                    let stream = xobjects
                        .get_deref(name, document)
                        .and_then(Object::as_stream)
                        .map_err(|e| format!("xobject: {e}"))?;
                    hash.update(&stream.content);
                }
            }
        }
    }
    Ok(hex::encode(hash.finalize()))
}

impl Form3059 {
    /// Reads `bytes` and checks that they are FK 3059 (016 F 003).
    pub fn recognise(bytes: &[u8]) -> Result<Form3059, BlankettError> {
        if !bytes.starts_with(b"%PDF-") {
            return Err(BlankettError::NotPdf);
        }
        let document = Document::load_mem(bytes).map_err(|_| BlankettError::NotPdf)?;
        if document.is_encrypted() {
            return Err(unknown("encrypted"));
        }
        let pages: Vec<ObjectId> = document.get_pages().into_values().collect();
        if pages.len() != PAGES {
            return Err(unknown(format!("{} pages", pages.len())));
        }
        for &page in &pages {
            let dict = document
                .get_dictionary(page)
                .map_err(|e| unknown(format!("page: {e}")))?;
            let media = dict
                .get_deref(b"MediaBox", &document)
                .and_then(Object::as_array)
                .map_err(|_| unknown("no MediaBox"))?;
            let values: Vec<f32> = media.iter().filter_map(number).collect();
            let size = match values.as_slice() {
                [x0, y0, x1, y1] => ((x1 - x0).abs(), (y1 - y0).abs()),
                _ => return Err(unknown("bad MediaBox")),
            };
            if (size.0 - PAGE_SIZE.0).abs() > 0.5 || (size.1 - PAGE_SIZE.1).abs() > 0.5 {
                return Err(unknown(format!("page size {} × {}", size.0, size.1)));
            }
        }
        let digest = content_digest(&document, &pages).map_err(unknown)?;
        if digest != CONTENT_DIGEST {
            return Err(unknown(format!("content digest {digest}")));
        }
        Ok(Form3059 {
            document,
            pages: [pages[0], pages[1], pages[2]],
        })
    }

    /// Where the form is kept in `data_dir`.
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join(FORM_FOLDER).join(FORM_FILE_NAME)
    }

    /// Checks `bytes` and keeps them in `data_dir` (written atomically). A refused file
    /// changes nothing.
    pub fn store(data_dir: &Path, bytes: &[u8]) -> crate::Result<Form3059> {
        let form = Form3059::recognise(bytes)?;
        let path = Form3059::path_in(data_dir);
        let folder = path.parent().unwrap_or(data_dir);
        crate::private_files::create_dir_all(folder)?;
        crate::private_files::write_atomically(&path, bytes)?;
        Ok(form)
    }

    /// The form kept in `data_dir`: [`BlankettError::Missing`] when there is none; a file
    /// that no longer checks out is refused as when it was picked.
    pub fn load(data_dir: &Path) -> crate::Result<Form3059> {
        match std::fs::read(Form3059::path_in(data_dir)) {
            Ok(bytes) => Ok(Form3059::recognise(&bytes)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(BlankettError::Missing.into())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Whether a form is kept in `data_dir` (not checked).
    pub fn is_stored(data_dir: &Path) -> bool {
        Form3059::path_in(data_dir).exists()
    }
}

/// A PDF of `pages` empty A4 pages (tests: a foreign file, and a stand-in form for tests that
/// do not look at FK's pages).
#[cfg(test)]
pub(crate) fn blank_pdf(pages: usize) -> Vec<u8> {
    use lopdf::{dictionary, Stream};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            let content = doc.add_object(Stream::new(lopdf::Dictionary::new(), b"".to_vec()));
            let page = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), PAGE_SIZE.0.into(), PAGE_SIZE.1.into()],
                "Contents" => content,
                "Resources" => dictionary! {},
            });
            Object::Reference(page)
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => pages as i64,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("a blank PDF");
    bytes
}

#[cfg(test)]
impl Form3059 {
    /// Three empty A4 pages taken as the form without the digest check: for tests of the
    /// report's life that do not look at FK's pages (they run without FK's files).
    pub(crate) fn stand_in() -> Form3059 {
        let document = Document::load_mem(&blank_pdf(PAGES)).expect("a blank PDF");
        let pages: Vec<ObjectId> = document.get_pages().into_values().collect();
        Form3059 {
            document,
            pages: [pages[0], pages[1], pages[2]],
        }
    }
}
