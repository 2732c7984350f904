//! The HTML of FK's signing page as the simulator plays it: the page itself, what its buttons
//! answer (with the script that signals the app and sends the browser back) and the index.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;

use super::{ErakState, ErakStatus};
use crate::xml::escape;
use crate::Shared;

/// The service's index page.
pub(super) const INDEX: &str =
    "<!doctype html><html lang=\"sv\"><meta charset=\"utf-8\"><title>E-RÄK (simulator)</title>\
          <h1>E-RÄK (simulator)</h1><p>Den här tjänsten tar emot räkningar från Timbok i demoläge. \
          Inget skickas till Försäkringskassan.</p></html>";

const PAGE_STYLE: &str = "body{font-family:Arial,Helvetica,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1e23}\
h1{font-size:1.6rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{font-weight:bold}\
button{font-size:1rem;padding:.6rem 1.2rem;margin-right:1rem;border-radius:4px;border:2px solid #1b1e23;background:#fff}\
button.primary{background:#1b1e23;color:#fff}.demo{background:#fff4d6;padding:.5rem 1rem;border-left:4px solid #c78f00}";

pub(super) fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>{PAGE_STYLE}</style></head>\
         <body><p class=\"demo\">Simulerad e-tjänst – inget skickas till Försäkringskassan.</p>{body}</body></html>",
        title = escape(title)
    )
}

#[derive(Deserialize)]
pub(super) struct SignQuery {
    fingerprint: Option<String>,
}

/// FK's signing page: the invoice as FK shows it, with "Skriv under" and "Avbryt".
pub(super) async fn sign_page(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<SignQuery>,
) -> Response {
    let Some(fingerprint) = query.fingerprint.filter(|f| !f.is_empty()) else {
        return (
            StatusCode::BAD_REQUEST,
            Html(page(
                "Räkning saknas",
                "<h1>Räkningen hittades inte</h1><p>Länken saknar verifieringskod.</p>",
            )),
        )
            .into_response();
    };
    let mut guard = shared.erak.lock();
    let Some(invoice) = guard.1.get_mut(&fingerprint) else {
        return (
            StatusCode::NOT_FOUND,
            Html(page(
                "Räkning saknas",
                "<h1>Räkningen hittades inte</h1><p>Verifieringskoden är okänd.</p>",
            )),
        )
            .into_response();
    };
    ErakState::expire_if_due(invoice, &shared.config);
    let mut body = String::from("<h1>Räkning för assistansersättning</h1><dl>");
    for (label, value) in &invoice.page {
        body.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            escape(label),
            escape(value)
        ));
    }
    body.push_str("</dl>");
    if invoice.snapshot.status == ErakStatus::Created {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/sign/{fp}/complete\">\
             <p>Genom att skriva under intygar du att uppgifterna är riktiga.</p>\
             <button class=\"primary\" type=\"submit\" name=\"action\" value=\"sign\">Skriv under</button>\
             <button type=\"submit\" name=\"action\" value=\"cancel\">Avbryt</button></form>",
            fp = escape(&fingerprint)
        ));
    } else {
        body.push_str(&format!(
            "<p>Räkningen har status {}. Den kan inte skrivas under här längre.</p>",
            invoice.snapshot.status.as_str()
        ));
    }
    Html(page("Skriv under räkningen", &body)).into_response()
}

/// `url` with the raw query `extra` appended (`?` or `&`, as a careful page does) and then
/// `#fragment`.
pub(super) fn appended(url: &str, extra: Option<&str>, fragment: Option<&str>) -> String {
    let mut out = url.to_string();
    if let Some(extra) = extra.filter(|e| !e.is_empty()) {
        out.push(if out.contains('?') { '&' } else { '?' });
        out.push_str(extra);
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// A string as a JavaScript literal that is safe inside a `<script>` element.
fn js_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".into())
        .replace("</", "<\\/")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// What the signing page's buttons answer: a page whose script signals `signal_url` (as
/// `signal_method`, `signal_type`, `signal_payload`) and then sends the browser to `redirect`;
/// the same as headers for clients without a browser.
pub(super) fn completed(
    status: ErakStatus,
    redirect: &str,
    signal_url: Option<&str>,
    signal: &Value,
    signal_method: &str,
    signal_type: Option<&str>,
    signal_payload: &str,
) -> Response {
    let (heading, text) = match status {
        ErakStatus::Received => (
            "Räkningen är underskriven",
            "Försäkringskassan har tagit emot räkningen. Du skickas nu tillbaka.",
        ),
        _ => (
            "Räkningen skrevs inte under",
            "Du avbröt. Du skickas nu tillbaka.",
        ),
    };
    let script = format!(
        "<script>\n(function () {{\n  var signalUrl = {signal_url};\n  var returnUrl = {return_url};\n  \
         var signal = {signal};\n  function back() {{ window.location.replace(returnUrl); }}\n  \
         if (!signalUrl) {{ back(); return; }}\n  \
         var init = {{ method: {method}, mode: \"cors\" }};\n  var type = {content_type};\n  \
         if (type) {{ init.headers = {{ \"Content-Type\": type }}; init.body = {payload}; }}\n  \
         fetch(signalUrl, init)\n    .catch(function () {{}})\n    .then(back, back);\n}})();\n</script>",
        signal_url = signal_url.map_or_else(|| "null".to_string(), js_string),
        return_url = js_string(redirect),
        signal = signal.to_string().replace("</", "<\\/"),
        method = js_string(signal_method),
        content_type = signal_type.map_or_else(|| "null".to_string(), js_string),
        payload = js_string(signal_payload),
    );
    let body = format!(
        "<h1>{heading}</h1><p>{text}</p><p><a id=\"tillbaka\" href=\"{href}\">Tillbaka till tjänsten</a></p>{script}",
        href = escape(redirect)
    );
    let mut response = Html(page(heading, &body)).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-erak-redirect", Some(redirect.to_string())),
        ("x-erak-signal-url", signal_url.map(str::to_string)),
        ("x-erak-signal-body", Some(signal.to_string())),
        ("x-erak-signal-method", Some(signal_method.to_string())),
        (
            "x-erak-signal-content-type",
            signal_type.map(str::to_string),
        ),
        ("x-erak-signal-payload", Some(signal_payload.to_string())),
    ] {
        if let Some(value) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
            headers.insert(name, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_strings_cannot_close_the_script() {
        assert_eq!(js_string("a</script>"), "\"a<\\/script>\"");
    }
}
