//! The validate stage, shared by `idp validate` and every change: YAML syntax and limits, the
//! JSON Schema of each file, cross-file rules (the promotion chain), Rego policies and a
//! secret scan. It reports every finding in one run; callers decide the exit code.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::error::Finding;
use crate::platform::{CONFIG_FILE, Source, environments};
use crate::policy;
use crate::schema::{Schemas, is_manifest, manifest_schema, schema_for};
use crate::yaml::{self, Document};

/// Which files' findings to report. Policies and cross-file rules always see every file.
pub enum Scope<'a> {
    All,
    Files(&'a [String]),
}

impl Scope<'_> {
    fn includes(&self, file: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Files(files) => files.iter().any(|f| f == file),
        }
    }
}

/// Run every check over `source`, reporting findings for the files in `scope`.
pub fn check(source: &dyn Source, scope: Scope<'_>) -> anyhow::Result<Vec<Finding>> {
    Ok(check_all(source, scope)?.findings)
}

/// What the checks found, and which approvals (PR labels) the files in scope need.
pub struct Checked {
    pub findings: Vec<Finding>,
    pub approvals: Vec<crate::policy::Approval>,
}

/// [`check`], with the approvals the policies require for the files in scope.
pub fn check_all(source: &dyn Source, scope: Scope<'_>) -> anyhow::Result<Checked> {
    let files = match &scope {
        Scope::All => source.files("")?,
        Scope::Files(f) => f.to_vec(),
    };
    let mut findings = Vec::new();
    let mut schemas = Schemas::default();
    let mut parsed: BTreeMap<String, Document> = BTreeMap::new();

    for file in &files {
        let text = match source.read(file) {
            Ok(Some(t)) => t,
            Ok(None) => continue,
            Err(e) => {
                tracing::debug!("skipping `{file}`: {e:#}");
                continue; // binary files are not checked
            }
        };
        findings.extend(scan_secrets(file, &text));
        if let Some(bad) = crate::records::lint(file, &text) {
            findings.extend(bad);
            continue;
        }
        if is_manifest(file) {
            findings.extend(check_manifests(source, &mut schemas, file, &text)?);
            continue;
        }
        if crate::golden::is_manifest(file) {
            findings.extend(crate::golden::check_manifest(file, &text));
            continue;
        }
        let Some(schema) = schema_for(file) else {
            continue;
        };
        match yaml::parse(&text) {
            Ok(doc) => {
                if file == CONFIG_FILE {
                    // The schema and the paths that must stay inside the repo (`reposDir`).
                    findings.extend(crate::platform::check_config(source, &doc)?);
                } else {
                    findings.extend(schemas.check(source, &schema, file, &doc)?);
                }
                parsed.insert(file.clone(), doc);
            }
            Err(e) => findings.push(
                Finding::error(file, e.line, e.col)
                    .rule("yaml")
                    .message(e.message),
            ),
        }
    }

    // Cross-file rules and policies judge the whole repo as it is (or will be).
    // (Parse errors of environment files were reported above, for the files in scope.)
    let (envs, parse_errors) = environments::load(source)?;
    let unparsed: Vec<String> = parse_errors
        .iter()
        .map(|f| environments::name_of(&f.file))
        .collect();
    let (_, order_findings) = environments::order(&envs, &unparsed);
    findings.extend(
        order_findings
            .into_iter()
            .filter(|f| scope.includes(&f.file)),
    );

    let config = match parsed.get(CONFIG_FILE) {
        Some(doc) => Some(doc.clone()),
        None => source.read(CONFIG_FILE)?.and_then(|t| yaml::parse(&t).ok()),
    };
    let changed: Vec<String> = files.clone();
    let (requests, _request_errors_reported_above) = crate::requests::load_all(source)?;
    let mut generated = serde_json::Map::new();
    for f in source.files("envs")? {
        if crate::requests::is_generated(&f)
            && f.ends_with(".json")
            && let Some(text) = source.read(&f)?
            && let Ok(v) = serde_json::from_str::<serde_json::Value>(&text)
        {
            generated.insert(f, v);
        }
    }
    let input = policy::input(config.as_ref(), &envs, &requests, &generated, &changed);
    let locate = |file: &str, pointer: &str| -> (usize, usize) {
        let doc = if file == CONFIG_FILE {
            config.as_ref()
        } else {
            envs.iter()
                .find(|e| e.path == file)
                .map(|e| &e.doc)
                .or_else(|| requests.iter().find(|r| r.path == file).map(|r| &r.doc))
        };
        doc.map(|d| {
            let s = d.locate(pointer);
            (s.line, s.col)
        })
        .unwrap_or((1, 1))
    };
    let evaluation = match policy::evaluate(source, &input, &locate) {
        Ok(e) => e,
        // A policy that stumbles on a value of the wrong type (`startswith` on a number): the
        // schema findings already say what is wrong, with file, line and field (exit 3).
        Err(e) if findings.iter().any(|f| f.rule.starts_with("schema/")) => {
            tracing::debug!("policies not evaluated over schema errors: {e:#}");
            policy::Evaluation::default()
        }
        Err(e) => return Err(e),
    };
    findings.extend(
        evaluation
            .findings
            .into_iter()
            .filter(|f| scope.includes(&f.file) || f.rule == "policy/syntax"),
    );
    findings.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    findings.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.message == b.message);
    let approvals = evaluation
        .approvals
        .into_iter()
        .filter(|a| a.file.is_empty() || scope.includes(&a.file))
        .collect();
    Ok(Checked {
        findings,
        approvals,
    })
}

/// Kubernetes manifests: each document is judged by the schema of its `kind`.
fn check_manifests(
    source: &dyn Source,
    schemas: &mut Schemas,
    file: &str,
    text: &str,
) -> anyhow::Result<Vec<Finding>> {
    let docs = match yaml::parse_all(text) {
        Ok(d) => d,
        Err(e) => {
            return Ok(vec![
                Finding::error(file, e.line, e.col)
                    .rule("yaml")
                    .message(e.message),
            ]);
        }
    };
    let mut findings = Vec::new();
    for doc in docs {
        let Some(kind) = doc.value.get("kind").and_then(|k| k.as_str()) else {
            let at = doc.root.span();
            findings.push(
                Finding::error(file, at.line, at.col)
                    .rule("kubernetes/kind")
                    .message("a Kubernetes manifest needs `apiVersion` and `kind`"),
            );
            continue;
        };
        let schema = manifest_schema(kind);
        if schemas.exists(source, &schema)? {
            findings.extend(schemas.check(source, &schema, file, &doc)?);
        }
    }
    Ok(findings)
}

/// One kind of credential: the literals any match must contain (checked first, on the whole
/// text, so that a file without them never pays for the regex), and the regex itself.
struct SecretPattern {
    name: &'static str,
    /// Any of these must occur (in the lowercased text when `fold`).
    needles: &'static [&'static str],
    fold: bool,
    regex: &'static str,
}

const SECRET_PATTERNS: [SecretPattern; 6] = [
    SecretPattern {
        name: "AWS access key id",
        needles: &["AKIA", "ASIA"],
        fold: false,
        regex: r"\b(AKIA|ASIA)[0-9A-Z]{16}\b",
    },
    SecretPattern {
        name: "AWS secret access key",
        needles: &["aws_secret", "awssecret"],
        fold: true,
        regex: r#"(?i)aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}"#,
    },
    SecretPattern {
        name: "GitHub token",
        needles: &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
        fold: false,
        regex: r"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b",
    },
    SecretPattern {
        name: "GitHub token",
        needles: &["github_pat_"],
        fold: false,
        regex: r"\bgithub_pat_[A-Za-z0-9_]{22,}\b",
    },
    SecretPattern {
        name: "private key",
        needles: &["PRIVATE KEY-----"],
        fold: false,
        regex: r"-----BEGIN ([A-Z]+ )?PRIVATE KEY-----",
    },
    SecretPattern {
        name: "Slack token",
        needles: &["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"],
        fold: false,
        regex: r"\bxox[baprs]-[A-Za-z0-9-]{10,}\b",
    },
];

/// The compiled regexes, built on first need: building them all was a sixth of a change's
/// instructions, for files that almost never hold a credential.
static SECRET_REGEXES: [OnceLock<Option<Regex>>; 6] = [const { OnceLock::new() }; 6];

fn secret_regex(i: usize) -> Option<&'static Regex> {
    SECRET_REGEXES[i]
        .get_or_init(|| {
            // ASCII classes and word boundaries (`(?-u)`): every pattern is ASCII, and a
            // Unicode `\b` or class multiplies the time it takes to build the automata.
            Regex::new(&format!("(?-u){}", SECRET_PATTERNS[i].regex)).ok()
        })
        .as_ref()
}

/// Secrets never enter git: report anything that looks like a credential.
pub fn scan_secrets(file: &str, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut lower: Option<String> = None;
    for (i, pattern) in SECRET_PATTERNS.iter().enumerate() {
        let haystack = if pattern.fold {
            lower
                .get_or_insert_with(|| text.to_ascii_lowercase())
                .as_str()
        } else {
            text
        };
        if !pattern.needles.iter().any(|n| haystack.contains(n)) {
            continue;
        }
        let Some(re) = secret_regex(i) else { continue };
        for (n, line) in text.lines().enumerate() {
            if let Some(m) = re.find(line) {
                out.push(
                    Finding::error(file, n + 1, m.start() + 1)
                        .rule("secrets")
                        .message(format!(
                            "this looks like a {}; secrets never go into git — store it in \
                             the secret store and reference it instead",
                            pattern.name
                        )),
                );
            }
        }
    }
    out.sort_by_key(|f| (f.line, f.column));
    out
}

#[cfg(test)]
mod secret_tests {
    use super::*;

    #[test]
    fn every_secret_pattern_compiles_and_finds_its_secret() {
        for i in 0..SECRET_PATTERNS.len() {
            assert!(secret_regex(i).is_some(), "pattern {i} does not compile");
        }
        let samples = [
            "key: AKIAABCDEFGHIJKLMNOP",
            "aws_secret_access_key = abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123",
            "token: ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
            "token: github_pat_abcdefghijklmnopqrstuvwxyz",
            "-----BEGIN RSA PRIVATE KEY-----",
            "slack: xoxb-1234567890-abc",
        ];
        for s in samples {
            assert_eq!(scan_secrets("f.yaml", s).len(), 1, "{s}");
        }
        assert!(scan_secrets("f.yaml", "name: payments\nimage: nginx\n").is_empty());
    }
}
