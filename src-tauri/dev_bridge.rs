//! `timbok-dev-bridge`: development only. Serves the app's real commands to the UI running in a
//! normal browser (`npm run dev`, hot reload), so the browser talks to the real core instead of
//! a copy of it. Built only with `--features dev-bridge` (`required-features`), never by
//! `tauri build`.
//!
//! The app runs on Tauri's mock runtime with the real `invoke_handler()`, state and
//! capability, in demo mode on a fresh temporary data folder (removed at exit); database keys
//! and credentials live in memory, never in this computer's keyring.
//!
//! `POST /invoke/<command>` with the command's JSON arguments answers `200` with the reply or
//! `400` with the IPC error `{code, message, field}`. It listens on 127.0.0.1 only, answers only
//! the Vite dev origin (`--origin`, CORS) and only with `Authorization: Bearer <token>`, a
//! random token per start. The first line on stdout is `{"url": …, "token": …}`, which
//! `ui/scripts/dev.mjs` passes to Vite.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;
use tauri::WebviewWindow;
use timbok_core::credentials::{MemoryKeyring, MemorySecrets};
use timbok_core::settings::Environment;

/// Vite's dev server (ui/vite.config.ts).
const DEFAULT_ORIGIN: &str = "http://localhost:5173";

/// The page the commands are invoked from: the app's own, which the capability allows.
const APP_URL: &str = "tauri://localhost";

/// The app on the mock runtime, on its own data folder.
struct DevApp {
    webview: WebviewWindow<MockRuntime>,
    /// Kept alive while the bridge serves (`App` is `Send` but not `Sync`).
    _app: std::sync::Mutex<tauri::App<MockRuntime>>,
    _dir: tempfile::TempDir,
}

impl DevApp {
    /// Demo mode on a fresh data folder; every key in memory.
    fn start() -> DevApp {
        let dir = tempfile::Builder::new()
            .prefix("timbok-dev-bridge-")
            .tempdir()
            .expect("a temporary data folder");
        timbok_core::Installation::new(dir.path())
            .set_environment(Environment::Demo)
            .expect("demo mode");
        timbok_core::store::DatabaseKeys::use_for_process(Arc::new(MemoryKeyring::default()));
        let state = timbok_app::state::AppState::with_secrets(
            dir.path(),
            Arc::new(MemorySecrets::default()),
        );
        state.set_documents_dir(dir.path().join("documents"));
        let app = mock_builder()
            .manage(state)
            .invoke_handler(timbok_app::invoke_handler())
            .build(tauri::generate_context!())
            .expect("the app on the mock runtime");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("the main window");
        DevApp {
            webview,
            _app: std::sync::Mutex::new(app),
            _dir: dir,
        }
    }

    /// `invoke(command, args)` as the web view would call it; `Err` is the rejection.
    fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: command.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: APP_URL.parse().expect("the app's URL"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request).map(|body| {
            body.deserialize::<Value>()
                .unwrap_or_else(|e| Value::String(format!("unreadable reply: {e}")))
        })
    }
}

/// Who may call: the one origin, with the one token, through the one address.
struct Gate {
    origin: String,
    token: String,
    port: u16,
}

impl Gate {
    fn origin_allowed(&self, headers: &HeaderMap) -> bool {
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) == Some(self.origin.as_str())
    }

    /// Only `127.0.0.1:PORT` or `localhost:PORT` (no DNS rebinding).
    fn host_allowed(&self, headers: &HeaderMap) -> bool {
        let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
            return false;
        };
        host == format!("127.0.0.1:{}", self.port) || host == format!("localhost:{}", self.port)
    }

    fn token_allowed(&self, headers: &HeaderMap) -> bool {
        let Some(given) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        else {
            return false;
        };
        // Compared in constant time.
        given.len() == self.token.len()
            && given
                .bytes()
                .zip(self.token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    fn cors(&self, mut response: Response) -> Response {
        let headers = response.headers_mut();
        if let Ok(origin) = HeaderValue::from_str(&self.origin) {
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
        response
    }
}

struct Bridge {
    app: DevApp,
    gate: Gate,
}

fn refuse(status: StatusCode, why: &'static str) -> Response {
    (status, why).into_response()
}

/// The CORS preflight: answered for the dev origin only.
async fn preflight(State(bridge): State<Arc<Bridge>>, headers: HeaderMap) -> Response {
    let gate = &bridge.gate;
    if !gate.host_allowed(&headers) {
        return refuse(StatusCode::MISDIRECTED_REQUEST, "wrong host");
    }
    if !gate.origin_allowed(&headers) {
        return refuse(StatusCode::FORBIDDEN, "origin not allowed");
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let answer = response.headers_mut();
    answer.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST"),
    );
    answer.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("authorization, content-type"),
    );
    answer.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    gate.cors(response)
}

async fn invoke(
    State(bridge): State<Arc<Bridge>>,
    Path(command): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let gate = &bridge.gate;
    if !gate.host_allowed(&headers) {
        return refuse(StatusCode::MISDIRECTED_REQUEST, "wrong host");
    }
    if !gate.origin_allowed(&headers) {
        return refuse(StatusCode::FORBIDDEN, "origin not allowed");
    }
    if !gate.token_allowed(&headers) {
        return gate.cors(refuse(StatusCode::UNAUTHORIZED, "wrong token"));
    }
    if !timbok_app::COMMANDS.contains(&command.as_str()) {
        return gate.cors(refuse(StatusCode::NOT_FOUND, "no such command"));
    }
    let args: Value = if body.is_empty() {
        Value::Object(Default::default())
    } else {
        match serde_json::from_slice(&body) {
            Ok(args) => args,
            Err(_) => return gate.cors(refuse(StatusCode::BAD_REQUEST, "arguments are not JSON")),
        }
    };
    let app = bridge.clone();
    // `get_ipc_response` waits for the command (async ones run on Tauri's runtime).
    let reply = tokio::task::spawn_blocking(move || app.app.invoke(&command, args)).await;
    let response = match reply {
        Ok(Ok(value)) => (StatusCode::OK, axum::Json(value)).into_response(),
        Ok(Err(error)) => (StatusCode::BAD_REQUEST, axum::Json(error)).into_response(),
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, "the command panicked"),
    };
    gate.cors(response)
}

fn router(bridge: Arc<Bridge>) -> Router {
    Router::new()
        .route(
            "/invoke/{command}",
            post(invoke).on(axum::routing::MethodFilter::OPTIONS, preflight),
        )
        .with_state(bridge)
}

/// Binds 127.0.0.1 (never another interface) on `port` (0: one the OS picks).
async fn bind(port: u16) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await
}

/// A random 256-bit token, hex.
fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS's random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Options {
    origin: String,
    port: u16,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        origin: DEFAULT_ORIGIN.to_string(),
        port: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--origin" => options.origin = value,
            "--port" => options.port = value.parse().map_err(|_| format!("--port {value}"))?,
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    Ok(options)
}

async fn start(options: Options) -> std::io::Result<(tokio::net::TcpListener, Arc<Bridge>)> {
    let listener = bind(options.port).await?;
    let port = listener.local_addr()?.port();
    let app = tokio::task::spawn_blocking(DevApp::start)
        .await
        .expect("the app started");
    let bridge = Arc::new(Bridge {
        app,
        gate: Gate {
            origin: options.origin,
            token: new_token(),
            port,
        },
    });
    Ok((listener, bridge))
}

#[tokio::main]
async fn main() {
    timbok_app::state::init_logging();
    let options = match options() {
        Ok(options) => options,
        Err(problem) => {
            eprintln!(
                "timbok-dev-bridge: {problem}\nusage: timbok-dev-bridge [--origin URL] [--port N]"
            );
            std::process::exit(2);
        }
    };
    let (listener, bridge) = start(options).await.expect("the bridge's port");
    let address = listener.local_addr().expect("the bridge's address");
    println!(
        "{}",
        serde_json::json!({"url": format!("http://{address}"), "token": bridge.gate.token})
    );
    axum::serve(listener, router(bridge.clone()))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .expect("the bridge serves");
    // The demo's in-app simulator stops; the data folder goes with `bridge`.
    let state = bridge.app.webview.state::<timbok_app::state::AppState>();
    state.stop_simulator().await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const ORIGIN: &str = "http://localhost:5173";

    async fn started() -> (SocketAddr, String) {
        let (listener, bridge) = start(Options {
            origin: ORIGIN.into(),
            port: 0,
        })
        .await
        .unwrap();
        let address = listener.local_addr().unwrap();
        let token = bridge.gate.token.clone();
        tokio::spawn(async move { axum::serve(listener, router(bridge)).await });
        (address, token)
    }

    /// One HTTP/1.1 request; the status and the body.
    async fn request(address: SocketAddr, text: String) -> (u16, String) {
        let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
        stream.write_all(text.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        let status = answer[9..12].parse().unwrap();
        let body = answer
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    fn post(address: SocketAddr, command: &str, origin: &str, token: &str, args: &str) -> String {
        format!(
            "POST /invoke/{command} HTTP/1.1\r\nHost: {address}\r\nOrigin: {origin}\r\n\
             Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{args}",
            args.len()
        )
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn the_bridge_serves_the_real_commands_to_the_dev_origin_only() {
        let (address, token) = started().await;

        // A round trip through the real command: demo mode, its sample household.
        let (status, body) = request(address, post(address, "app_info", ORIGIN, &token, "")).await;
        assert_eq!(status, 200, "{body}");
        let info: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(info["environment"], "demo", "{info}");
        let (status, body) = request(
            address,
            post(
                address,
                "get_month",
                ORIGIN,
                &token,
                r#"{"month":"oktober"}"#,
            ),
        )
        .await;
        assert_eq!(status, 400, "{body}");
        let error: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(error["code"], "invalid_input");
        assert_eq!(error["field"], "month");

        // The preflight names the dev origin.
        let preflight = format!(
            "OPTIONS /invoke/app_info HTTP/1.1\r\nHost: {address}\r\nOrigin: {ORIGIN}\r\n\
             Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n"
        );
        let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
        stream.write_all(preflight.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 204"), "{answer}");
        assert!(
            answer
                .to_lowercase()
                .contains(&format!("access-control-allow-origin: {ORIGIN}")),
            "{answer}"
        );

        // Another origin, a wrong or missing token, another Host, an unknown command.
        let other = "http://evil.example";
        assert_eq!(
            request(address, post(address, "app_info", other, &token, ""))
                .await
                .0,
            403
        );
        let preflight_other = preflight.replace(ORIGIN, other);
        assert_eq!(request(address, preflight_other).await.0, 403);
        let wrong = "0".repeat(token.len());
        assert_eq!(
            request(address, post(address, "app_info", ORIGIN, &wrong, ""))
                .await
                .0,
            401
        );
        assert_eq!(
            request(address, post(address, "app_info", ORIGIN, "", ""))
                .await
                .0,
            401
        );
        let rebound = post(address, "app_info", ORIGIN, &token, "")
            .replace(&format!("Host: {address}"), "Host: evil.example");
        assert_eq!(request(address, rebound).await.0, 421);
        assert_eq!(
            request(address, post(address, "rm_rf", ORIGIN, &token, ""))
                .await
                .0,
            404
        );
    }

    #[tokio::test]
    async fn the_bridge_listens_on_loopback_only() {
        let listener = bind(0).await.unwrap();
        let address = listener.local_addr().unwrap();
        assert_eq!(address.ip(), std::net::IpAddr::from(Ipv4Addr::LOCALHOST));
        // This computer's address on its network (if it has one) does not reach it.
        let probe = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
        if probe.connect("192.0.2.1:9").is_ok() {
            let own = probe.local_addr().unwrap().ip();
            if !own.is_loopback() && !own.is_unspecified() {
                let refused =
                    tokio::net::TcpStream::connect(SocketAddr::new(own, address.port())).await;
                assert!(refused.is_err(), "reachable at {own}");
            }
        }
    }

    #[test]
    fn tokens_are_random_and_256_bits() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
