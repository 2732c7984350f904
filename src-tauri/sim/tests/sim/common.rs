//! Test support: a small HTTP/1.1 client over rustls (independent of the simulator's code),
//! identity-number helpers, and TEST DATA builders for the ELT document and envelope. None of
//! this is the simulator's API; it is written separately so that it checks the simulator.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use bytes::Bytes;
use chrono::{Datelike, NaiveDate};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use timbok_sim::{RunningSimulator, SimConfig, Simulator};

pub const ELT_NS: &str =
    "http://schema.forsakringskassan.se/integration/isassistansersattning/tidredovisning/1";
pub const SOAP_ACTION: &str =
    "\"urn:shs:emottagning:SkickaTidredovisningResponder:1:SkickaTidredovisning\"";

/// A started simulator and the temporary folder it keeps its files in.
pub struct TestSim {
    pub sim: RunningSimulator,
    pub dir: tempfile::TempDir,
    /// The ELT client (the test .p12 read once: decrypting it is slow in a debug build).
    pub elt_tls: Arc<ClientConfig>,
}

impl std::ops::Deref for TestSim {
    type Target = RunningSimulator;
    fn deref(&self) -> &RunningSimulator {
        &self.sim
    }
}

pub async fn start_with(configure: impl FnOnce(&mut SimConfig)) -> TestSim {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = SimConfig::new(dir.path());
    configure(&mut config);
    let sim = Simulator::start(config).await.expect("simulator starts");
    let elt_tls = elt_client(&sim);
    TestSim { sim, dir, elt_tls }
}

pub async fn start() -> TestSim {
    start_with(|_| {}).await
}

// ---------------------------------------------------------------------------------------------
// HTTP client

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: Bytes,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.text()))
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

pub fn roots_with(ca_der: &[u8]) -> RootCertStore {
    let mut roots = RootCertStore::empty();
    roots
        .add(CertificateDer::from(ca_der.to_vec()))
        .expect("CA");
    roots
}

/// A TLS client that trusts `roots` and shows `identity` (certificate chain, PKCS#8 key).
pub fn tls_config(
    roots: RootCertStore,
    identity: Option<(Vec<Vec<u8>>, Vec<u8>)>,
) -> Arc<ClientConfig> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots);
    let config = match identity {
        None => builder.with_no_client_auth(),
        Some((chain, key)) => builder
            .with_client_auth_cert(
                chain.into_iter().map(CertificateDer::from).collect(),
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
            )
            .expect("client identity"),
    };
    Arc::new(config)
}

/// Reads a .p12 the way the app will: p12-keystore, key as PKCS#8 DER, chain leaf first.
pub fn identity_from_p12(bytes: &[u8], passphrase: &str) -> (Vec<Vec<u8>>, Vec<u8>) {
    let store = p12_keystore::KeyStore::from_pkcs12(
        bytes,
        passphrase,
        p12_keystore::Pkcs12ImportPolicy::Strict,
    )
    .expect("p12 readable");
    let (_, chain) = store.private_key_chain().expect("a key with its chain");
    (
        chain.certs().iter().map(|c| c.as_der().to_vec()).collect(),
        chain.key().as_der().to_vec(),
    )
}

/// The ELT client of the tests: trusts the simulator's CA, shows its test .p12.
pub fn elt_client(sim: &RunningSimulator) -> Arc<ClientConfig> {
    let p12 = std::fs::read(sim.client_p12_path()).expect("p12 file");
    tls_config(
        roots_with(sim.ca_der()),
        Some(identity_from_p12(&p12, sim.client_p12_passphrase())),
    )
}

/// A client that trusts the simulator's CA and shows no certificate.
pub fn plain_tls(sim: &RunningSimulator) -> Arc<ClientConfig> {
    tls_config(roots_with(sim.ca_der()), None)
}

/// One request on a new connection. `tls` is required for https URLs.
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
    tls: Option<Arc<ClientConfig>>,
) -> Result<Resp, String> {
    let url = url::Url::parse(url).map_err(|e| e.to_string())?;
    let host = url.host_str().ok_or("no host")?.to_string();
    let port = url.port_or_known_default().ok_or("no port")?;
    let stream = tokio::net::TcpStream::connect((host.as_str(), port))
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    };
    let mut request = hyper::Request::builder().method(method).uri(path);
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        request = request.header("host", format!("{host}:{port}"));
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Full::new(body.into()))
        .map_err(|e| e.to_string())?;
    if url.scheme() == "https" {
        let config = tls.ok_or("https needs a TLS config")?;
        let name = ServerName::try_from(host.clone()).map_err(|e| e.to_string())?;
        let stream = tokio_rustls::TlsConnector::from(config)
            .connect(name, stream)
            .await
            .map_err(|e| format!("tls: {e}"))?;
        exchange(TokioIo::new(stream), request).await
    } else {
        exchange(TokioIo::new(stream), request).await
    }
}

async fn exchange<I>(io: TokioIo<I>, request: hyper::Request<Full<Bytes>>) -> Result<Resp, String>
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, conn) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|e| format!("handshake: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("request: {e:?}"))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("body: {e}"))?
        .to_bytes();
    Ok(Resp {
        status,
        headers,
        body,
    })
}

pub async fn with_timeout<T>(secs: f64, f: impl std::future::Future<Output = T>) -> Option<T> {
    tokio::time::timeout(Duration::from_secs_f64(secs), f)
        .await
        .ok()
}

pub async fn post_json(url: &str, body: &Value, tls: Option<Arc<ClientConfig>>) -> Resp {
    send(
        "POST",
        url,
        &[("content-type", "application/json")],
        body.to_string(),
        tls,
    )
    .await
    .expect("request")
}

// ---------------------------------------------------------------------------------------------
// Identity numbers (Luhn), test data only

pub fn luhn_digit(nine: &str) -> u32 {
    let sum: u32 = nine
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let v = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            if v > 9 {
                v - 9
            } else {
                v
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// A valid 12-digit number for this date (YYYYMMDD, day + 60 for a samordningsnummer) and
/// serial (3 digits).
pub fn pnr(date: &str, serial: &str) -> String {
    let ten_minus_one = format!("{}{}", &date[2..], serial);
    format!("{date}{serial}{}", luhn_digit(&ten_minus_one))
}

pub fn person() -> String {
    pnr("19850312", "238")
}
pub fn assistant() -> String {
    "191212121212".to_string()
}
pub fn employer() -> String {
    pnr("19600704", "113")
}
pub fn samordning() -> String {
    pnr("19900175", "016")
}

/// The month before the current one (Europe/Stockholm): a month that has ended.
pub fn last_month() -> (i32, u32) {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .date_naive();
    let first = today.with_day(1).unwrap();
    let prev = first.pred_opt().unwrap();
    (prev.year(), prev.month())
}

pub fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .date_naive()
}

// ---------------------------------------------------------------------------------------------
// ELT TEST DATA: a tidredovisning document and a SOAP envelope, written by hand in C14N form.

#[derive(Clone)]
pub struct Row {
    pub day: u32,
    pub from: String,
    pub to: String,
    /// 0 aktiv, 1 vänte, 2 beredskap.
    pub kind: usize,
}

pub fn row(day: u32, from: &str, to: &str, kind: usize) -> Row {
    Row {
        day,
        from: from.into(),
        to: to.into(),
        kind,
    }
}

#[derive(Clone)]
pub struct Report {
    pub id: String,
    pub year: i32,
    pub month: u32,
    pub person: String,
    pub assistant_element: &'static str,
    pub assistant: String,
    /// The person buys assistance from an anordnare (`assistansanordnare`) instead of
    /// employing the assistant (`anstalldAvPersonSomHarAssistans`).
    pub with_provider: bool,
    pub rows: Vec<Row>,
    /// Replaces the whole rapportRad list when set (for malformed-document tests).
    pub raw_rows: Option<String>,
}

impl Report {
    pub fn new() -> Report {
        let (year, month) = last_month();
        Report {
            id: uuid::Uuid::new_v4().to_string(),
            year,
            month,
            person: person(),
            assistant_element: "personnummer",
            assistant: assistant(),
            with_provider: false,
            rows: vec![
                row(1, "08.00", "12.00", 0),
                row(1, "22.00", "24.00", 2),
                row(2, "00.00", "07.00", 2),
                row(15, "13.30", "17.45", 1),
            ],
            raw_rows: None,
        }
    }

    fn last_day(&self) -> u32 {
        let next = if self.month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, self.month + 1, 1)
        };
        next.unwrap().pred_opt().unwrap().day()
    }

    pub fn xml(&self) -> String {
        let t = |name: &str, v: &str| format!("<{name}>{v}</{name}>");
        let mut s = format!("<Tidredovisning xmlns=\"{ELT_NS}\">");
        s += &t("id", &self.id);
        s += &t(
            "redovisningsmanad",
            &format!("{}-{:02}", self.year, self.month),
        );
        s += &format!(
            "<personSomHarAssistans>{}{}{}</personSomHarAssistans>",
            t("personnummer", &self.person),
            t("fornamn", "Alva"),
            t("efternamn", "Ek")
        );
        s += &format!(
            "<assistent>{}{}{}{}</assistent>",
            t(self.assistant_element, &self.assistant),
            t("fornamn", "Tolvan"),
            t("efternamn", "Tolvansson"),
            t("kollektivavtal", "true")
        );
        s += &format!(
            "<berakningsperiod>{}{}</berakningsperiod>",
            t("fromDag", &format!("{}-{:02}-01", self.year, self.month)),
            t(
                "tomDag",
                &format!("{}-{:02}-{:02}", self.year, self.month, self.last_day())
            )
        );
        if self.with_provider {
            s += &format!(
                "<assistansanordnare>{}{}{}{}{}</assistansanordnare>",
                t("anordnareNamn", "Assistans &amp; Omsorg AB"),
                t("organisationsnummer", "5560360793"),
                t("kontaktperson", "Kim Kontakt"),
                t("telefonnummer", "08-123 456"),
                t("assistentAnstalldAvAnordnare", "true"),
            );
        } else {
            s += &t("anstalldAvPersonSomHarAssistans", "true");
        }
        s += "<tidrapport>";
        match &self.raw_rows {
            Some(raw) => s += raw,
            None => {
                for r in &self.rows {
                    let kind = ["aktivTid", "vanteTid", "beredskapsTid"][r.kind];
                    s += &format!(
                        "<rapportRad>{}{}{}{}</rapportRad>",
                        t("dag", &format!("{:02}", r.day)),
                        t("fromTid", &r.from),
                        t("tomTid", &r.to),
                        t(kind, "true"),
                    );
                }
            }
        }
        s += "</tidrapport>";
        s += &t("telefonnummerAnordnare", "070-123 45 67");
        s += &t("telefonnummerAssistent", "+46 70 765 43 21");
        s += "</Tidredovisning>";
        s
    }
}

/// `<id>,<sha256 hex>` of a document's exact bytes: what both signers sign.
pub fn entry(id: &str, document: &[u8]) -> String {
    format!("{id},{}", hex::encode(Sha256::digest(document)))
}

pub struct Signed {
    pub signature: String,
    pub ocsp: String,
    pub completion: Value,
}

/// Makes a BankID order through the RP API, has the simulated app sign it as `signer`
/// (or the required person), and collects the completion data.
pub async fn bankid_sign(
    sim: &RunningSimulator,
    required: &str,
    signer: Option<&str>,
    non_visible: &str,
) -> Signed {
    let tls = plain_tls(sim);
    let order = post_json(
        &format!("{}/sign", sim.bankid_url()),
        &json!({
            "endUserIp": "127.0.0.1",
            "userVisibleData": B64.encode("Tidsredovisning för **oktober**"),
            "userVisibleDataFormat": "simpleMarkdownV1",
            "userNonVisibleData": B64.encode(non_visible),
            "requirement": { "personalNumber": required },
        }),
        Some(tls.clone()),
    )
    .await;
    assert_eq!(order.status, 200, "{}", order.text());
    let order_ref = order.json()["orderRef"].as_str().unwrap().to_string();
    sim.bankid_complete(&order_ref, signer).expect("complete");
    let collected = post_json(
        &format!("{}/collect", sim.bankid_url()),
        &json!({ "orderRef": order_ref }),
        Some(tls),
    )
    .await;
    let v = collected.json();
    assert_eq!(v["status"], "complete", "{v}");
    let completion = v["completionData"].clone();
    Signed {
        signature: completion["signature"].as_str().unwrap().to_string(),
        ocsp: completion["ocspResponse"].as_str().unwrap().to_string(),
        completion,
    }
}

pub fn envelope(document: &[u8], assistant: &Signed, employer: &Signed, date: NaiveDate) -> String {
    let d = date.format("%Y-%m-%d");
    let sig = |name: &str, s: &Signed| {
        format!(
            "<{name}><signature>{}</signature><ocspResponse>{}</ocspResponse><datumForSignatur>{d}</datumForSignatur></{name}>",
            s.signature, s.ocsp
        )
    };
    format!(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header/><soapenv:Body>\
         <SkickaTidredovisning xmlns=\"urn:shs:emottagning:SkickaTidredovisning:1\">\
         <tidredovisning xmlns:xmime=\"http://www.w3.org/2005/05/xmlmime\" xmime:contentType=\"application/xml\">{}</tidredovisning>\
         {}{}</SkickaTidredovisning></soapenv:Body></soapenv:Envelope>",
        B64.encode(document),
        sig("assistent-signatur", assistant),
        sig("anordnare-signatur", employer)
    )
}

/// Sign `document` by the assistant and the employer, as a correct client would.
pub async fn sign_both(
    sim: &RunningSimulator,
    report: &Report,
    document: &[u8],
) -> (Signed, Signed) {
    let e = entry(&report.id, document);
    let a = bankid_sign(sim, &report.assistant, None, &e).await;
    let b = bankid_sign(sim, &employer(), None, &e).await;
    (a, b)
}

pub async fn post_elt(sim: &TestSim, envelope: &str) -> Resp {
    send(
        "POST",
        sim.elt_url(),
        &[
            ("content-type", "text/xml; charset=utf-8"),
            ("soapaction", SOAP_ACTION),
        ],
        envelope.to_string(),
        Some(sim.elt_tls.clone()),
    )
    .await
    .expect("ELT answers")
}

/// The fault kind and message of a SOAP Fault answer.
pub fn fault_of(resp: &Resp) -> (String, String) {
    let text = resp.text();
    let kind = [
        "XmlValidationError",
        "SignatureValidationError",
        "RateLimitExceeded",
    ]
    .into_iter()
    .find(|k| text.contains(&format!("<{k} ")))
    .unwrap_or_else(|| panic!("no known fault in {text}"));
    let message = text
        .split("<message>")
        .nth(1)
        .and_then(|r| r.split("</message>").next())
        .unwrap_or("")
        .to_string();
    (kind.to_string(), message)
}

/// Waits out ELT's one-request-per-second rule.
pub async fn pace() {
    tokio::time::sleep(Duration::from_millis(1050)).await;
}
