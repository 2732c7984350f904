fn main() {
    eprintln!("timbok-sim: simulatorn är inte byggd ännu.");
    std::process::exit(2);
}
