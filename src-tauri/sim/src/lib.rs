//! `timbok-sim`: Försäkringskassan's E-RÄK and ELT services and the BankID RP API, simulated on
//! loopback. Filled by the simulator issue; for now the crate only builds.
