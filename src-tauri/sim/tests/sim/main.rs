//! Integration tests of the simulator, through its real listeners (one test binary).

mod bankid;
mod binary;
mod common;
mod elt;
mod erak;
mod faults;
#[path = "../../../../tests/support/fk_files.rs"]
mod fk_files;
