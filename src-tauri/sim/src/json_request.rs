//! The check both JSON APIs (BankID's RP API, E-RÄK's supplier API) make of a request: a
//! `Content-Type` of `application/json` (any parameters, any case) and a body that parses as
//! JSON. Each service answers a refusal in its own error shape.

use axum::http::{header, HeaderMap};
use serde_json::Value;

/// Why a request is not JSON.
#[derive(Debug)]
pub(crate) enum NotJson {
    /// The `Content-Type` is missing or another type.
    ContentType,
    /// The body does not parse as JSON.
    Body(serde_json::Error),
}

/// The request's body as JSON, when its `Content-Type` says JSON and the body parses.
pub(crate) fn json_request(headers: &HeaderMap, body: &[u8]) -> Result<Value, NotJson> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !is_json {
        return Err(NotJson::ContentType);
    }
    serde_json::from_slice(body).map_err(NotJson::Body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_type(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn takes_json_of_any_case_and_parameters() {
        let value = json_request(
            &with_type(" Application/JSON; charset=utf-8"),
            br#"{"a":1}"#,
        );
        assert_eq!(value.unwrap()["a"], 1);
    }

    #[test]
    fn refuses_another_type_a_missing_type_and_a_broken_body() {
        assert!(matches!(
            json_request(&with_type("text/plain"), b"{}"),
            Err(NotJson::ContentType)
        ));
        assert!(matches!(
            json_request(&HeaderMap::new(), b"{}"),
            Err(NotJson::ContentType)
        ));
        assert!(matches!(
            json_request(&with_type("application/json"), b"{"),
            Err(NotJson::Body(_))
        ));
    }
}
