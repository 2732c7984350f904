//! ELT: mutual TLS, the envelope, the document, the signatures, the rate.

use crate::common::*;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use timbok_sim::Service;

#[tokio::test]
async fn a_correct_signed_report_gets_a_tx_id() {
    let sim = start().await;
    let report = Report::new();
    let document = report.xml().into_bytes();
    let (a, e) = sign_both(&sim, &report, &document).await;
    let resp = post_elt(&sim, &envelope(&document, &a, &e, today())).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert_eq!(
        resp.header("content-type").as_deref(),
        Some("text/xml; charset=utf-8")
    );
    let text = resp.text();
    let tx_id = text
        .split("<tx-id>")
        .nth(1)
        .unwrap()
        .split("</tx-id>")
        .next()
        .unwrap();
    assert!(uuid::Uuid::parse_str(tx_id).is_ok(), "{text}");
    assert!(text.contains(
        "SkickaTidredovisningResponse xmlns=\"urn:shs:emottagning:SkickaTidredovisning:1\""
    ));
    let reports = sim.elt_reports();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].tx_id, tx_id);
    assert_eq!(reports[0].report_id, report.id);
    assert_eq!(&reports[0].document[..], &document[..]);
    let received = sim
        .record()
        .requests(Service::Elt, "POST", "/elt")
        .into_iter()
        .cloned()
        .collect::<Vec<_>>();
    assert_eq!(received.len(), 1);
    assert!(received[0].client_certificate);
    assert_eq!(received[0].header("SOAPAction"), Some(SOAP_ACTION));
}

#[tokio::test]
async fn the_employer_may_sign_several_reports_at_once() {
    let sim = start().await;
    let report = Report::new();
    let other = Report::new();
    let document = report.xml().into_bytes();
    let other_doc = other.xml().into_bytes();
    let joined = format!(
        "{};{}",
        entry(&other.id, &other_doc),
        entry(&report.id, &document)
    );
    let a = bankid_sign(&sim, &report.assistant, None, &entry(&report.id, &document)).await;
    let e = bankid_sign(&sim, &employer(), None, &joined).await;
    let resp = post_elt(&sim, &envelope(&document, &a, &e, today())).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
}

#[tokio::test]
async fn a_report_with_a_provider_is_accepted() {
    let sim = start().await;
    let mut report = Report::new();
    report.with_provider = true;
    let document = report.xml().into_bytes();
    let (a, e) = sign_both(&sim, &report, &document).await;
    let resp = post_elt(&sim, &envelope(&document, &a, &e, today())).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
}

#[tokio::test]
async fn mutual_tls_is_refused_without_a_client_certificate() {
    let sim = start().await;
    let result = send(
        "POST",
        sim.elt_url(),
        &[("content-type", "text/xml"), ("soapaction", SOAP_ACTION)],
        "<x/>",
        Some(plain_tls(&sim)),
    )
    .await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(
        sim.record().of(Service::Elt).count(),
        0,
        "nothing may reach the service"
    );
}

#[tokio::test]
async fn mutual_tls_is_refused_with_a_certificate_from_another_ca() {
    use rcgen::{
        BasicConstraints, CertificateParams, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    };
    let sim = start().await;
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let _ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let cert = params.signed_by(&key, &issuer).unwrap();
    let tls = tls_config(
        roots_with(sim.ca_der()),
        Some((vec![cert.der().to_vec()], key.serialize_der())),
    );
    let result = send(
        "POST",
        sim.elt_url(),
        &[("content-type", "text/xml"), ("soapaction", SOAP_ACTION)],
        "<x/>",
        Some(tls),
    )
    .await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(sim.record().of(Service::Elt).count(), 0);

    // A second client certificate issued by the simulator's own CA is accepted.
    let p12 = sim.issue_client_p12("annat lösen").unwrap();
    let tls = tls_config(
        roots_with(sim.ca_der()),
        Some(identity_from_p12(&p12, "annat lösen")),
    );
    let resp = send("GET", sim.elt_url(), &[], "", Some(tls))
        .await
        .expect("handshake accepted");
    assert_eq!(resp.status, 405);
}

#[tokio::test]
async fn the_envelope_is_checked() {
    let sim = start().await;
    let report = Report::new();
    let document = report.xml().into_bytes();
    let (a, e) = sign_both(&sim, &report, &document).await;
    let good = envelope(&document, &a, &e, today());

    // Wrong SOAPAction.
    let resp = send(
        "POST",
        sim.elt_url(),
        &[
            ("content-type", "text/xml; charset=utf-8"),
            ("soapaction", "\"urn:fel\""),
        ],
        good.clone(),
        Some(sim.elt_tls.clone()),
    )
    .await
    .unwrap();
    assert_eq!(resp.status, 500);
    assert_eq!(fault_of(&resp).0, "XmlValidationError");
    assert!(fault_of(&resp).1.contains("SOAPAction"));
    pace().await;

    // The two signatures in the wrong order.
    let start = good.find("<assistent-signatur>").unwrap();
    let mid = good.find("<anordnare-signatur>").unwrap();
    let end = good.find("</SkickaTidredovisning>").unwrap();
    let reordered = format!(
        "{}{}{}{}",
        &good[..start],
        &good[mid..end],
        &good[start..mid],
        &good[end..]
    );
    let resp = post_elt(&sim, &reordered).await;
    assert_eq!(fault_of(&resp).0, "XmlValidationError", "{}", resp.text());
    pace().await;

    // Not base64.
    let broken = good.replacen("application/xml\">", "application/xml\">!!", 1);
    let resp = post_elt(&sim, &broken).await;
    assert_eq!(fault_of(&resp).0, "XmlValidationError");
    assert!(fault_of(&resp).1.contains("base64"));
    assert!(sim.elt_reports().is_empty());
    assert!(sim.elt_rate_violations().is_empty());
}

async fn refused_document(report: &Report, expect: &str) {
    let sim = start().await;
    let document = report.xml().into_bytes();
    let (a, e) = sign_both(&sim, report, &document).await;
    let resp = post_elt(&sim, &envelope(&document, &a, &e, today())).await;
    assert_eq!(resp.status, 500, "{}", resp.text());
    let (kind, message) = fault_of(&resp);
    assert_eq!(kind, "XmlValidationError", "{message}");
    assert!(
        message.contains(expect),
        "expected '{expect}' in: {message}"
    );
}

#[tokio::test]
async fn the_document_is_checked_against_fks_schema() {
    let mut r = Report::new();
    r.raw_rows = Some(
        "<rapportRad><dag>03</dag><tomTid>09.00</tomTid><fromTid>08.00</fromTid>\
         <aktivTid>true</aktivTid></rapportRad>"
            .into(),
    );
    refused_document(&r, "rapportRad[1]: elementet tomTid").await;

    let mut r = Report::new();
    r.raw_rows = Some(
        "<rapportRad><dag>03</dag><fromTid>08.00</fromTid><tomTid>09.00</tomTid>\
         <aktivTid>true</aktivTid><vanteTid>false</vanteTid></rapportRad>"
            .into(),
    );
    refused_document(&r, "bara ett av aktivTid, vanteTid, beredskapsTid").await;

    let mut r = Report::new();
    r.rows = vec![row(3, "8.00", "12.00", 0)];
    refused_document(&r, "rapportRad[1]/fromTid").await;

    let mut r = Report::new();
    r.rows = vec![row(32, "08.00", "09.00", 0)];
    refused_document(&r, "rapportRad[1]/dag").await;

    let mut r = Report::new();
    r.person = "19121212121".into();
    refused_document(&r, "personSomHarAssistans/personnummer").await;

    let mut r = Report::new();
    r.id = r.id.to_uppercase();
    refused_document(&r, "Tidredovisning/id").await;
}

/// FK's schema checks the form, not Timbok's own rules (domain.md): overlapping rows, a month
/// that has not ended, a wrong check digit and a document not in canonical form all pass.
#[tokio::test]
async fn what_the_schema_does_not_forbid_is_accepted() {
    let sim = start().await;
    let today = today();
    let mut report = Report::new();
    report.year = today.format("%Y").to_string().parse().unwrap();
    report.month = today.format("%m").to_string().parse().unwrap();
    report.person = "191212121213".into();
    report.rows = vec![row(3, "08.00", "12.00", 0), row(3, "11.00", "13.00", 1)];
    let xml = report
        .xml()
        .replace("<tidrapport>", "<tidrapport><!-- x -->");
    let document = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}").into_bytes();
    let (a, e) = sign_both(&sim, &report, &document).await;
    let resp = post_elt(&sim, &envelope(&document, &a, &e, today)).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
}

#[tokio::test]
async fn a_signature_over_another_document_is_refused() {
    let sim = start().await;
    let report = Report::new();
    let signed_doc = report.xml().into_bytes();
    let (a, e) = sign_both(&sim, &report, &signed_doc).await;
    // A row corrected after signing: the signatures no longer cover the bytes sent.
    let mut changed = report.clone();
    changed.rows[0].to = "12.30".into();
    let sent = changed.xml().into_bytes();
    let resp = post_elt(&sim, &envelope(&sent, &a, &e, today())).await;
    let (kind, message) = fault_of(&resp);
    assert_eq!(kind, "SignatureValidationError", "{message}");
    assert!(message.contains("assistent-signatur"), "{message}");
    assert!(sim.elt_reports().is_empty());
}

#[tokio::test]
async fn a_signature_by_the_wrong_person_is_refused() {
    let sim = start().await;
    let report = Report::new();
    let document = report.xml().into_bytes();
    let e = entry(&report.id, &document);
    // The assistant's order was completed by someone else.
    let a = bankid_sign(&sim, &report.assistant, Some(&employer()), &e).await;
    let b = bankid_sign(&sim, &employer(), None, &e).await;
    let resp = post_elt(&sim, &envelope(&document, &a, &b, today())).await;
    let (kind, message) = fault_of(&resp);
    assert_eq!(kind, "SignatureValidationError");
    assert!(message.contains("assistenten"), "{message}");
    pace().await;

    // The employer's signature made by the assistant.
    let a = bankid_sign(&sim, &report.assistant, None, &e).await;
    let b = bankid_sign(&sim, &employer(), Some(&report.assistant), &e).await;
    let resp = post_elt(&sim, &envelope(&document, &a, &b, today())).await;
    let (kind, message) = fault_of(&resp);
    assert_eq!(kind, "SignatureValidationError");
    assert!(message.contains("anordnare-signatur"), "{message}");
}

#[tokio::test]
async fn a_signature_from_another_bankid_or_with_a_foreign_ocsp_is_refused() {
    let sim = start().await;
    let other = start().await;
    let report = Report::new();
    let document = report.xml().into_bytes();
    let e = entry(&report.id, &document);
    let a_foreign = bankid_sign(&other, &report.assistant, None, &e).await;
    let a = bankid_sign(&sim, &report.assistant, None, &e).await;
    let b = bankid_sign(&sim, &employer(), None, &e).await;

    let resp = post_elt(&sim, &envelope(&document, &a_foreign, &b, today())).await;
    let (kind, message) = fault_of(&resp);
    assert_eq!(kind, "SignatureValidationError");
    assert!(message.contains("utfärdare"), "{message}");
    pace().await;

    // The employer's ocspResponse next to the assistant's signature.
    let mixed = Signed {
        signature: a.signature.clone(),
        ocsp: b.ocsp.clone(),
        completion: a.completion.clone(),
    };
    let resp = post_elt(&sim, &envelope(&document, &mixed, &b, today())).await;
    let (kind, message) = fault_of(&resp);
    assert_eq!(kind, "SignatureValidationError");
    assert!(message.contains("ocspResponse"), "{message}");
    pace().await;

    // A tampered signature document.
    let tampered_xml = String::from_utf8(B64.decode(&a.signature).unwrap())
        .unwrap()
        .replace("<fsib>0</fsib>", "<fsib>1</fsib>");
    let tampered = Signed {
        signature: B64.encode(tampered_xml),
        ocsp: a.ocsp.clone(),
        completion: a.completion.clone(),
    };
    let resp = post_elt(&sim, &envelope(&document, &tampered, &b, today())).await;
    assert_eq!(fault_of(&resp).0, "SignatureValidationError");
}

#[tokio::test]
async fn an_assistant_with_a_samordningsnummer_cannot_sign_with_bankid() {
    let sim = start().await;
    let mut report = Report::new();
    report.assistant_element = "samordningsnummer";
    report.assistant = samordning();
    let document = report.xml().into_bytes();
    let e = entry(&report.id, &document);
    let a = bankid_sign(&sim, &assistant(), None, &e).await;
    let b = bankid_sign(&sim, &employer(), None, &e).await;
    let resp = post_elt(&sim, &envelope(&document, &a, &b, today())).await;
    let (kind, message) = fault_of(&resp);
    assert_eq!(kind, "SignatureValidationError");
    assert!(message.contains("3059"), "{message}");
}

#[tokio::test]
async fn requests_faster_than_one_per_second_are_faulted_and_recorded() {
    let sim = start().await;
    let report = Report::new();
    let document = report.xml().into_bytes();
    let (a, e) = sign_both(&sim, &report, &document).await;
    let body = envelope(&document, &a, &e, today());
    let first = post_elt(&sim, &body).await;
    assert_eq!(first.status, 200);
    let second = post_elt(&sim, &body).await;
    assert_eq!(second.status, 500);
    let (kind, message) = fault_of(&second);
    assert_eq!(kind, "RateLimitExceeded");
    assert!(second
        .text()
        .contains("<faultstring>RateLimitExceeded</faultstring>"));
    assert!(message.contains("ett anrop per sekund"), "{message}");
    let violations = sim.elt_rate_violations();
    assert_eq!(violations.len(), 1);
    assert!(violations[0].since_previous < std::time::Duration::from_secs(1));
    pace().await;
    let third = post_elt(&sim, &body).await;
    assert_eq!(third.status, 200, "a re-send after a pause is accepted");
    assert_eq!(sim.elt_rate_violations().len(), 1);
    let spacings = sim.elt_spacings();
    assert_eq!(
        spacings.len(),
        1,
        "the refused request is not an accepted one"
    );
    assert!(spacings[0] >= std::time::Duration::from_secs(1));
    assert_eq!(sim.elt_reports().len(), 2);
}

/// The test data is what FK's own schemas accept: the document against
/// `tidredovisning_extern_v1.xsd`, the request's `SkickaTidredovisning` element against
/// `SkickaTidredovisningResponder_1.0.xsd`.
#[tokio::test]
async fn the_test_requests_follow_fks_schemas() {
    let (Some(doc_xsd), Some(responder_xsd)) = (
        crate::fk_files::tidredovisning_xsd(),
        crate::fk_files::responder_xsd(),
    ) else {
        return;
    };
    let (Some(doc_lint), Some(responder_lint)) = (
        crate::fk_files::xmllint(&doc_xsd),
        crate::fk_files::xmllint(&responder_xsd),
    ) else {
        return;
    };
    let sim = start().await;
    for with_provider in [false, true] {
        let mut report = Report::new();
        report.with_provider = with_provider;
        let document = report.xml().into_bytes();
        doc_lint.validate(&document).unwrap();
        let (a, e) = sign_both(&sim, &report, &document).await;
        let body = envelope(&document, &a, &e, today());
        let start = body.find("<SkickaTidredovisning ").unwrap();
        let end = body.find("</SkickaTidredovisning>").unwrap() + "</SkickaTidredovisning>".len();
        responder_lint
            .validate(&body.as_bytes()[start..end])
            .unwrap();
    }
}

/// The Responder schema lets elements of other namespaces follow the three parts
/// (`xs:any namespace="##other"`), and nothing else.
#[tokio::test]
async fn elements_of_other_namespaces_may_follow_the_signatures() {
    let sim = start().await;
    let report = Report::new();
    let document = report.xml().into_bytes();
    let (a, e) = sign_both(&sim, &report, &document).await;
    let good = envelope(&document, &a, &e, today());
    let extended = good.replacen(
        "</SkickaTidredovisning>",
        "<x:spar xmlns:x=\"urn:leverantor\">1</x:spar></SkickaTidredovisning>",
        1,
    );
    let resp = post_elt(&sim, &extended).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    pace().await;
    for extra in [
        "<spar xmlns=\"\">1</spar>",
        "<spar xmlns=\"urn:shs:emottagning:SkickaTidredovisning:1\">1</spar>",
    ] {
        let refused = good.replacen(
            "</SkickaTidredovisning>",
            &format!("{extra}</SkickaTidredovisning>"),
            1,
        );
        let resp = post_elt(&sim, &refused).await;
        let (kind, message) = fault_of(&resp);
        assert_eq!(kind, "XmlValidationError", "{message}");
        assert!(message.contains("spar"), "{message}");
        pace().await;
    }
}
