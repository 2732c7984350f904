//! The monthly invoice (räkning): scenarios A–F, answers, validation (domain.md). Being built.
