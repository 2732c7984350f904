//! E-RÄK: the assumed wire contract and client (erak.md). Being built.
