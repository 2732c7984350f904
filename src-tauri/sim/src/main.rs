//! `timbok-sim`: FK's E-RÄK and ELT and the BankID RP API on loopback, standalone.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use timbok_sim::{Ports, SimConfig, Simulator};

/// Simulates Försäkringskassan's E-RÄK (invoice) and ELT (time report) services and the
/// BankID RP API v6.0 on loopback, for testing Timbok or another supplier's system offline.
///
/// The FIRST line on standard output is one JSON object with the base URLs of the services,
/// the path of the simulator's CA certificate (PEM; trust it only for testing), the path and
/// passphrase of a test client certificate (.p12) that ELT accepts, and the E-RÄK key and its
/// header. Logs go to standard error (RUST_LOG sets the level). Then it serves until it is
/// stopped (Ctrl-C or SIGTERM). Nothing is ever sent to Försäkringskassan or BankID.
#[derive(Parser, Debug)]
#[command(name = "timbok-sim", version)]
struct Args {
    /// Address to listen on; loopback only. Port 0: every service gets a free port chosen by
    /// the OS. Port P: E-RÄK on P, ELT on P+1, BankID on P+2, the BankID app page on P+3.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,

    /// Folder for the CA, keys and the test client .p12 (kept and reused). Default: a new
    /// temporary folder, removed when the simulator stops.
    #[arg(long)]
    data: Option<PathBuf>,

    /// The E-RÄK key to accept. Default: a random one, printed on the first line.
    #[arg(long)]
    erak_key: Option<String>,

    /// The header that carries the E-RÄK key.
    #[arg(long, default_value = "X-Erak-Key")]
    erak_key_header: String,

    /// Passphrase of the test client .p12. Default: a random one, printed on the first line.
    #[arg(long)]
    p12_passphrase: Option<String>,

    /// Path of the ELT SOAP endpoint.
    #[arg(long, default_value = "/elt")]
    elt_path: String,

    /// Complete every BankID order by itself, as the requested person, after a few seconds.
    #[arg(long)]
    auto_complete: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    if !args.listen.ip().is_loopback() {
        eprintln!(
            "timbok-sim: {} är inte en loopback-adress. Simulatorn lyssnar bara på 127.0.0.1 eller ::1.",
            args.listen.ip()
        );
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("timbok-sim: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(args))
}

async fn run(args: Args) -> ExitCode {
    let temp;
    let data_dir = match args.data {
        Some(dir) => dir,
        None => match tempfile::Builder::new().prefix("timbok-sim-").tempdir() {
            Ok(dir) => {
                temp = dir;
                temp.path().to_path_buf()
            }
            Err(e) => {
                eprintln!("timbok-sim: kan inte skapa en tillfällig mapp: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let mut config = SimConfig::new(data_dir);
    config.listen_ip = args.listen.ip();
    let port = args.listen.port();
    if port != 0 {
        let Some(last) = port.checked_add(3) else {
            eprintln!("timbok-sim: porten är för hög; tjänsterna använder P till P+3.");
            return ExitCode::from(2);
        };
        config.ports = Ports {
            erak: port,
            elt: port + 1,
            bankid: port + 2,
            bankid_app: last,
        };
    }
    if let Some(key) = args.erak_key {
        config.erak_key = key;
    }
    config.erak_key_header = args.erak_key_header;
    if let Some(passphrase) = args.p12_passphrase {
        config.client_p12_passphrase = passphrase;
    }
    config.elt_path = args.elt_path;
    config.bankid_auto_complete = args.auto_complete;

    let sim = match Simulator::start(config).await {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("timbok-sim: kunde inte starta: {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", sim.info_json());
        let _ = out.flush();
    }
    wait_for_stop().await;
    tracing::info!("stopping");
    sim.shutdown().await;
    ExitCode::SUCCESS
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
