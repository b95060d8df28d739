//! The identity module's HTTP: blocking reqwest (rustls), short timeouts, JSON answers, and
//! one rule for tokens: they go over https, or plain http to a loopback address only.

use std::time::Duration;

use serde_json::Value;

use super::IdentityError;

/// Is `url` one a token may be sent to: https, or http to 127.0.0.0/8, ::1 or `localhost`?
pub fn token_safe(url: &str) -> bool {
    let Ok(u) = reqwest::Url::parse(url) else {
        return false;
    };
    match u.scheme() {
        "https" => true,
        "http" => match u.host_str() {
            Some(h) if h.eq_ignore_ascii_case("localhost") => true,
            Some(h) => h
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback()),
            None => false,
        },
        _ => false,
    }
}

fn client() -> Result<reqwest::blocking::Client, IdentityError> {
    reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("idp/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| IdentityError::Transport {
            url: String::new(),
            cause: e.to_string(),
        })
}

/// `application/x-www-form-urlencoded` of `pairs`.
pub fn form(pairs: &[(&str, &str)]) -> String {
    fn enc(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    out.push(b as char)
                }
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// An answer: the status and its body parsed as JSON (`Null` when it is not JSON).
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

fn send(
    url: &str,
    req: reqwest::blocking::RequestBuilder,
    carries_token: bool,
) -> Result<Answer, IdentityError> {
    if carries_token && !token_safe(url) {
        return Err(IdentityError::InsecureUrl(url.to_string()));
    }
    let resp = req
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .map_err(|e| IdentityError::Transport {
            url: url.to_string(),
            cause: e.to_string(),
        })?;
    let status = resp.status().as_u16();
    let text = resp.text().map_err(|e| IdentityError::Transport {
        url: url.to_string(),
        cause: e.to_string(),
    })?;
    Ok(Answer {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
    })
}

/// GET `url` (with a bearer token when given), expecting a JSON object with status 200.
pub fn get_json(url: &str, bearer: Option<&str>) -> Result<Value, IdentityError> {
    let c = client()?;
    let mut req = c.get(url);
    if let Some(t) = bearer {
        req = req.bearer_auth(t);
    }
    let a = send(url, req, bearer.is_some())?;
    if a.status != 200 {
        return Err(IdentityError::Status {
            url: url.to_string(),
            status: a.status,
            detail: error_of(&a.body),
        });
    }
    if !a.body.is_object() {
        return Err(IdentityError::Malformed {
            url: url.to_string(),
            cause: "not a JSON object".into(),
        });
    }
    Ok(a.body)
}

/// POST a form to `url` (it carries a credential: a code, a refresh token): any status.
pub fn post_form(url: &str, pairs: &[(&str, &str)]) -> Result<Answer, IdentityError> {
    let c = client()?;
    let req = c
        .post(url)
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(form(pairs));
    send(url, req, true)
}

/// The OAuth `error` (and description) of an error answer, for messages.
pub fn error_of(body: &Value) -> String {
    match (
        body.get("error").and_then(Value::as_str),
        body.get("error_description").and_then(Value::as_str),
    ) {
        (Some(e), Some(d)) => format!("{e}: {d}"),
        (Some(e), None) => e.to_string(),
        _ => body
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("no error message")
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_go_over_https_or_to_loopback_only() {
        assert!(super::token_safe("https://idp.example.com/token"));
        assert!(super::token_safe("http://127.0.0.1:8080/token"));
        assert!(super::token_safe("http://[::1]:8080/token"));
        assert!(super::token_safe("http://localhost/token"));
        assert!(!super::token_safe("http://idp.example.com/token"));
        assert!(!super::token_safe("http://127.0.0.1.evil.example/token"));
        assert!(!super::token_safe("file:///etc/passwd"));
    }

    #[test]
    fn forms_are_encoded() {
        assert_eq!(super::form(&[("a b", "c&d=e/ü")]), "a+b=c%26d%3De%2F%C3%BC");
    }
}
