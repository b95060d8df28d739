//! The validate stage, shared by `idp validate` and every change: YAML syntax and limits, the
//! JSON Schema of each file, cross-file rules (the promotion chain), Rego policies and a
//! secret scan. It reports every finding in one run; callers decide the exit code.

use crate::error::Finding;
use crate::infra::secrets;
use crate::platform::{CONFIG_FILE, Source, environments};
use crate::policy;
use crate::schema::SharedSchemas;
use crate::schema::table::{is_manifest, manifest_schema, schema_for};
use crate::yaml::{self, Document};
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// The files a branch changes: from the merge base of `base` (default: the forge's base
/// branch, as the remote holds it when it can) and HEAD to the working tree, uncommitted
/// changes included (what a pull request of this checkout would change). Deleted files are in
/// it too: their dependents must be checked again.
pub fn changed_since(repo: &git2::Repository, base: Option<&str>) -> anyhow::Result<Vec<String>> {
    let base_ref = match base {
        Some(b) => b.to_string(),
        None => {
            let name = super::resolve_base(repo, &Default::default())
                .map(|b| b.name)
                .unwrap_or_else(|_| "main".into());
            let remote = format!("origin/{name}");
            if repo.revparse_single(&remote).is_ok() {
                remote
            } else {
                name
            }
        }
    };
    let base_commit = repo
        .revparse_single(&base_ref)
        .and_then(|o| o.peel_to_commit())
        .map_err(|_| {
            crate::error::IdpError::usage(format!("`--base {base_ref}` is not a commit"))
        })?;
    let head = repo.head()?.peel_to_commit()?;
    let mb = repo.merge_base(base_commit.id(), head.id())?;
    let old = repo.find_commit(mb)?.tree()?;
    let mut out: std::collections::BTreeSet<String> =
        super::plan::tree_changes(repo, Some(&old), &head.tree()?)?
            .files
            .into_iter()
            .map(|f| f.path)
            .collect();
    let mut opts = git2::StatusOptions::new();
    opts.include_untracked(true).recurse_untracked_dirs(true);
    for entry in repo.statuses(Some(&mut opts))?.iter() {
        if let Ok(p) = entry.path()
            && !entry.status().is_ignored()
        {
            out.insert(p.to_string());
        }
    }
    Ok(out.into_iter().collect())
}

/// What `idp validate --changed` checks: the changed files and the files whose findings a
/// cross-file rule could change because of them (`None`: everything). The rules:
///
/// - `idp.yaml`, `schemas/**`, `policies/**`: every file (they judge everything);
/// - an environment file: every environment file (the promotion chain) and the environment's
///   requests (their policies read it);
/// - a request (`requests/<kind>/<env>/<id>.yaml`): every request of its kind (names and
///   identifiers are unique per kind) and what idp generates from it (its Terraform inputs
///   under `envs/<env>/<kind>/generated/`, its catalog entity);
/// - a generated Terraform input: its request;
/// - any other file: itself.
///
/// Findings are the ones a full run gives for those files: policies and cross-file rules still
/// see the whole repository; only what is reported is narrowed.
pub fn dependents(source: &dyn Source, changed: &[String]) -> anyhow::Result<Option<Vec<String>>> {
    let mut out: std::collections::BTreeSet<String> = changed.iter().cloned().collect();
    for file in changed {
        if file == CONFIG_FILE || file.starts_with("schemas/") || file.starts_with("policies/") {
            return Ok(None);
        }
        if environments::is_env_file(file) {
            out.extend(source.files("environments")?);
            let env = environments::name_of(file);
            for kind in source.entries("requests")? {
                out.extend(source.files(&format!("requests/{kind}/{env}"))?);
            }
            continue;
        }
        let parts: Vec<&str> = file.split('/').collect();
        match parts.as_slice() {
            ["requests", kind, env, name] if name.ends_with(".yaml") => {
                for e in source.entries(&format!("requests/{kind}"))? {
                    out.extend(source.files(&format!("requests/{kind}/{e}"))?);
                }
                let id = name.trim_end_matches(".yaml");
                for f in source.files(&format!("envs/{env}/{kind}/generated"))? {
                    if f.rsplit('/')
                        .next()
                        .is_some_and(|n| n.starts_with(&format!("{id}.")))
                    {
                        out.insert(f);
                    }
                }
                out.insert(crate::requests::catalog_path(id));
            }
            ["envs", env, kind, "generated", name] => {
                if let Some(id) = name.split('.').next() {
                    out.insert(format!("requests/{kind}/{env}/{id}.yaml"));
                }
            }
            _ => {}
        }
    }
    Ok(Some(out.into_iter().collect()))
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
    let schemas = SharedSchemas::default();
    let (allow, bad_allowlist) = allowlist(source);
    findings.extend(bad_allowlist.filter(|f| scope.includes(&f.file)));
    let (file_findings, config_doc) = check_files(source, &files, &allow, &schemas)?;
    findings.extend(file_findings);

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

    let config = match config_doc {
        Some(doc) => Some(doc),
        None => source.read(CONFIG_FILE)?.and_then(|t| yaml::parse(&t).ok()),
    };
    // `backstage.environments` names environments that exist, with Backstage's database.
    if scope.includes(CONFIG_FILE)
        && let Some(doc) = &config
    {
        findings.extend(crate::platform::config::check_backstage(
            source, doc, &envs,
        )?);
    }
    // Backstage and Keycloak read one database an environment: a second is an error at it.
    findings.extend(crate::platform::config::check_backstage_databases(
        source, &files,
    )?);
    // Keycloak runs on every cluster, on its environment's `keycloak` database (ADR-0043).
    findings.extend(crate::platform::config::check_keycloak_databases(
        source, &files,
    )?);
    let changed: Vec<String> = files.clone();
    // The requests and their generated inputs go into the policies' input when what is judged
    // can involve them. A change that touches none of them (an image, an overlay, a record, an
    // ADR) cannot change a request's verdict, and the request policies' findings and approvals
    // name request files, which such a change does not report: reading every request would
    // make the change cost what the repository costs (issue 23).
    let judges_requests = match &scope {
        Scope::All => true,
        Scope::Files(f) => f.iter().any(|p| reads_requests(p)),
    };
    // The requests under review are those in scope; a rule relating a request to others reads
    // the inventory of the kinds the policies name (ADR-0042): a change costs its requests and
    // the kinds looked up, not every request of the platform.
    let in_scope = |files: &[String]| -> Vec<String> {
        files
            .iter()
            .filter(|f| crate::requests::kind_of(f).is_some())
            .cloned()
            .collect()
    };
    let policies = policy::texts(source)?;
    let reads = if judges_requests {
        policy::reads_in(&policies)
    } else {
        policy::Reads::Everything
    };
    let narrowed = matches!(reads, policy::Reads::Inventory(_));
    // A policy set from before ADR-0042 that looks other requests up over `input.requests`:
    // where the migration could move a lookup, say so (the set works, at every request's cost).
    if judges_requests && !narrowed {
        findings.extend(
            legacy_lookups(&policies)
                .into_iter()
                .filter(|f| scope.includes(&f.file)),
        );
    }
    let (requests, _request_errors_reported_above) = match (&scope, judges_requests) {
        (_, false) => (Vec::new(), Vec::new()),
        (Scope::Files(f), true) if narrowed => crate::requests::load(source, in_scope(f))?,
        (_, true) => crate::requests::load_all(source)?,
    };
    let inventory = match &scope {
        _ if !narrowed => Vec::new(),
        Scope::All => requests
            .iter()
            .filter(|r| reads.inventory_has(r.kind.name))
            .cloned()
            .collect(),
        Scope::Files(_) => {
            let mut paths = Vec::new();
            for kind in source.entries("requests")? {
                if reads.inventory_has(&kind) {
                    paths.extend(source.files(&format!("requests/{kind}"))?);
                }
            }
            crate::requests::load(source, paths)?.0
        }
    };
    let mut generated = serde_json::Map::new();
    let generated_files = match (&scope, judges_requests) {
        (_, false) => Vec::new(),
        (Scope::Files(f), true) if narrowed => f.to_vec(),
        (_, true) => source.files("envs")?,
    };
    for f in generated_files {
        if crate::requests::is_generated(&f)
            && f.ends_with(".json")
            && let Some(text) = source.read(&f)?
            && let Ok(v) = serde_json::from_str::<serde_json::Value>(&text)
        {
            generated.insert(f, v);
        }
    }
    let input = policy::input(
        config.as_ref(),
        &envs,
        &requests,
        &inventory,
        &generated,
        &changed,
    );
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
    let evaluation = match policy::evaluate(&policies, &input, &locate) {
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

/// A warning at the first lookup of other requests over `input.requests` in each policy file
/// that `idp migrate policy-inventory` would move to `input.inventory.<kind>` (ADR-0042, 0045).
fn legacy_lookups(policies: &[(String, String)]) -> Vec<Finding> {
    let plans = policy::migrate::plan_set(policies);
    policies
        .iter()
        .zip(plans)
        .filter_map(|((path, _), plan)| {
            let first = plan.moved.first()?;
            Some(
                Finding::error(path.as_str(), first.line, 1)
                    .warning()
                    .rule("policy/inventory")
                    .message(format!(
                        "this rule looks other requests up over `{}`, so every change loads \
                         every request for the policies (a policy set from before ADR-0042): \
                         `idp migrate policy-inventory` moves it to `{}`",
                        first.from, first.to
                    )),
            )
        })
        .collect()
}

/// Does a change to `path` bring the requests before the policies? Requests, their generated
/// inputs and catalog entities, the environments and idp.yaml they are judged against, and the
/// policies and schemas themselves.
fn reads_requests(path: &str) -> bool {
    path == CONFIG_FILE
        || [
            "requests/",
            "envs/",
            "policies/",
            "schemas/",
            "catalog/resources/",
        ]
        .iter()
        .any(|p| path.starts_with(p))
        || environments::is_env_file(path)
}

/// The per-file checks of `files` (secrets, records, YAML, schemas, manifests), on every core
/// when the source can be shared between threads and there are enough files to be worth it;
/// the parsed idp.yaml when it is among them. Each file is read, checked and dropped, so no
/// more than one file per thread is held at a time; the order of findings is fixed by the
/// caller's sort, not by which thread ran first.
fn check_files(
    source: &dyn Source,
    files: &[String],
    allow: &secrets::Allowlist,
    schemas: &SharedSchemas,
) -> anyhow::Result<(Vec<Finding>, Option<Document>)> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(MAX_THREADS);
    let run = |source: &dyn Source, next: &AtomicUsize| -> anyhow::Result<FileChecked> {
        let mut out = FileChecked::default();
        loop {
            let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) else {
                return Ok(out);
            };
            let one = check_file(source, schemas, allow, file)?;
            out.findings.extend(one.findings);
            out.config = out.config.or(one.config);
        }
    };
    let next = AtomicUsize::new(0);
    let results: Vec<anyhow::Result<FileChecked>> = match source.as_sync() {
        Some(shared) if threads > 1 && files.len() >= PARALLEL_FROM => std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|_| s.spawn(|| run(shared, &next)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(anyhow::anyhow!("a validation thread panicked")))
                })
                .collect()
        }),
        _ => vec![run(source, &next)],
    };
    let mut findings = Vec::new();
    let mut config = None;
    for r in results {
        let r = r?;
        findings.extend(r.findings);
        config = config.or(r.config);
    }
    Ok((findings, config))
}

/// Below this many files one thread does it (starting threads costs more than it saves).
const PARALLEL_FROM: usize = 64;
/// More threads than this only contend for the disk.
const MAX_THREADS: usize = 16;

/// What checking files found; idp.yaml's document is kept for the policies.
#[derive(Default)]
struct FileChecked {
    findings: Vec<Finding>,
    config: Option<Document>,
}

/// Every per-file check of one file.
fn check_file(
    source: &dyn Source,
    schemas: &SharedSchemas,
    allow: &secrets::Allowlist,
    file: &str,
) -> anyhow::Result<FileChecked> {
    let mut out = FileChecked::default();
    let text = match source.read(file) {
        Ok(Some(t)) => t,
        Ok(None) => return Ok(out),
        Err(e) => {
            tracing::debug!("skipping `{file}`: {e:#}");
            return Ok(out); // binary files are not checked
        }
    };
    // A change to a file is scanned for what it adds (a change costs what it changes).
    match source.before(file).ok().flatten() {
        Some(before) => out.findings.extend(
            secrets::scan_added(file, &text, &before, allow)
                .into_iter()
                .map(|leak| leak_finding(file, leak)),
        ),
        None => out.findings.extend(scan_secrets_with(file, &text, allow)),
    }
    if let Some(bad) = crate::records::lint(file, &text) {
        out.findings.extend(bad);
        return Ok(out);
    }
    if is_manifest(file) {
        out.findings
            .extend(check_manifests(source, schemas, file, &text)?);
        return Ok(out);
    }
    if crate::golden::is_manifest(file) {
        out.findings
            .extend(crate::golden::check_manifest(file, &text));
        return Ok(out);
    }
    let Some(schema) = schema_for(file) else {
        return Ok(out);
    };
    match yaml::parse(&text) {
        Ok(doc) => {
            if file == CONFIG_FILE {
                // The schema and the paths that must stay inside the repo (`reposDir`).
                out.findings
                    .extend(crate::platform::check_config(source, &doc)?);
                out.config = Some(doc);
            } else {
                out.findings
                    .extend(schemas.check(source, &schema, file, &doc)?);
            }
        }
        Err(e) => out.findings.push(
            Finding::error(file, e.line, e.col)
                .rule("yaml")
                .message(e.message),
        ),
    }
    Ok(out)
}

/// Kubernetes manifests: each document is judged by the schema of its `kind`.
fn check_manifests(
    source: &dyn Source,
    schemas: &SharedSchemas,
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

/// Secrets never enter git: report anything that looks like a credential (the rules of
/// [`secrets::scan`], with no allowlist), by file, line and rule; never the secret itself.
pub fn scan_secrets(file: &str, text: &str) -> Vec<Finding> {
    scan_secrets_with(file, text, &secrets::Allowlist::default())
}

/// [`scan_secrets`] minus what `allow` allows (`secrets.allowlist` in idp.yaml).
pub fn scan_secrets_with(file: &str, text: &str, allow: &secrets::Allowlist) -> Vec<Finding> {
    secrets::scan(file, text, allow)
        .into_iter()
        .map(|leak| leak_finding(file, leak))
        .collect()
}

/// The finding for a credential found in `file`.
fn leak_finding(file: &str, leak: secrets::Leak) -> Finding {
    Finding::error(file, leak.line, leak.column)
        .rule(format!("secrets/{}", leak.rule))
        .message(format!(
            "this looks like {} (not shown); secrets never go into git: store it in the secret \
             store and reference it instead, or allow it under `secrets.allowlist` in idp.yaml \
             when it is not a secret",
            leak.what
        ))
}

/// The `secrets.allowlist` of the idp.yaml in `source` (none when it has none or cannot be
/// read; a bad glob or regex is a finding on idp.yaml).
fn allowlist(source: &dyn Source) -> (secrets::Allowlist, Option<Finding>) {
    let Some(doc) = source
        .read(CONFIG_FILE)
        .ok()
        .flatten()
        .and_then(|t| yaml::parse(&t).ok())
    else {
        return (secrets::Allowlist::default(), None);
    };
    let settings: crate::platform::config::SecretsAllowlist = doc
        .value
        .pointer("/secrets/allowlist")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default();
    match secrets::Allowlist::new(&settings.paths, &settings.regexes) {
        Ok(a) => (a, None),
        Err(e) => {
            let at = doc.locate("/secrets/allowlist");
            (
                secrets::Allowlist::default(),
                Some(
                    Finding::error(CONFIG_FILE, at.line, at.col)
                        .path("/secrets/allowlist")
                        .rule("secrets/allowlist")
                        .message(e),
                ),
            )
        }
    }
}
