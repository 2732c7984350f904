//! Integration tests of the simulator, through its real listeners (one test binary).

mod bankid;
mod binary;
mod common;
mod elt;
mod erak;
mod faults;
