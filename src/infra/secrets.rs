//! Secrets idp holds while it runs (forge tokens, GitHub App installation tokens): registered
//! when they are read, and redacted from every error, log line and output that passes through
//! [`redact`] — the error report in `main`, the tracing writer and the printer's messages.

use std::borrow::Cow;
use std::io::Write;
use std::sync::RwLock;

static SECRETS: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// What a secret is replaced with.
pub const MASK: &str = "***";

/// Remember `secret` so that it is never shown. Short values (< 8 characters) are not
/// registered: masking them would mangle ordinary words; no real token is that short.
pub fn register(secret: &str) {
    let secret = secret.trim();
    if secret.len() < 8 {
        return;
    }
    if let Ok(mut all) = SECRETS.write()
        && !all.iter().any(|s| s == secret)
    {
        all.push(secret.to_string());
        // Longest first, so that a secret containing another is masked whole.
        all.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }
}

/// `text` with every registered secret replaced by [`MASK`].
pub fn redact(text: &str) -> Cow<'_, str> {
    let Ok(all) = SECRETS.read() else {
        return Cow::Owned(MASK.to_string());
    };
    if !all.iter().any(|s| text.contains(s.as_str())) {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for s in all.iter() {
        out = out.replace(s.as_str(), MASK);
    }
    Cow::Owned(out)
}

/// A stderr writer for `tracing` that redacts each write.
pub struct RedactingStderr;

impl Write for RedactingStderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        std::io::stderr().write_all(redact(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_secrets_are_masked_and_short_values_are_not_registered() {
        register("ghp_0123456789abcdefSECRET");
        register("short");
        assert_eq!(
            redact("token ghp_0123456789abcdefSECRET rejected; short stays"),
            "token *** rejected; short stays"
        );
        assert!(matches!(redact("nothing here"), Cow::Borrowed(_)));
    }
}
