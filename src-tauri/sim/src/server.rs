//! The listeners: accept loop, TLS (with the fault-aware certificate resolver), HTTP/1.1 through
//! hyper, the record of every request, and the injected faults.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use axum::Router;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use rustls::server::{ClientHello, ResolvesServerCert, WebPkiClientVerifier};
use rustls::sign::CertifiedKey;
use rustls::RootCertStore;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

use crate::error::{Result, SimError};
use crate::pki::Identity;
use crate::wire::{Fault, Received, Service};
use crate::Shared;

/// The largest request body the simulator reads.
pub(crate) const MAX_BODY: usize = 8 * 1024 * 1024;

/// When and in which order a request arrived; put in the request's extensions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arrival {
    pub instant: Instant,
    pub seq: u64,
}

/// Client certificates a TLS listener asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClientAuth {
    /// Refuse the handshake without a certificate issued by the simulator's CA.
    Required,
    /// Accept no certificate; a certificate that is shown must be issued by the simulator's CA.
    Optional,
}

/// Presents the valid server certificate, or the expired one when a test queued
/// [`Fault::ExpiredCertificate`] for this service.
#[derive(Debug)]
struct FaultyResolver {
    service: Service,
    valid: Arc<CertifiedKey>,
    expired: Arc<CertifiedKey>,
    shared: Arc<Shared>,
}

impl ResolvesServerCert for FaultyResolver {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        if self.shared.wire.take_expired(self.service) {
            tracing::info!(service = %self.service, "fault: presenting an expired certificate");
            Some(self.expired.clone())
        } else {
            Some(self.valid.clone())
        }
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Shared")
    }
}

fn certified(identity: &Identity) -> Result<Arc<CertifiedKey>> {
    let key = rustls::crypto::ring::sign::any_supported_type(&identity.key_der())?;
    Ok(Arc::new(CertifiedKey::new(
        vec![identity.cert_der.clone()],
        key,
    )))
}

/// The rustls server configuration of one TLS service.
pub(crate) fn tls_acceptor(
    shared: &Arc<Shared>,
    service: Service,
    auth: ClientAuth,
) -> Result<TlsAcceptor> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let ips = [shared.config.listen_ip];
    let valid = certified(&shared.pki.server_identity(&ips, false)?)?;
    let expired = certified(&shared.pki.server_identity(&ips, true)?)?;
    let mut roots = RootCertStore::empty();
    roots.add(shared.pki.ca_der.clone())?;
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone());
    let verifier = match auth {
        ClientAuth::Required => verifier.build(),
        ClientAuth::Optional => verifier.allow_unauthenticated().build(),
    }
    .map_err(|e| SimError::Certificate(e.to_string()))?;
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_client_cert_verifier(verifier)
        .with_cert_resolver(Arc::new(FaultyResolver {
            service,
            valid,
            expired,
            shared: shared.clone(),
        }));
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    // Every handshake is a full one, so an ExpiredCertificate fault is always seen.
    config.session_storage = Arc::new(rustls::server::NoServerSessionStorage {});
    config.send_tls13_tickets = 0;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Serves one service until shutdown.
pub(crate) async fn serve(
    listener: TcpListener,
    service: Service,
    tls: Option<TlsAcceptor>,
    router: Router,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let ctx = Connection {
                        service,
                        router: router.clone(),
                        shared: shared.clone(),
                        shutdown: shutdown.clone(),
                    };
                    let tls = tls.clone();
                    tokio::spawn(async move { ctx.run(stream, tls).await });
                }
                Err(e) => {
                    tracing::warn!(service = %service, error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
        }
    }
}

#[derive(Clone)]
struct Connection {
    service: Service,
    router: Router,
    shared: Arc<Shared>,
    shutdown: watch::Receiver<bool>,
}

/// The error that makes hyper close a connection without answering.
#[derive(Debug)]
struct NoAnswer;

impl std::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection closed without an answer (injected fault)")
    }
}

impl std::error::Error for NoAnswer {}

impl Connection {
    async fn run(self, stream: tokio::net::TcpStream, tls: Option<TlsAcceptor>) {
        match tls {
            None => self.http(TokioIo::new(stream), false).await,
            Some(acceptor) => {
                match tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream)).await {
                    Ok(Ok(tls_stream)) => {
                        let has_cert = tls_stream
                            .get_ref()
                            .1
                            .peer_certificates()
                            .is_some_and(|c| !c.is_empty());
                        self.http(TokioIo::new(tls_stream), has_cert).await;
                    }
                    Ok(Err(e)) => {
                        tracing::info!(service = %self.service, error = %e, "TLS handshake refused")
                    }
                    Err(_) => tracing::info!(service = %self.service, "TLS handshake timed out"),
                }
            }
        }
    }

    async fn http<I>(self, io: TokioIo<I>, client_cert: bool)
    where
        I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let mut shutdown = self.shutdown.clone();
        let ctx = self.clone();
        let svc = service_fn(move |req| ctx.clone().handle(req, client_cert));
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(hyper_util::rt::TokioTimer::new())
            .serve_connection(io, svc);
        tokio::select! {
            result = conn => {
                if let Err(e) = result {
                    tracing::debug!(service = %self.service, error = %e, "connection ended");
                }
            }
            _ = shutdown.changed() => {}
        }
    }

    async fn handle(
        self,
        req: Request<Incoming>,
        client_cert: bool,
    ) -> std::result::Result<Response<Full<Bytes>>, NoAnswer> {
        let instant = Instant::now();
        let received_at = SystemTime::now();
        let (mut parts, body) = req.into_parts();
        let body = match Limited::new(body, MAX_BODY).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(_) => {
                return Ok(plain(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Förfrågan är för stor.",
                ))
            }
        };
        let seq = self.shared.wire.record(Received {
            seq: 0,
            service: self.service,
            method: parts.method.to_string(),
            path: parts
                .uri
                .path_and_query()
                .map_or_else(|| parts.uri.path().to_string(), |p| p.to_string()),
            headers: parts
                .headers
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: body.clone(),
            received_at,
            received_instant: instant,
            client_certificate: client_cert,
            fault: None,
            status: None,
        });
        tracing::debug!(service = %self.service, method = %parts.method, path = parts.uri.path(), "request");
        let arrival = Arrival { instant, seq };

        // FK's own rate limit comes before anything a test injects: it is FK's logic.
        if self.service == Service::Elt {
            if let Some(response) =
                crate::elt::rate_gate(&self.shared, &parts, arrival.instant, arrival.seq)
            {
                let response = finish(response).await;
                self.shared
                    .wire
                    .set_outcome(seq, None, Some(response.status().as_u16()));
                return Ok(response);
            }
        }

        let fault = self.shared.wire.take_fault(self.service);
        if let Some(fault) = &fault {
            tracing::info!(service = %self.service, %fault, "injecting fault");
        }
        match fault {
            Some(Fault::ServerError(code)) => {
                let status =
                    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                self.shared
                    .wire
                    .set_outcome(seq, fault.clone(), Some(status.as_u16()));
                return Ok(plain(
                    status,
                    "Tjänsten har ett tillfälligt fel (simulerat).",
                ));
            }
            Some(Fault::RpError(code)) => {
                self.shared
                    .wire
                    .set_outcome(seq, fault.clone(), Some(code.status()));
                let body = serde_json::json!({
                    "errorCode": code.error_code(),
                    "details": "Simulated error answer.",
                })
                .to_string();
                let mut response = Response::new(Full::new(Bytes::from(body)));
                *response.status_mut() = StatusCode::from_u16(code.status())
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                response.headers_mut().insert(
                    hyper::header::CONTENT_TYPE,
                    hyper::header::HeaderValue::from_static("application/json"),
                );
                return Ok(response);
            }
            Some(Fault::DropConnection) => {
                self.shared.wire.set_outcome(seq, fault, None);
                return Err(NoAnswer);
            }
            Some(Fault::Slow(delay)) => {
                let mut shutdown = self.shutdown.clone();
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = shutdown.changed() => return Err(NoAnswer),
                }
            }
            _ => {}
        }

        parts.extensions.insert(arrival);
        let request = axum::http::Request::from_parts(parts, axum::body::Body::from(body));
        let response = match self.router.clone().oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        let response = finish(response).await;

        if fault == Some(Fault::TimeoutAfterStore) {
            self.shared.wire.set_outcome(seq, fault, None);
            let mut shutdown = self.shutdown.clone();
            tokio::select! {
                _ = tokio::time::sleep(self.shared.config.hang) => {}
                _ = shutdown.changed() => {}
            }
            return Err(NoAnswer);
        }
        self.shared
            .wire
            .set_outcome(seq, fault, Some(response.status().as_u16()));
        Ok(response)
    }
}

async fn finish(response: axum::response::Response) -> Response<Full<Bytes>> {
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => Bytes::new(),
    };
    Response::from_parts(parts, Full::new(bytes))
}

fn plain(status: StatusCode, text: &str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(text.to_string())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Binds the listener of one service.
pub(crate) async fn bind(addr: std::net::SocketAddr) -> Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| SimError::Bind { addr, source })
}
