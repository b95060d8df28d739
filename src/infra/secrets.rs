//! Secrets, both ways.
//!
//! - Those idp holds while it runs (forge tokens, GitHub App installation tokens): registered
//!   when they are read, and redacted from every error, log line and output that passes
//!   through [`redact`] — the error report in `main`, the tracing writer and the printer's
//!   messages.
//! - Those that must never enter git: [`scan`] finds credentials in a file's text with rules
//!   covering gitleaks' default categories (cloud keys, private keys, GitHub, Slack, Stripe,
//!   npm, PyPI tokens, JWTs, generic high-entropy assignments), minus an [`Allowlist`]
//!   (`secrets.allowlist` in idp.yaml). A [`Leak`] says where and which rule, never the secret.

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

/// May a token be sent to `url`? Not over plain `http://`, except to a loopback address
/// (`localhost`, `127.0.0.0/8`, `::1`: a test server or a local proxy). The error says why;
/// callers make it exit 2 with the setting that named the URL.
pub fn check_transport(url: &str) -> Result<(), String> {
    let Ok(parsed) = reqwest::Url::parse(url) else {
        return Ok(()); // not a URL (a path, `git@host:repo`): no HTTP request carries a token
    };
    if parsed.scheme() != "http" {
        return Ok(());
    }
    let host = parsed.host_str().unwrap_or("");
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback {
        return Ok(());
    }
    Err(format!(
        "refusing to send a token over plain http to `{}`: use an https URL (plain http is \
         allowed to a loopback address only)",
        parsed.host_str().unwrap_or(url)
    ))
}

/// A credential found in a file: where, and which rule. The secret itself is not kept, so no
/// report can print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub line: usize,
    pub column: usize,
    /// The rule's id (`github-pat`, `private-key`, …).
    pub rule: &'static str,
    /// What it looks like, in words (`a GitHub personal access token`).
    pub what: &'static str,
}

/// What is not a leak (`secrets.allowlist` in idp.yaml): files whose path matches one of
/// `paths` (globs), and matches one of `regexes` finds in the matched text.
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    paths: Option<globset::GlobSet>,
    regexes: Vec<regex::Regex>,
}

impl Allowlist {
    /// Build it; a bad glob or regex is an error that names it.
    pub fn new(paths: &[String], regexes: &[String]) -> Result<Allowlist, String> {
        let paths = if paths.is_empty() {
            None
        } else {
            let mut set = globset::GlobSetBuilder::new();
            for p in paths {
                let glob = globset::GlobBuilder::new(p)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("`{p}` is not a glob: {e}"))?;
                set.add(glob);
            }
            Some(set.build().map_err(|e| e.to_string())?)
        };
        let regexes = regexes
            .iter()
            .map(|r| regex::Regex::new(r).map_err(|e| format!("`{r}` is not a regex: {e}")))
            .collect::<Result<_, _>>()?;
        Ok(Allowlist { paths, regexes })
    }

    fn allows_path(&self, file: &str) -> bool {
        self.paths.as_ref().is_some_and(|p| p.is_match(file))
    }

    fn allows_match(&self, found: &str) -> bool {
        // AWS's and others' documented example keys end in EXAMPLE (gitleaks' global allowlist).
        found.ends_with("EXAMPLE") || self.regexes.iter().any(|r| r.is_match(found))
    }
}

/// One kind of credential: the literals any match must contain (checked first, on the whole
/// text, so that a file without them never pays for the regex), and the regex. With a `group`,
/// that capture is the secret, and it must have `entropy` bits per character or more.
struct Rule {
    id: &'static str,
    what: &'static str,
    /// Any of these must occur (in the lowercased text when `fold`).
    needles: &'static [&'static str],
    fold: bool,
    regex: &'static str,
    /// For generic rules: the capture group holding the value, and its minimum Shannon entropy.
    entropy: Option<(usize, f64)>,
}

const fn rule(
    id: &'static str,
    what: &'static str,
    needles: &'static [&'static str],
    regex: &'static str,
) -> Rule {
    Rule {
        id,
        what,
        needles,
        fold: false,
        regex,
        entropy: None,
    }
}

/// The Shannon entropy (bits per character) a generic secret's value must reach, as gitleaks'
/// `generic-api-key` rule.
pub const ENTROPY: f64 = 3.5;

const RULES: [Rule; 20] = [
    rule(
        "aws-access-key-id",
        "an AWS access key id",
        &["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
        r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b",
    ),
    Rule {
        id: "aws-secret-access-key",
        what: "an AWS secret access key",
        needles: &["aws_secret", "awssecret", "aws-secret", "secretaccesskey"],
        fold: true,
        regex: r#"(?i)aws_?-?secret_?-?access_?-?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}"#,
        entropy: None,
    },
    rule(
        "gcp-api-key",
        "a Google Cloud API key",
        &["AIza"],
        r"\bAIza[0-9A-Za-z_-]{35}\b",
    ),
    rule(
        "gcp-service-account",
        "a Google Cloud service account key",
        &["private_key_id"],
        r#""private_key_id"\s*:\s*"[a-f0-9]{40}""#,
    ),
    rule(
        "azure-ad-client-secret",
        "an Azure AD client secret",
        &["Q~"],
        r"(?:^|[\\'`\x22\s>=:(,)])([a-zA-Z0-9_~.]{3}[0-9]Q~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'`\x22\s<),])",
    ),
    rule(
        "azure-storage-key",
        "an Azure storage account key",
        &["AccountKey="],
        r"AccountKey=[A-Za-z0-9+/]{86}==",
    ),
    rule(
        "private-key",
        "a private key",
        &["PRIVATE KEY", "PuTTY-User-Key-File"],
        r"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----|PuTTY-User-Key-File-[0-9]+:",
    ),
    rule(
        "github-token",
        "a GitHub token",
        &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
        r"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b",
    ),
    rule(
        "github-pat",
        "a GitHub fine-grained personal access token",
        &["github_pat_"],
        r"\bgithub_pat_[A-Za-z0-9_]{22,}\b",
    ),
    rule(
        "slack-token",
        "a Slack token",
        &["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "xoxe"],
        r"\bxox(?:[baprs]|e(?:\.xox[bp])?)-[A-Za-z0-9-]{10,}",
    ),
    rule(
        "slack-webhook",
        "a Slack webhook URL",
        &["hooks.slack.com"],
        r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}",
    ),
    rule(
        "stripe-key",
        "a Stripe secret or restricted key",
        &[
            "sk_live_", "rk_live_", "sk_test_", "rk_test_", "sk_prod_", "rk_prod_",
        ],
        r"\b[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10,99}\b",
    ),
    rule(
        "npm-token",
        "an npm access token",
        &["npm_"],
        r"\bnpm_[A-Za-z0-9]{36}\b",
    ),
    rule(
        "pypi-token",
        "a PyPI upload token",
        &["pypi-AgE"],
        r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}",
    ),
    rule(
        "jwt",
        "a JSON Web Token",
        &["eyJ"],
        r"\bey[A-Za-z0-9]{17,}\.ey[A-Za-z0-9/\\_-]{17,}\.(?:[A-Za-z0-9/\\_-]{10,}={0,2})?",
    ),
    rule(
        "gitlab-token",
        "a GitLab personal access token",
        &["glpat-"],
        r"\bglpat-[A-Za-z0-9_-]{20}\b",
    ),
    rule(
        "sendgrid-token",
        "a SendGrid API token",
        &["SG."],
        r"\bSG\.[A-Za-z0-9=_-]{22}\.[A-Za-z0-9=_-]{43}\b",
    ),
    rule(
        "twilio-key",
        "a Twilio API key",
        &["SK"],
        r"\bSK[0-9a-fA-F]{32}\b",
    ),
    rule(
        "heroku-key",
        "a Heroku API key",
        &["heroku"],
        r"(?i)heroku[A-Za-z0-9_ .-]{0,20}[:=]\s*['\x22]?[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\b",
    ),
    Rule {
        id: "generic-secret",
        what: "a secret assigned to a password, secret, token or key",
        needles: &[
            "pass",
            "pwd",
            "secret",
            "token",
            "apikey",
            "api_key",
            "api-key",
            "access_key",
            "access-key",
            "accesskey",
            "private_key",
            "privatekey",
            "credential",
        ],
        fold: true,
        regex: r#"(?i)[\w.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[\w.-]*["']?\s*(?::|=|:=|=>|\|\|:?=)\s*["']?([\x21\x23-\x26\x28-\x2b\x2d-\x3a\x3c-\x5f\x61-\x7e]{10,150})"#,
        entropy: Some((1, ENTROPY)),
    },
];

/// The compiled regexes, built on first need: building them all was a sixth of a change's
/// instructions, for files that almost never hold a credential.
static REGEXES: [std::sync::OnceLock<Option<regex::Regex>>; RULES.len()] =
    [const { std::sync::OnceLock::new() }; RULES.len()];

fn regex_of(i: usize) -> Option<&'static regex::Regex> {
    REGEXES[i]
        .get_or_init(|| {
            // ASCII classes and word boundaries (`(?-u)`): every pattern is ASCII, and a
            // Unicode `\b` or class multiplies the time it takes to build the automata.
            regex::Regex::new(&format!("(?-u){}", RULES[i].regex)).ok()
        })
        .as_ref()
}

/// Shannon entropy of `s` in bits per character.
pub fn entropy(s: &str) -> f64 {
    let mut counts = [0usize; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    if n == 0.0 {
        return 0.0;
    }
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// A generic rule's value that is a reference or an identifier, not a secret: `${VAR}`,
/// `${{ secrets.X }}`, `{{ .Values.x }}`, `$(cmd)`, `<placeholder>`, a path, a URL without a
/// password, an AWS ARN, a kebab-case name, a UUID or a commit SHA.
fn is_reference(value: &str) -> bool {
    static NAME: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    static ID: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let name =
        NAME.get_or_init(|| regex::Regex::new(r"^[a-z][a-z0-9]*(?:[-_./:][a-z0-9]+)+$").ok());
    let id = ID.get_or_init(|| {
        regex::Regex::new(
            r"^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-f]{40}|[0-9a-f]{64})$",
        )
        .ok()
    });
    // A path or a URL with no password in it names where a secret is, not the secret.
    let path = value.starts_with('/') || value.starts_with("./") || value.starts_with("~/");
    let url = value.contains("://") && !value.contains('@');
    // An AWS resource name (`arn:aws:secretsmanager:…:secret:prefix/*`) names a secret.
    let arn = value.starts_with("arn:");
    path || url
        || arn
        || value.starts_with('$')
        || value.starts_with("{{")
        || value.starts_with('<')
        || value.starts_with('%')
        || value.starts_with("secretKeyRef")
        || value.contains("${")
        || name.as_ref().is_some_and(|r| r.is_match(value))
        || id.as_ref().is_some_and(|r| r.is_match(value))
}

/// Does the match at byte `at` of `line` lie inside an AWS resource name (`arn:aws:
/// secretsmanager:…:secret:name`), which names a secret rather than holding one?
fn in_arn(line: &str, at: usize) -> bool {
    let before = &line[..at.min(line.len())];
    let token = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '[' | ','))
        .next()
        .unwrap_or("");
    token.starts_with("arn:")
}

/// Every credential in `text` (the file `file`) that `allow` does not allow, by line.
pub fn scan(file: &str, text: &str, allow: &Allowlist) -> Vec<Leak> {
    let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
    scan_lines(file, text, &lines, allow)
}

/// [`scan`] of the lines of `text` that `before` (the file's text before a change) does not
/// hold: what a change adds to a file, at the change's cost rather than the file's. Every
/// rule reads one line, so a credential the change adds is found as a whole-file scan finds
/// it; one already in the file before is the whole-repo scan's (`idp validate`) to report.
pub fn scan_added(file: &str, text: &str, before: &str, allow: &Allowlist) -> Vec<Leak> {
    let old: std::collections::HashSet<&str> = before.lines().collect();
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !old.contains(l))
        .collect();
    let added: String = lines.iter().flat_map(|(_, l)| [*l, "\n"]).collect();
    scan_lines(file, &added, &lines, allow)
}

/// The rules over `lines` (numbered from 0), whose text `haystack` holds (for the rules'
/// cheap needle test).
fn scan_lines(file: &str, haystack: &str, lines: &[(usize, &str)], allow: &Allowlist) -> Vec<Leak> {
    let mut out: Vec<Leak> = Vec::new();
    if allow.allows_path(file) || lines.is_empty() {
        return out;
    }
    let mut lower: Option<String> = None;
    for (i, rule) in RULES.iter().enumerate() {
        let hay = if rule.fold {
            lower
                .get_or_insert_with(|| haystack.to_ascii_lowercase())
                .as_str()
        } else {
            haystack
        };
        if !rule.needles.iter().any(|n| hay.contains(n)) {
            continue;
        }
        let Some(re) = regex_of(i) else { continue };
        for &(n, line) in lines {
            for caps in re.captures_iter(line) {
                let Some(whole) = caps.get(0) else { continue };
                let secret = match rule.entropy {
                    Some((group, min)) => {
                        let Some(value) = caps.get(group) else {
                            continue;
                        };
                        let value = value.as_str();
                        if is_reference(value)
                            || entropy(value) < min
                            || in_arn(line, whole.start())
                        {
                            continue;
                        }
                        value
                    }
                    None => whole.as_str(),
                };
                if allow.allows_match(secret) {
                    continue;
                }
                // A line a specific rule reported is not reported again by the generic one.
                if rule.entropy.is_some() && out.iter().any(|l| l.line == n + 1) {
                    continue;
                }
                out.push(Leak {
                    line: n + 1,
                    column: whole.start() + 1,
                    rule: rule.id,
                    what: rule.what,
                });
                break;
            }
        }
    }
    out.sort_by_key(|l| (l.line, l.column));
    out
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

#[cfg(test)]
mod scan_tests {
    use super::*;

    #[test]
    fn tokens_go_over_https_or_to_loopback_only() {
        for ok in [
            "https://api.github.com",
            "https://ghe.example.com/api/v3",
            "http://127.0.0.1:8080",
            "http://127.1.2.3/api",
            "http://localhost:3000",
            "http://[::1]:9000/",
            "/srv/git",
            "git@github.com:acme/platform.git",
        ] {
            assert!(check_transport(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.github.com",
            "http://ghe.example.com/api/v3",
            "http://10.0.0.1",
            "http://localhost.example.com",
            "HTTP://example.com",
        ] {
            let e = check_transport(bad).err().unwrap_or_default();
            assert!(
                e.contains("refusing to send a token over plain http"),
                "{bad}: {e}"
            );
        }
    }

    /// Fake secrets are built from pieces at run time, so that this file holds none (no
    /// scanner, ours or GitHub's push protection, flags the source).
    fn j(parts: &[&str]) -> String {
        parts.concat()
    }

    #[test]
    fn a_change_is_scanned_for_the_lines_it_adds_at_their_line_numbers() {
        let token = j(&["token: ", "ghp", "_", &random(36)]);
        let none = Allowlist::default();
        let before = format!("a: 1\nold: {token}\nb: 2\n");
        // The credential already in the file is not the change's; the one it adds is found
        // on its own line.
        let after = format!("a: 1\nold: {token}\nb: 2\nnew: {token}x\n");
        let leaks = scan_added("f.yaml", &after, &before, &none);
        assert_eq!(leaks.iter().map(|l| l.line).collect::<Vec<_>>(), vec![4]);
        assert_eq!(scan("f.yaml", &after, &none).len(), 2);
        // Nothing added, nothing scanned.
        assert!(scan_added("f.yaml", &before, &before, &none).is_empty());
    }

    fn rep(c: &str, n: usize) -> String {
        c.repeat(n)
    }

    /// 36 characters of a token's random part (mixed case and digits).
    fn random(n: usize) -> String {
        "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zAbC4dEf6GhJ8kLmN0pQr2StU4vWx6Yz8"
            .chars()
            .cycle()
            .take(n)
            .collect()
    }

    fn rules_in(file: &str, text: &str) -> Vec<&'static str> {
        scan(file, text, &Allowlist::default())
            .into_iter()
            .map(|l| l.rule)
            .collect()
    }

    #[test]
    fn every_rule_compiles() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(
                regex_of(i).is_some(),
                "rule `{}` does not compile: {:?}",
                r.id,
                regex::Regex::new(&format!("(?-u){}", r.regex)).err()
            );
        }
    }

    #[test]
    fn true_positives_one_per_category() {
        let jwt = j(&[
            "ey",
            "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
            ".ey",
            "JzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ",
            ".",
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        ]);
        let cases: Vec<(&str, String, &str)> = vec![
            (
                "aws key id",
                j(&["key: ", "AK", "IA", "Q3EGRI2KXVCPVWUB"]),
                "aws-access-key-id",
            ),
            (
                "aws secret",
                j(&["aws_secret_", "access_key = ", &random(40)]),
                "aws-secret-access-key",
            ),
            (
                "gcp api key",
                j(&["k: ", "AI", "za", &random(35)]),
                "gcp-api-key",
            ),
            (
                "gcp service account",
                j(&["\"private_key_id\"", ": \"", &rep("4f", 20), "\""]),
                "gcp-service-account",
            ),
            (
                "azure client secret",
                j(&["secret: ", "abc", "8", "Q~", &random(32)]),
                "azure-ad-client-secret",
            ),
            (
                "azure storage key",
                j(&[
                    "conn: DefaultEndpointsProtocol=https;",
                    "AccountKey=",
                    &random(86),
                    "==",
                ]),
                "azure-storage-key",
            ),
            (
                "rsa key",
                j(&["-----BEGIN ", "RSA PRIVATE", " KEY-----"]),
                "private-key",
            ),
            (
                "ec key",
                j(&["-----BEGIN ", "EC PRIVATE", " KEY-----"]),
                "private-key",
            ),
            (
                "dsa key",
                j(&["-----BEGIN ", "DSA PRIVATE", " KEY-----"]),
                "private-key",
            ),
            (
                "pkcs8 key",
                j(&["-----BEGIN ", "PRIVATE", " KEY-----"]),
                "private-key",
            ),
            (
                "encrypted key",
                j(&["-----BEGIN ", "ENCRYPTED PRIVATE", " KEY-----"]),
                "private-key",
            ),
            (
                "openssh key",
                j(&["-----BEGIN ", "OPENSSH PRIVATE", " KEY-----"]),
                "private-key",
            ),
            (
                "pgp key",
                j(&["-----BEGIN ", "PGP PRIVATE", " KEY BLOCK-----"]),
                "private-key",
            ),
            (
                "putty key",
                j(&["PuTTY-User-", "Key-File-3: ssh-ed25519"]),
                "private-key",
            ),
            (
                "github ghp",
                j(&["token: ", "ghp", "_", &random(36)]),
                "github-token",
            ),
            (
                "github gho",
                j(&["token: ", "gho", "_", &random(36)]),
                "github-token",
            ),
            (
                "github ghu",
                j(&["token: ", "ghu", "_", &random(36)]),
                "github-token",
            ),
            (
                "github ghs",
                j(&["token: ", "ghs", "_", &random(36)]),
                "github-token",
            ),
            (
                "github ghr",
                j(&["token: ", "ghr", "_", &random(36)]),
                "github-token",
            ),
            (
                "github pat",
                j(&["token: ", "github", "_pat_", &random(82)]),
                "github-pat",
            ),
            (
                "slack bot",
                j(&["slack: ", "xo", "xb-", "1234567890-", &random(24)]),
                "slack-token",
            ),
            (
                "slack user",
                j(&["slack: ", "xo", "xp-", "1234567890-", &random(24)]),
                "slack-token",
            ),
            (
                "slack webhook",
                j(&[
                    "url: https://",
                    "hooks.slack",
                    ".com/services/",
                    "T0000/B0000/",
                    &random(34),
                ]),
                "slack-webhook",
            ),
            (
                "stripe live",
                j(&["k: ", "sk", "_live_", &random(24)]),
                "stripe-key",
            ),
            (
                "stripe restricted",
                j(&["k: ", "rk", "_live_", &random(24)]),
                "stripe-key",
            ),
            (
                "npm",
                j(&["//registry.npmjs.org/:_authToken=", "npm", "_", &random(36)]),
                "npm-token",
            ),
            (
                "pypi",
                j(&["password: ", "pypi-", "AgEIcHlwaS5vcmc", &random(60)]),
                "pypi-token",
            ),
            ("jwt", j(&["auth: ", &jwt]), "jwt"),
            (
                "generic password",
                j(&["password: ", "Xk9#mQ2$vL7!pR4z"]),
                "generic-secret",
            ),
            (
                "generic secret",
                j(&["client_secret = \"", &random(32), "\""]),
                "generic-secret",
            ),
            (
                "generic token env",
                j(&["export API_TOKEN=", "f3a9c27b4e1d8a6f0b5c"]),
                "generic-secret",
            ),
            (
                "generic json",
                j(&["{\"db_password\": \"", "Qm9zc2VzLTQ4Zi1rZXk", "\"}"]),
                "generic-secret",
            ),
            (
                "generic dotenv",
                j(&["DB_PASSWORD=", "7hG2kLp9Qx4vB8nM"]),
                "generic-secret",
            ),
        ];
        for (name, text, rule) in cases {
            let found = rules_in("x.yaml", &text);
            assert_eq!(found, [rule], "{name}: {text}");
        }
    }

    #[test]
    fn false_positives_are_not_reported() {
        let lorem = "TG9yZW0gaXBzdW0gZG9sb3Igc2l0IGFtZXQsIGNvbnNlY3RldHVyIGFkaXBpc2Npbmcg";
        let cases = [
            "id: 123e4567-e89b-12d3-a456-426614174000",
            "token: 123e4567-e89b-12d3-a456-426614174000",
            "commit: 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
            "secretSha: 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
            &format!("data: {lorem}"),
            "token: ${{ secrets.GITHUB_TOKEN }}",
            "        GH_TOKEN: ${{ secrets.IDP_TOKEN }}",
            "password: ${DB_PASSWORD}",
            "password: \"${DB_PASSWORD}\"",
            "secretName: payments-prod-database-credentials",
            "passwordSecretRef: payments-db",
            "token: <your token here>",
            "password: changeme",
            "key: AKIAIOSFODNN7EXAMPLE",
            "tokenTtl: 3600",
            "#   privateKeyFile: /run/secrets/idp-app.pem",
            "tokenUrl: https://auth.example.com/realms/acme/protocol/openid-connect/token",
            "name: payments\nimage: nginx",
            "  external_secrets_secrets_manager_arns = [\"arn:aws:secretsmanager:eu-west-1:333333333333:secret:acme/prod/*\"]",
        ];
        for text in cases {
            assert!(rules_in("x.yaml", text).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_allowlist_skips_paths_and_matches() {
        let text = j(&["token: ", "ghp", "_", &random(36)]);
        let allow = Allowlist::new(&["docs/**".into()], &["^ghp_aB3".into()]).unwrap_or_default();
        assert!(
            scan(
                "docs/a/b.md",
                &text,
                &Allowlist::new(&["docs/**".into()], &[]).unwrap_or_default()
            )
            .is_empty()
        );
        assert!(scan("apps/x.yaml", &text, &allow).is_empty());
        let paths_only = Allowlist::new(&["docs/**".into()], &[]).unwrap_or_default();
        assert_eq!(scan("apps/x.yaml", &text, &paths_only).len(), 1);
        assert!(Allowlist::new(&["a[".into()], &[]).is_err());
        assert!(Allowlist::new(&[], &["(".into()]).is_err());
    }

    #[test]
    fn a_leak_says_where_and_never_holds_the_secret() {
        let text = j(&["a: 1\n", "b:\n  token: ", "ghp", "_", &random(36), "\n"]);
        let leaks = scan("x.yaml", &text, &Allowlist::default());
        assert_eq!(
            leaks,
            [Leak {
                line: 3,
                column: 10,
                rule: "github-token",
                what: "a GitHub token"
            }]
        );
    }

    #[test]
    fn entropy_is_in_bits_per_character() {
        assert_eq!(entropy("aaaa"), 0.0);
        assert!((entropy("abcd") - 2.0).abs() < 1e-9);
    }
}
