//! The loopback listener for E-RÄK return link and signal (erak.md). Being built.
