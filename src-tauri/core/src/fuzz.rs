//! Test support for the parsers' fuzz tests (proptest): how many inputs to try, and inputs that
//! are either random bytes or structure-aware mutations of a golden fixture.
//!
//! Each parser's fuzz test lives next to the parser (import, SOAP reply, E-RÄK reply, BankID
//! answers, the listener's requests) and asserts that no input panics. The number of inputs is
//! `TIMBOK_FUZZ_CASES` (default [`DEFAULT_CASES`], so the normal test run stays quick):
//!
//! ```sh
//! TIMBOK_FUZZ_CASES=100000 cargo test --release -p timbok-core fuzz_
//! ```
//!
//! A failing input is shrunk and kept by proptest in `src-tauri/core/proptest-regressions/`
//! (checked in): it runs first every time after, so a fixed panic stays fixed.

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

/// Inputs per parser in a normal test run.
pub const DEFAULT_CASES: u32 = 2_000;

/// Inputs per parser: `TIMBOK_FUZZ_CASES`, else [`DEFAULT_CASES`].
pub fn cases() -> u32 {
    std::env::var("TIMBOK_FUZZ_CASES")
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// proptest's configuration for a fuzz test: [`cases`] inputs, failures kept next to the
/// source, shrinking bounded so a failure is reported in seconds.
pub fn config() -> Config {
    Config {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

/// Pieces that break parsers: markup, quoting, escapes, huge numbers, Unicode look-alikes,
/// control characters, very long runs.
const DICTIONARY: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    ";",
    "=",
    "&",
    "?",
    "#",
    "%",
    "\\",
    "\\u0000",
    "\\ud800",
    "&#0;",
    "&#x10FFFF;",
    "&#xD800;",
    "&amp;",
    "&lt;",
    "&unknown;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE x [<!ENTITY a \"b\">]>",
    "xmlns=\"\"",
    "xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"",
    "soap:",
    "\u{0}",
    "\r\n",
    "\n",
    "\t",
    " ",
    "\u{a0}",
    "\u{2013}",
    "\u{ff11}",
    "\u{feff}",
    "\u{202e}",
    "å",
    "😀",
    "\u{fffd}",
    "null",
    "true",
    "false",
    "-1",
    "0",
    "1e999",
    "-0.0",
    "99999999999999999999999",
    "18446744073709551616",
    "2147483648",
    "24:00",
    "25:61",
    "0000-00-00",
    "9999-12-31T23:59",
    "1970-01-01",
    "2024-02-29",
    "2023-02-29",
    "T",
    "Z",
    "+01:00",
    "191212121212",
    "19121212-1212",
    "000000000000",
    "%00",
    "%ff",
    "%",
    "+",
    "state=",
    "fingerprint=",
    "status=",
    "&state=",
    "?",
    "Host",
    "content-type",
    "application/json",
];

/// One mutation of a byte string.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Flip bits of the byte at (position modulo length).
    Flip(usize, u8),
    /// Insert bytes at a position.
    Insert(usize, Vec<u8>),
    /// Insert a dictionary piece at a position.
    Piece(usize, usize),
    /// Remove a range (start, length).
    Remove(usize, usize),
    /// Copy a range (start, length) to a position.
    Duplicate(usize, usize, usize),
    /// Repeat a range (start, length) n times in place (deep nesting, long runs).
    Repeat(usize, usize, u16),
    /// Cut the input at a position.
    Truncate(usize),
}

fn apply(input: &mut Vec<u8>, mutation: &Mutation) {
    let at = |pos: usize, len: usize| if len == 0 { 0 } else { pos % (len + 1) };
    let span = |input: &Vec<u8>, start: usize, length: usize| {
        let start = at(start, input.len());
        let end = (start + length % 64).min(input.len());
        (start, end)
    };
    match mutation {
        Mutation::Flip(pos, bits) => {
            if !input.is_empty() {
                let i = pos % input.len();
                input[i] ^= bits | 1;
            }
        }
        Mutation::Insert(pos, bytes) => {
            let i = at(*pos, input.len());
            input.splice(i..i, bytes.iter().copied());
        }
        Mutation::Piece(pos, piece) => {
            let i = at(*pos, input.len());
            let piece = DICTIONARY[piece % DICTIONARY.len()].as_bytes();
            input.splice(i..i, piece.iter().copied());
        }
        Mutation::Remove(start, length) => {
            let (start, end) = span(input, *start, *length);
            input.drain(start..end);
        }
        Mutation::Duplicate(start, length, to) => {
            let (start, end) = span(input, *start, *length);
            let copy = input[start..end].to_vec();
            let i = at(*to, input.len());
            input.splice(i..i, copy);
        }
        Mutation::Repeat(start, length, times) => {
            let (start, end) = span(input, *start, *length);
            let copy = input[start..end].to_vec();
            let times = usize::from(*times % 100);
            let mut repeated = Vec::with_capacity(copy.len() * times);
            for _ in 0..times {
                repeated.extend_from_slice(&copy);
            }
            input.splice(start..start, repeated);
        }
        Mutation::Truncate(pos) => {
            let i = at(*pos, input.len());
            input.truncate(i);
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Flip(p, b)),
        2 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(p, b)| Mutation::Insert(p, b)),
        4 => (any::<usize>(), any::<usize>()).prop_map(|(p, i)| Mutation::Piece(p, i)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(s, l)| Mutation::Remove(s, l)),
        2 => (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(s, l, t)| Mutation::Duplicate(s, l, t)),
        1 => (any::<usize>(), any::<usize>(), any::<u16>())
            .prop_map(|(s, l, n)| Mutation::Repeat(s, l, n)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// Random bytes (up to 2 KiB), or random text made of dictionary pieces and characters.
pub fn random_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2048),
        proptest::collection::vec(
            prop_oneof![
                (0..DICTIONARY.len()).prop_map(|i| DICTIONARY[i].to_string()),
                any::<char>().prop_map(String::from),
                "[a-zA-Z0-9 ._-]{1,12}",
            ],
            0..64
        )
        .prop_map(|pieces| pieces.concat().into_bytes()),
    ]
}

/// One of `fixtures` with 1–8 mutations applied.
pub fn mutated(fixtures: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let count = fixtures.len();
    (0..count, proptest::collection::vec(mutation(), 1..8)).prop_map(move |(i, mutations)| {
        let mut input = fixtures[i].clone();
        for m in &mutations {
            apply(&mut input, m);
        }
        input
    })
}

/// Half random bytes, half mutated fixtures.
pub fn input(fixtures: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![1 => random_bytes(), 3 => mutated(fixtures)]
}

/// The files of `tests/fixtures/<folder>/` whose names end with `suffix`.
pub fn fixtures(folder: &str, suffix: &str) -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(folder);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    names.sort();
    let files: Vec<Vec<u8>> = names.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    assert!(
        !files.is_empty(),
        "no {suffix} fixtures in {}",
        dir.display()
    );
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_stay_in_bounds_and_change_the_input() {
        let mut input = b"<a>b</a>".to_vec();
        for m in [
            Mutation::Flip(100, 0),
            Mutation::Insert(3, vec![1, 2]),
            Mutation::Piece(0, 7),
            Mutation::Remove(1000, 1000),
            Mutation::Duplicate(2, 3, 99),
            Mutation::Repeat(0, 3, 5),
            Mutation::Truncate(9_999),
        ] {
            apply(&mut input, &m);
            assert!(input.len() < 100_000, "{m:?}");
        }
        assert_ne!(input, b"<a>b</a>".to_vec());
        let mut empty = Vec::new();
        apply(&mut empty, &Mutation::Flip(3, 1));
        apply(&mut empty, &Mutation::Remove(3, 1));
        assert!(empty.is_empty());
    }

    #[test]
    fn the_case_count_comes_from_the_environment_or_the_default() {
        // The variable is not set by the normal test run; when it is, it is a number.
        match std::env::var("TIMBOK_FUZZ_CASES") {
            Ok(n) => assert_eq!(cases(), n.trim().parse::<u32>().unwrap_or(DEFAULT_CASES)),
            Err(_) => assert_eq!(cases(), DEFAULT_CASES),
        }
    }
}
