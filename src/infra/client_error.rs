//! A failed call to a service client (the AWS SDK, octocrab, kube) as the user reads it: one
//! line of the causes, each distinct message once, and never the client's Debug form (raw HTTP
//! headers and bodies); that goes to the `-vv` log only, where the caller logs it.

use std::error::Error;

/// An error and its causes as one line, each distinct message once.
pub fn chain(err: &(dyn Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cause: Option<&(dyn Error + 'static)> = Some(err);
    while let Some(c) = cause {
        let text = c.to_string();
        // Clients wrap their causes' text into their own ("ServiceError: client error
        // (Connect)"): keep the most specific words, drop a message that only repeats its cause.
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.retain(|p| !text.contains(p.as_str()));
            parts.push(text);
        }
        cause = c.source();
    }
    parts.join(": ")
}

/// What the user can do about a failed call, from its causes' words: no credentials, or no
/// connection. `None` when the words say neither.
pub fn transport_hint(line: &str) -> Option<Cause> {
    let l = line.to_ascii_lowercase();
    if l.contains("no providers in chain provided credentials")
        || l.contains("credentials")
        || l.contains("credential provider")
    {
        Some(Cause::NoCredentials)
    } else if l.contains("dns error")
        || l.contains("failed to lookup address")
        || l.contains("connection refused")
        || l.contains("tcp connect error")
        || l.contains("timed out")
        || l.contains("timeout")
        || l.contains("certificate")
    {
        Some(Cause::Unreachable)
    } else {
        None
    }
}

/// Why a call failed, as far as the user can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The client found no credentials (or none it could load).
    NoCredentials,
    /// The service could not be reached: DNS, refused, timed out, TLS.
    Unreachable,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct E(&'static str, Option<Box<E>>);
    impl std::fmt::Display for E {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl Error for E {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            self.1.as_deref().map(|e| e as &(dyn Error + 'static))
        }
    }

    #[test]
    fn a_chain_is_one_line_without_repeats() {
        let e = E(
            "dispatch failure",
            Some(Box::new(E(
                "io error",
                Some(Box::new(E(
                    "client error (Connect)",
                    Some(Box::new(E("tcp connect error: Connection refused", None))),
                ))),
            ))),
        );
        assert_eq!(
            chain(&e),
            "dispatch failure: io error: client error (Connect): tcp connect error: Connection refused"
        );
        let wrapped = E(
            "ServiceError: client error (Connect)",
            Some(Box::new(E("client error (Connect)", None))),
        );
        assert_eq!(chain(&wrapped), "ServiceError: client error (Connect)");
        assert_eq!(transport_hint(&chain(&e)), Some(Cause::Unreachable));
        assert_eq!(
            transport_hint("no providers in chain provided credentials"),
            Some(Cause::NoCredentials)
        );
        assert_eq!(transport_hint("AccessDenied"), None);
    }
}
