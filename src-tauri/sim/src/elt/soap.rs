//! The SOAP envelope's names and FK's fault answers (`SkickaTidredovisningResponder_1.0.xsd`).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::xml::escape;

pub(crate) const SOAP_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub(crate) const SERVICE_NS: &str = "urn:shs:emottagning:SkickaTidredovisning:1";
pub(crate) const SOAP_ACTION: &str =
    "urn:shs:emottagning:SkickaTidredovisningResponder:1:SkickaTidredovisning";
pub(super) const XMIME_NS: &str = "http://www.w3.org/2005/05/xmlmime";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FaultKind {
    XmlValidationError,
    SignatureValidationError,
    RateLimitExceeded,
}

impl FaultKind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            FaultKind::XmlValidationError => "XmlValidationError",
            FaultKind::SignatureValidationError => "SignatureValidationError",
            FaultKind::RateLimitExceeded => "RateLimitExceeded",
        }
    }
}

pub(super) fn xml_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

pub(super) fn fault(kind: FaultKind, message: &str) -> Response {
    let kind = kind.as_str();
    xml_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!(
            "<soapenv:Envelope xmlns:soapenv=\"{SOAP_NS}\"><soapenv:Body><soapenv:Fault>\
             <faultcode>soapenv:Client</faultcode><faultstring>{kind}</faultstring>\
             <detail><{kind} xmlns=\"{SERVICE_NS}\"><message>{message}</message></{kind}></detail>\
             </soapenv:Fault></soapenv:Body></soapenv:Envelope>",
            message = escape(message)
        ),
    )
}

/// Why a request is refused: the fault and its message.
pub(super) struct Refusal(pub(super) FaultKind, pub(super) String);

pub(super) fn xml_err(message: impl Into<String>) -> Refusal {
    Refusal(FaultKind::XmlValidationError, message.into())
}

pub(super) fn sig_err(message: impl Into<String>) -> Refusal {
    Refusal(FaultKind::SignatureValidationError, message.into())
}
