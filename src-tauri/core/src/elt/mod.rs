//! ELT: the tidredovisning document, the SOAP envelope and client (elt.md). Being built.
