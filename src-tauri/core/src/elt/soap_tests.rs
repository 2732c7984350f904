use super::*;
use crate::elt::testing::{day, golden, golden_path};

use crate::elt::fk_files;

fn signature(tag: &str, date: NaiveDate) -> Signature {
    Signature {
        signature: B64.encode(format!("<Signature>{tag}</Signature>")),
        ocsp_response: B64.encode(format!("ocsp {tag}")),
        date,
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(golden_path(name)).unwrap()
}

#[test]
fn the_envelope_matches_its_golden_file() {
    // The envelope carries the document's bytes as they are: here the golden document with
    // names that need escaping (UTF-8, `&amp;`, `&lt;`).
    let document = fixture("escapes.xml");
    let bytes = envelope(
        &document,
        &signature("assistent", day(2025, 10, 3)),
        &signature("anordnare", day(2025, 10, 4)),
    );
    golden("envelope.xml", &bytes);

    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><SkickaTidredovisning xmlns=\"urn:shs:emottagning:SkickaTidredovisning:1\"><tidredovisning xmlns:xmime=\"http://www.w3.org/2005/05/xmlmime\" xmime:contentType=\"application/xml\">"
    ));
    let encoded = text
        .split("application/xml\">")
        .nth(1)
        .unwrap()
        .split("</tidredovisning>")
        .next()
        .unwrap();
    assert_eq!(
        B64.decode(encoded).unwrap(),
        document,
        "the document's exact bytes"
    );
    let assistant = text.find("<assistent-signatur>").unwrap();
    let employer = text.find("<anordnare-signatur>").unwrap();
    assert!(assistant < employer);
    assert!(text.contains(&format!(
        "<assistent-signatur><signature>{}</signature><ocspResponse>{}</ocspResponse><datumForSignatur>2025-10-03</datumForSignatur></assistent-signatur>",
        B64.encode("<Signature>assistent</Signature>"),
        B64.encode("ocsp assistent")
    )));
    assert!(text.contains("<datumForSignatur>2025-10-04</datumForSignatur></anordnare-signatur></SkickaTidredovisning></soapenv:Body></soapenv:Envelope>"));
    assert!(text.ends_with("</soapenv:Envelope>"));
    assert!(!text.contains("<?xml"));
}

/// The `SkickaTidredovisning` element of a request, cut out of its envelope. It declares its
/// own default namespace and the `xmime` prefix on `tidredovisning`; any prefix declared on
/// the envelope is carried over so the element stands alone with all its namespaces.
fn request_element(envelope: &str) -> String {
    let start = envelope
        .find("<SkickaTidredovisning ")
        .expect("the request element");
    let end = envelope.find("</SkickaTidredovisning>").expect("its end")
        + "</SkickaTidredovisning>".len();
    let element = &envelope[start..end];
    let root_end = envelope.find('>').unwrap();
    let inherited: String = envelope[..root_end]
        .split_whitespace()
        .filter(|part| part.starts_with("xmlns:"))
        .map(|part| format!(" {}", part.trim_end_matches('>')))
        .collect();
    let open_end = element.find('>').unwrap();
    format!(
        "{}{}{}",
        &element[..open_end],
        inherited,
        &element[open_end..]
    )
}

#[test]
fn every_golden_request_validates_against_fks_responder_schema() {
    let Some(responder) = fk_files::responder_xsd() else {
        return;
    };
    let Some(document_xsd) = fk_files::tidredovisning_xsd() else {
        return;
    };
    let Some(responder) = fk_files::xmllint(&responder) else {
        return;
    };
    let document_xsd = fk_files::xmllint(&document_xsd).unwrap();
    let requests: Vec<String> = std::fs::read_dir(golden_path(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("envelope") && name.ends_with(".xml"))
        .collect();
    assert!(!requests.is_empty());
    for name in requests {
        let text = String::from_utf8(fixture(&name)).unwrap();
        let element = request_element(&text);
        assert!(element.contains("xmlns:soapenv=") && element.contains("xmlns:xmime="));
        if let Err(why) = responder.validate(element.as_bytes()) {
            panic!("{name}: SkickaTidredovisning does not validate:\n{why}\n{element}");
        }
        // The document it carries validates against the tidredovisning schema.
        let encoded = text
            .split("application/xml\">")
            .nth(1)
            .unwrap()
            .split("</tidredovisning>")
            .next()
            .unwrap();
        let document = B64.decode(encoded).unwrap();
        if let Err(why) = document_xsd.validate(&document) {
            panic!("{name}: the document inside does not validate:\n{why}");
        }
    }
    // And the judge refuses a request without the employer's signature.
    let text = String::from_utf8(fixture("envelope.xml")).unwrap();
    let cut = text.find("<anordnare-signatur>").unwrap();
    let end = text.find("</anordnare-signatur>").unwrap() + "</anordnare-signatur>".len();
    let broken = format!("{}{}", &text[..cut], &text[end..]);
    assert!(responder
        .validate(request_element(&broken).as_bytes())
        .is_err());
}

#[test]
fn the_envelope_is_well_formed_and_reads_back() {
    // The envelope's own parts are found again by a namespace-aware reader.
    let bytes = envelope(
        b"<Tidredovisning></Tidredovisning>",
        &signature("a", day(2025, 1, 2)),
        &signature("b", day(2025, 1, 2)),
    );
    let root = parse_tree(&bytes).unwrap();
    assert!(root.soap && root.name == "Envelope");
    let call = &root.children[0].children[0];
    assert_eq!(call.name, "SkickaTidredovisning");
    let names: Vec<_> = call.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["tidredovisning", "assistent-signatur", "anordnare-signatur"]
    );
}

#[test]
fn constants() {
    assert_eq!(
        SOAP_ACTION,
        "\"urn:shs:emottagning:SkickaTidredovisningResponder:1:SkickaTidredovisning\""
    );
    assert_eq!(CONTENT_TYPE, "text/xml; charset=utf-8");
}

#[test]
fn signature_debug_prints_lengths_only() {
    let s = Signature {
        signature: "PFNpZ25hdHVyZT5zZWNyZXQ8L1NpZ25hdHVyZT4=".into(),
        ocsp_response: "b2NzcA==".into(),
        date: day(2025, 10, 3),
    };
    let debug = format!("{s:?}");
    assert!(!debug.contains("PFNpZ25hdHVy"), "{debug}");
    assert!(!debug.contains("b2NzcA"), "{debug}");
    assert!(
        debug.contains("[40 chars]") && debug.contains("[8 chars]"),
        "{debug}"
    );
}

#[test]
fn a_recorded_acceptance_gives_the_tx_id() {
    assert_eq!(
        parse_reply(200, &fixture("reply_accepted.xml")),
        Ok(Reply::Accepted {
            tx_id: "14e81789-715d-497b-b63c-eada732800eb".into()
        })
    );
    // Other prefixes, a declaration, a header, whitespace and another service namespace.
    assert_eq!(
        parse_reply(200, &fixture("reply_accepted_prefixed.xml")),
        Ok(Reply::Accepted {
            tx_id: "0b6f3c1e-2d4a-4f5b-9c8d-7e6f5a4b3c2d".into()
        })
    );
}

#[test]
fn recorded_faults_give_their_kind_and_message() {
    assert_eq!(
        parse_reply(500, &fixture("reply_fault_xml_validation.xml")),
        Ok(Reply::Fault {
            kind: FaultKind::XmlValidation,
            message: "rapportRad 1/fromTid: ska vara ett klockslag H.MM eller HH.MM mellan 0.00 och 23.59. Tidsredovisning: assistansanordnare saknas (assistenten är inte anställd av personen) & <mer> \"citat\" 'apostrof'.".into()
        })
    );
    assert_eq!(
        parse_reply(500, &fixture("reply_fault_signature_validation.xml")),
        Ok(Reply::Fault {
            kind: FaultKind::SignatureValidation,
            message: "assistent-signatur: underskriften är inte gjord av assistenten som dokumentet anger.".into()
        })
    );
    assert_eq!(
        parse_reply(500, &fixture("reply_fault_rate_limit.xml")),
        Ok(Reply::Fault {
            kind: FaultKind::RateLimitExceeded,
            message:
                "För många anrop: 12 ms sedan förra anropet. Skicka högst ett anrop per sekund."
                    .into()
        })
    );
    assert_eq!(
        parse_reply(500, &fixture("reply_fault_other.xml")),
        Ok(Reply::Fault {
            kind: FaultKind::Other("TeknisktFel".into()),
            message: "Tjänsten är inte tillgänglig just nu. Försök igen senare.".into()
        })
    );
    assert_eq!(
        parse_reply(500, &fixture("reply_fault_without_detail.xml")),
        Ok(Reply::Fault {
            kind: FaultKind::Other("Ett oväntat fel inträffade".into()),
            message: "Ett oväntat fel inträffade".into()
        })
    );
}

#[test]
fn garbage_is_unreadable_and_keeps_status_and_body() {
    let html = fixture("reply_garbage.html");
    let e = parse_reply(502, &html).unwrap_err();
    assert_eq!(e.status, 502);
    assert_eq!(e.body, html);
    assert!(e.body_text().contains("Bad Gateway"));
    assert_eq!(
        e.to_string(),
        "Svaret från Försäkringskassan gick inte att tolka (HTTP-status 502)."
    );
    let debug = format!("{e:?}");
    assert!(
        !debug.contains("nginx") && debug.contains("bytes"),
        "{debug}"
    );

    for (status, body) in [
        (500, &b"Internal Server Error"[..]),
        (200, b""),
        (200, b"\xff\xfe not utf-8"),
        (200, b"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"),
        // A tx-id outside SOAP 1.1's envelope.
        (200, b"<Envelope><Body><SkickaTidredovisningResponse><tx-id>x</tx-id></SkickaTidredovisningResponse></Body></Envelope>"),
        // An acceptance without a tx-id, or with an empty one.
        (200, b"<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><SkickaTidredovisningResponse></SkickaTidredovisningResponse></e:Body></e:Envelope>"),
        (200, b"<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><SkickaTidredovisningResponse><tx-id> </tx-id></SkickaTidredovisningResponse></e:Body></e:Envelope>"),
        // An empty body element, a DOCTYPE.
        (200, b"<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body></e:Body></e:Envelope>"),
        (200, b"<!DOCTYPE x [<!ENTITY a \"b\">]><e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><x>&a;</x></e:Body></e:Envelope>"),
    ] {
        let e = parse_reply(status, body).unwrap_err();
        assert_eq!((e.status, &e.body[..]), (status, body), "{}", e.problem);
    }
    // An acceptance with an error status is not trusted as one.
    let e = parse_reply(500, &fixture("reply_accepted.xml")).unwrap_err();
    assert_eq!(e.status, 500);
}

fn accepted_with(tx_id: &str) -> Vec<u8> {
    format!(
        "<soap:Envelope xmlns:soap=\"{SOAP_ENV_NS}\"><soap:Body><SkickaTidredovisningResponse>\
         <tx-id>{tx_id}</tx-id></SkickaTidredovisningResponse></soap:Body></soap:Envelope>"
    )
    .into_bytes()
}

#[test]
fn a_tx_id_of_the_wrong_length_or_shape_is_unreadable() {
    assert_eq!(
        parse_reply(200, &accepted_with("TX-1")),
        Ok(Reply::Accepted {
            tx_id: "TX-1".into()
        })
    );
    for bad in [
        "a b".to_string(),
        "a&lt;".into(),
        "x".repeat(129),
        "tx&#x1b;".into(),
    ] {
        let problem = parse_reply(200, &accepted_with(&bad)).unwrap_err().problem;
        assert_eq!(
            problem, "the tx-id has the wrong length or shape",
            "{bad:?}"
        );
    }
}

#[test]
fn elements_nested_deeper_than_the_limit_are_refused_without_building_them() {
    let nested = |depth: usize| {
        let mut body =
            format!("<soap:Envelope xmlns:soap=\"{SOAP_ENV_NS}\"><soap:Body><soap:Fault><detail>");
        body.push_str(&"<x>".repeat(depth));
        body.push_str(&"</x>".repeat(depth));
        body.push_str("</detail></soap:Fault></soap:Body></soap:Envelope>");
        body.into_bytes()
    };
    // Envelope, Body, Fault, detail: 4 levels, so 28 more fit.
    assert!(parse_reply(500, &nested(MAX_DEPTH - 4)).is_ok());
    let problem = parse_reply(500, &nested(MAX_DEPTH - 3))
        .unwrap_err()
        .problem;
    assert_eq!(problem, format!("elements nested deeper than {MAX_DEPTH}"));
    // A million levels: refused at once (no stack overflow building or dropping a tree).
    let deep = "<a>".repeat(1_000_000);
    assert!(parse_reply(500, deep.as_bytes()).is_err());
}

#[test]
fn fault_texts_are_cut_and_lose_control_characters() {
    let kind = "K".repeat(300);
    let message = String::from("rad 1\nrad\u{1b}[2J 2") + &"é".repeat(5000);
    let fault = format!(
        "<soap:Envelope xmlns:soap=\"{SOAP_ENV_NS}\"><soap:Body><soap:Fault><faultstring>f</faultstring>\
         <detail><{kind}><message>{message}</message></{kind}></detail></soap:Fault></soap:Body></soap:Envelope>"
    );
    let Ok(Reply::Fault { kind, message }) = parse_reply(500, fault.as_bytes()) else {
        panic!("a fault");
    };
    assert_eq!(kind, FaultKind::Other("K".repeat(MAX_KIND)));
    assert_eq!(message.chars().count(), MAX_MESSAGE);
    assert!(message.starts_with("rad 1\nrad [2J 2é"), "{message:?}");
}

proptest::proptest! {
    #![proptest_config(crate::fuzz::config())]

    /// No reply panics the reader or the journal's redaction; what it accepts is in shape.
    #[test]
    fn fuzz_soap_reply_never_panics(
        status in proptest::sample::select(vec![200u16, 400, 429, 500, 503]),
        body in crate::fuzz::input(crate::fuzz::fixtures("elt", ".xml"))
    ) {
        match parse_reply(status, &body) {
            Ok(Reply::Accepted { tx_id }) => {
                proptest::prop_assert!(crate::remote::token(&tx_id, MAX_TX_ID));
            }
            Ok(Reply::Fault { kind, message }) => {
                proptest::prop_assert!(kind.as_str().chars().count() <= MAX_KIND);
                proptest::prop_assert!(message.chars().count() <= MAX_MESSAGE);
            }
            Err(unreadable) => proptest::prop_assert_eq!(unreadable.body, body.clone()),
        }
        let _ = crate::journal::redact(&body);
    }
}
