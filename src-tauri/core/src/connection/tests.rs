//! The connection test against `timbok-sim` started in the test (a dev-dependency), so real
//! TLS, real mutual TLS and real HTTP answers are exercised.

use super::*;
use crate::credentials::MemorySecrets;
use crate::endpoints::EndpointsDraft;
use timbok_sim::{Fault, RunningSimulator, SimConfig, Simulator};

struct Setup {
    sim: RunningSimulator,
    target: Target,
    secrets: MemorySecrets,
    _dir: tempfile::TempDir,
}

const ENV: Environment = Environment::Demo;

fn endpoints_of(sim: &RunningSimulator) -> Endpoints {
    EndpointsDraft {
        erak_base_url: sim.erak_url().into(),
        erak_signing_origin: sim.erak_url().into(),
        erak_key_header: sim.erak_key_header().into(),
        elt_url: sim.elt_url().into(),
        bankid_base_url: sim.bankid_url().into(),
        supplier_name: "Testleverantören".into(),
        supplier_id: "test".into(),
    }
    .validate(ENV)
    .unwrap()
}

/// A simulator and a target that trusts only its CA, with all its credentials saved.
async fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let sim = Simulator::start(SimConfig::new(dir.path().join("sim")))
        .await
        .unwrap();
    let target = Target {
        environment: ENV,
        endpoints: endpoints_of(&sim),
        trust: Trust::only_pem(sim.ca_pem()).unwrap(),
    };
    let secrets = MemorySecrets::default();
    let p12 = std::fs::read(sim.client_p12_path()).unwrap();
    save(&secrets, Credential::EltClientP12, p12);
    save(
        &secrets,
        Credential::EltP12Passphrase,
        sim.client_p12_passphrase(),
    );
    save(&secrets, Credential::ErakKey, sim.erak_key());
    Setup {
        sim,
        target,
        secrets,
        _dir: dir,
    }
}

fn save(secrets: &MemorySecrets, credential: Credential, value: impl Into<Vec<u8>>) {
    secrets
        .set(ENV, credential, &SecretBytes::new(value))
        .unwrap();
}

fn by_service(checks: &[Check], service: Service) -> &Check {
    checks.iter().find(|c| c.service == service).unwrap()
}

#[tokio::test]
async fn all_three_pass_against_the_simulator() {
    let s = setup().await;
    let checks = test(&s.target, &s.secrets).await;
    assert_eq!(
        checks.iter().map(|c| c.service).collect::<Vec<_>>(),
        [Service::Erak, Service::Elt, Service::BankId]
    );
    for check in &checks {
        assert!(check.ok, "{check:?}");
    }
    let record = s.sim.record();
    let erak = record.requests(
        timbok_sim::Service::Erak,
        "GET",
        "/public/v1/status/timbok-anslutningstest",
    );
    assert_eq!(erak.len(), 1);
    assert_eq!(
        erak[0].header(s.sim.erak_key_header()),
        Some(s.sim.erak_key())
    );
    let elt: Vec<_> = record.of(timbok_sim::Service::Elt).collect();
    assert_eq!(elt.len(), 1);
    assert!(elt[0].client_certificate, "ELT saw the client certificate");
    assert_eq!(
        record
            .requests(timbok_sim::Service::BankId, "POST", "/rp/v6.0/collect")
            .len(),
        1
    );
}

#[tokio::test]
async fn a_wrong_erak_key_is_named() {
    let s = setup().await;
    save(&s.secrets, Credential::ErakKey, "inte-nyckeln");
    let checks = test(&s.target, &s.secrets).await;
    let erak = by_service(&checks, Service::Erak);
    assert!(!erak.ok);
    assert!(
        erak.message.to_string().contains("godtog inte nyckeln"),
        "{erak:?}"
    );
    assert!(!erak.message.to_string().contains("inte-nyckeln"));
    assert!(by_service(&checks, Service::Elt).ok);
}

#[tokio::test]
async fn missing_credentials_say_so_and_send_nothing() {
    let s = setup().await;
    let empty = MemorySecrets::default();
    let checks = test(&s.target, &empty).await;
    let erak = by_service(&checks, Service::Erak);
    let elt = by_service(&checks, Service::Elt);
    assert!(
        !erak.ok && erak.message.to_string().contains("saknas"),
        "{erak:?}"
    );
    assert!(
        !elt.ok && elt.message.to_string().contains("saknas"),
        "{elt:?}"
    );
    // BankID may go without an RP certificate (a supplier relay): it is still tested.
    assert!(by_service(&checks, Service::BankId).ok);
    let record = s.sim.record();
    assert_eq!(record.of(timbok_sim::Service::Erak).count(), 0);
    assert_eq!(record.of(timbok_sim::Service::Elt).count(), 0);

    // Half a pair is missing too; a wrong passphrase is named before any request.
    let half = MemorySecrets::default();
    half.set(
        ENV,
        Credential::EltClientP12,
        &s.secrets
            .get(ENV, Credential::EltClientP12)
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    let elt = test(&s.target, &half).await.remove(1);
    assert!(
        !elt.ok && elt.message.to_string().contains("Lösenordet"),
        "{elt:?}"
    );
    save(&half, Credential::EltP12Passphrase, "fel lösenord");
    let elt = test(&s.target, &half).await.remove(1);
    assert!(
        !elt.ok && elt.message.to_string().contains("öppnar inte"),
        "{elt:?}"
    );
    assert_eq!(s.sim.record().of(timbok_sim::Service::Elt).count(), 0);
}

#[tokio::test]
async fn elt_refuses_a_connection_without_a_client_certificate() {
    let s = setup().await;
    let roots = root_store(&s.target.trust);
    let check = elt_probe(&s.target.endpoints, &roots, None).await;
    assert!(!check.ok);
    assert!(
        check
            .message
            .to_string()
            .contains("godtog inte certifikatet"),
        "{check:?}"
    );
}

#[tokio::test]
async fn elt_refuses_a_certificate_from_another_ca() {
    let s = setup().await;
    // Another CA, and a client certificate from it, in a .p12.
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Någon annans CA");
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let ca = rcgen::Issuer::new(ca_params, ca_key);
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Fel leverantör");
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
    let cert = params.signed_by(&key, &ca).unwrap();
    let p12 =
        crate::pkcs12::tests::p12_of(cert.der(), &key.serialize_der(), &[ca_cert.der()], "annat");
    save(&s.secrets, Credential::EltClientP12, p12);
    save(&s.secrets, Credential::EltP12Passphrase, "annat");

    let elt = test(&s.target, &s.secrets).await.remove(1);
    assert!(!elt.ok);
    assert!(
        elt.message.to_string().contains("godtog inte certifikatet"),
        "{elt:?}"
    );
}

#[tokio::test]
async fn a_second_certificate_from_the_simulator_ca_is_accepted() {
    let s = setup().await;
    let p12 = s.sim.issue_client_p12("nytt lösen").unwrap();
    save(&s.secrets, Credential::EltClientP12, p12);
    save(&s.secrets, Credential::EltP12Passphrase, "nytt lösen");
    assert!(test(&s.target, &s.secrets).await[1].ok);
}

#[tokio::test]
async fn an_unreachable_port_is_reported_for_every_service() {
    let s = setup().await;
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let closed = format!("127.0.0.1:{port}");
    let mut target = s.target.clone();
    target.endpoints.erak_base_url = format!("http://{closed}");
    target.endpoints.elt_url = format!("https://{closed}/elt");
    target.endpoints.bankid_base_url = format!("https://{closed}/rp/v6.0");
    let started = std::time::Instant::now();
    let checks = test(&target, &s.secrets).await;
    assert!(started.elapsed() < TIMEOUT);
    for check in &checks {
        assert!(!check.ok, "{check:?}");
        assert!(
            check.message.to_string().contains("gick inte att nå"),
            "{check:?}"
        );
    }
}

#[tokio::test]
async fn server_certificates_are_always_verified() {
    let s = setup().await;
    // The simulator's CA is not in the OS trust store: nothing is trusted by accident.
    let mut target = s.target.clone();
    target.trust = Trust::System;
    let checks = test(&target, &s.secrets).await;
    for service in [Service::Elt, Service::BankId] {
        let check = by_service(&checks, service);
        assert!(!check.ok, "{check:?}");
        assert!(
            check.message.to_string().contains("certifikat"),
            "{check:?}"
        );
    }
    // An expired server certificate, from the right CA, is refused too.
    s.sim
        .set_fault(timbok_sim::Service::Elt, Fault::ExpiredCertificate)
        .unwrap();
    let elt = test(&s.target, &s.secrets).await.remove(1);
    assert!(!elt.ok);
    assert!(
        elt.message.to_string().contains("inte går att lita på"),
        "{elt:?}"
    );
}

#[tokio::test]
async fn a_server_error_and_a_foreign_answer_are_not_passes() {
    let s = setup().await;
    s.sim
        .set_fault(timbok_sim::Service::Erak, Fault::ServerError(503))
        .unwrap();
    let erak = test(&s.target, &s.secrets).await.remove(0);
    assert!(
        !erak.ok && erak.message.to_string().contains("503"),
        "{erak:?}"
    );

    let mut target = s.target.clone();
    // The E-RÄK listener does not speak BankID's JSON errors.
    target.endpoints.bankid_base_url = s.target.endpoints.erak_base_url.clone();
    let checks = test(&target, &s.secrets).await;
    let bankid = by_service(&checks, Service::BankId);
    assert!(
        !bankid.ok && bankid.message.to_string().contains("inte som BankID"),
        "{bankid:?}"
    );
}

#[test]
fn trust_needs_a_certificate() {
    assert!(Trust::only_pem("inget här").is_err());
    assert!(format!("{:?}", Trust::System).contains("System"));
}

#[test]
fn loopback_addresses_skip_proxies() {
    assert!(is_loopback("https://127.0.0.1:4000/elt"));
    assert!(is_loopback("http://localhost/"));
    assert!(is_loopback("https://[::1]:8/"));
    assert!(!is_loopback("https://elt.example.se/"));
}
