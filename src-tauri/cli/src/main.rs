fn main() {
    eprintln!("timbok-cli: inga kommandon ännu.");
    std::process::exit(2);
}
