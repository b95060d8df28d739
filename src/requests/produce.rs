//! The producers behind `idp provision`: a request (from flags, `--set`, or a file) with its
//! ID allocated and its files rendered, as one Changeset; the re-render that heals generated
//! files (`render --fix`); and deletion (never of a production database without break-glass).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::render::RenderCtx;
use super::{IdAllocator, Kind, RequestFile, files_for, load_all};
use crate::change::Changeset;
use crate::error::{Finding, IdpError};
use crate::platform::environments::EnvFile;
use crate::platform::{Config, Source};

/// What `idp provision <kind>` was asked for.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    pub env: String,
    /// `env` is the request file's `environment:` (no `--env` was given).
    pub env_from_file: bool,
    /// `(display name, text)` of a request file (or stdin).
    pub file: Option<(String, String)>,
    pub owner: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub application: Option<String>,
    /// The kind's natural name (bucket, database, repository, cluster or secret name).
    pub name: Option<String>,
    pub size: Option<String>,
    /// `key=value` pairs: spec paths (`purpose.type`), or header fields (`owner`, `metadata.title`).
    pub sets: Vec<(String, Value)>,
    pub actor: String,
    /// `(branch, ID)` of requests in open pull requests: not handed out again (except to this
    /// change's own branch).
    pub reserved: Vec<(String, String)>,
    /// The highest number of this kind's sequence: new IDs are above it.
    pub taken: u64,
}

/// The environment of a request: `--env`, else the request file's `environment:` (then
/// `true`). Both given and different, or neither, is a usage error (exit 2) that names the
/// file and line.
pub fn environment(
    flag: Option<&str>,
    file: Option<&(String, String)>,
) -> anyhow::Result<(String, bool)> {
    let parsed = match file {
        Some((display, text)) => Some((
            display,
            crate::yaml::parse(text).map_err(|e| {
                IdpError::bad_input(
                    Finding::error(display, e.line, e.col)
                        .rule("yaml")
                        .message(e.message),
                )
            })?,
        )),
        None => None,
    };
    let in_file = parsed.as_ref().and_then(|(display, doc)| {
        let env = doc.value.get("environment")?.as_str()?.to_string();
        let at = doc.locate("/environment");
        Some((env, format!("{display}:{}:{}", at.line, at.col)))
    });
    match (flag, in_file) {
        (Some(flag), Some((env, at))) if flag != env => Err(IdpError::usage(format!(
            "{at}: the request says `environment: {env}` but `--env {flag}` was given; drop \
             `--env` or make them agree"
        ))),
        (Some(flag), _) => Ok((flag.to_string(), false)),
        (None, Some((env, at))) => {
            crate::input::name("environment", &env, 20)
                .map_err(|e| IdpError::usage(format!("{at}: {e}")))?;
            Ok((env, true))
        }
        (None, None) => Err(IdpError::usage(
            "no environment: give `--env ENV`, or `environment:` in the request file (`-f FILE`)",
        )),
    }
}

/// The spec field that names a request of this kind, if it has one.
pub fn name_field(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "s3" => "bucketName",
        "rds" => "databaseName",
        "ecr" => "repositoryName",
        "eks" => "clusterName",
        "secrets" => "name",
        _ => return None,
    })
}

fn size_field(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "rds" | "ec2" => "size",
        "eks" => "nodeTier",
        "ebs" => "sizeGb",
        _ => return None,
    })
}

const HEADER: [&str; 5] = ["id", "environment", "owner", "requester", "metadata"];

fn set_path(doc: &mut Map<String, Value>, path: &str, value: Value) -> Result<(), String> {
    let mut keys: Vec<&str> = path.split('.').collect();
    if keys.iter().any(|k| k.is_empty()) {
        return Err(format!("`{path}` is not a key path"));
    }
    if keys[0] != "spec" && !HEADER.contains(&keys[0]) {
        keys.insert(0, "spec");
    }
    let mut node = doc;
    for k in &keys[..keys.len() - 1] {
        let entry = node.entry(k.to_string()).or_insert_with(|| json!({}));
        if !entry.is_object() {
            return Err(format!("`{path}`: `{k}` is not a mapping"));
        }
        node = entry.as_object_mut().expect("checked above");
    }
    node.insert(keys[keys.len() - 1].to_string(), value);
    Ok(())
}

/// The contract's purpose defaults for S3 (logs, uploads, backups, data-lake, static-assets).
fn s3_purpose_defaults(spec: &mut Map<String, Value>) {
    let purpose = spec
        .get("purpose")
        .and_then(|p| p.get("type"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let (versioning, class, lifecycle): (bool, &str, Option<Value>) = match purpose {
        "logs" => (false, "standard-ia", Some(json!({"expireDays": 90}))),
        "backups" => (
            true,
            "standard",
            Some(json!({"transitionToGlacierDays": 90})),
        ),
        "data-lake" => (false, "intelligent-tiering", None),
        _ => (true, "standard", None),
    };
    spec.entry("versioning").or_insert(json!(versioning));
    spec.entry("storageClass").or_insert(json!(class));
    if let Some(l) = lifecycle {
        spec.entry("lifecycle").or_insert(l);
    }
}

/// A request as a Changeset. `branch_tree` is the tree of this change's branch when it
/// exists, so a rerun keeps the ID it allocated (unless the base took it meanwhile).
pub fn request(
    base: &dyn Source,
    branch_tree: Option<&dyn Source>,
    config: &Config,
    envs: &[EnvFile],
    kind: &'static Kind,
    opts: &RequestOptions,
) -> anyhow::Result<Changeset> {
    let Some(env) = envs.iter().find(|e| e.name == opts.env) else {
        if opts.env_from_file
            && let Some((display, text)) = &opts.file
            && let Ok(doc) = crate::yaml::parse(text)
        {
            let at = doc.locate("/environment");
            return Err(IdpError::bad_input(
                Finding::error(display, at.line, at.col)
                    .path("environment")
                    .rule("requests/environment")
                    .message(format!(
                        "there is no environment `{}` (environments: {})",
                        opts.env,
                        envs.iter()
                            .map(|e| e.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
            ));
        }
        return Err(IdpError::usage(format!(
            "`--env {}`: there is no such environment (environments: {})",
            opts.env,
            envs.iter()
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    let mut from_file: Option<(&str, crate::yaml::Document)> = None;
    let mut doc: Map<String, Value> = match &opts.file {
        Some((display, text)) => {
            let parsed = crate::yaml::parse(text).map_err(|e| {
                IdpError::bad_input(
                    Finding::error(display, e.line, e.col)
                        .rule("yaml")
                        .message(e.message),
                )
            })?;
            let value = parsed.value.clone();
            from_file = Some((display.as_str(), parsed));
            match value {
                Value::Object(m) => m,
                _ => {
                    return Err(IdpError::bad_input(
                        Finding::error(display, 1, 1)
                            .rule("yaml")
                            .message("a request file must be a mapping"),
                    ));
                }
            }
        }
        None => Map::new(),
    };
    if let Some(e) = doc.get("environment").and_then(Value::as_str)
        && e != opts.env
    {
        return Err(IdpError::usage(format!(
            "the request says `environment: {e}` but `--env {}` was given",
            opts.env
        )));
    }
    let mut flag_sets: Vec<(String, Value)> = Vec::new();
    if let Some(o) = &opts.owner {
        flag_sets.push(("owner".into(), json!(o)));
    }
    if let Some(t) = &opts.title {
        flag_sets.push(("metadata.title".into(), json!(t)));
    }
    if let Some(d) = &opts.description {
        flag_sets.push(("metadata.description".into(), json!(d)));
    }
    if let Some(a) = &opts.application {
        flag_sets.push(("spec.application".into(), json!(a)));
    }
    if let Some(n) = &opts.name {
        let field = name_field(kind.name).ok_or_else(|| {
            IdpError::usage(format!(
                "`--name` does not apply to {} requests",
                kind.title
            ))
        })?;
        flag_sets.push((format!("spec.{field}"), json!(n)));
    }
    if let Some(s) = &opts.size {
        let field = size_field(kind.name).ok_or_else(|| {
            IdpError::usage(format!(
                "`--size` does not apply to {} requests",
                kind.title
            ))
        })?;
        let v = crate::yaml::resolve_plain(s);
        flag_sets.push((format!("spec.{field}"), v));
    }
    for (k, v) in flag_sets.iter().chain(opts.sets.iter()) {
        set_path(&mut doc, k, v.clone())
            .map_err(|m| IdpError::usage(format!("`--set {k}`: {m}")))?;
    }
    doc.insert("environment".into(), json!(opts.env));
    doc.insert("requester".into(), json!(opts.actor));
    unknown_fields(base, kind, &doc, from_file.as_ref())?;
    if kind.name == "s3"
        && let Some(spec) = doc.get_mut("spec").and_then(Value::as_object_mut)
    {
        s3_purpose_defaults(spec);
    }

    // The ID: the one given, the one this change's branch already holds, or the next free.
    let mut ids = IdAllocator::new(base, kind.name)?;
    let mut fresh = IdAllocator::new(base, kind.name)?;
    fresh.at_least(opts.taken);
    let given = doc.get("id").and_then(Value::as_str).map(str::to_string);
    // The ID names the request's file: one that cannot (a path, a line break) is bad input
    // here; a well-shaped wrong one (`S3-1`) is left to the schema, which names the rule.
    if let Some(id) = &given
        && !(id.len() <= 64
            && id.starts_with(|c: char| c.is_ascii_alphanumeric())
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        let (file, line, col) = match &from_file {
            Some((display, d)) if d.value.get("id").is_some() => {
                let at = d.locate("/id");
                (display.to_string(), at.line, at.col)
            }
            _ => ("--set".to_string(), 1, 1),
        };
        return Err(IdpError::bad_input(
            Finding::error(file, line, col)
                .path("id")
                .rule("requests/id")
                .message(format!(
                    "`{}` cannot be a request ID (letters, digits and `-`, like `{}-0001`)",
                    id.chars().take(60).collect::<String>().escape_debug(),
                    kind.prefix
                )),
        ));
    }
    let name = name_field(kind.name)
        .and_then(|f| {
            doc.get("spec")
                .and_then(|s| s.get(f))
                .and_then(Value::as_str)
        })
        .map(str::to_string);
    let well_formed = |id: &str| super::kind_of_id(id).is_some_and(|k| k.name == kind.name);
    // The same file on the base is this request being edited, unless it names another resource.
    let edits_itself = |id: &str| -> anyhow::Result<bool> {
        let Some(text) = base.read(&super::path(kind.name, &opts.env, id))? else {
            return Ok(false);
        };
        let Some(field) = name_field(kind.name) else {
            return Ok(true);
        };
        let theirs = crate::yaml::parse(&text)
            .ok()
            .and_then(|d| d.value.pointer(&format!("/spec/{field}")).cloned());
        Ok(theirs.as_ref().and_then(Value::as_str) == name.as_deref())
    };
    let branch = format!(
        "idp/{}/{}-{}",
        kind.name,
        opts.env,
        slug(name.as_deref().unwrap_or(given.as_deref().unwrap_or("")))
    );
    let others: Vec<String> = opts
        .reserved
        .iter()
        .filter(|(b, _)| name.is_none() || *b != branch)
        .map(|(_, id)| id.clone())
        .collect();
    fresh.reserve(&others);
    ids.reserve(&others);
    // `allocated`: the ID is this run's own pick (see `claim`), not one the request or its
    // branch already held.
    let (id, allocated) = match given {
        // Keep what was given when it is this request's own, free, or malformed (the schema
        // then says what is wrong with it); renumber a well-formed ID taken on the base or by
        // another open pull request.
        Some(id) if !well_formed(&id) || edits_itself(&id)? || ids.is_free(&id) => (id, false),
        Some(id) => {
            let new = fresh.next_id();
            tracing::warn!("`{id}` is already taken on the base branch; renumbered to `{new}`");
            (new, true)
        }
        None => {
            let previous = branch_tree
                .map(|t| t.files(&format!("requests/{}/{}", kind.name, opts.env)))
                .transpose()?
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| {
                    p.rsplit('/')
                        .next()
                        .map(|f| f.trim_end_matches(".yaml").to_string())
                })
                .find(|id| ids.is_free(id));
            match previous {
                Some(id) => (id, false),
                None => (fresh.next_id(), true),
            }
        }
    };
    // Complete as `idp docs coverage` counts it (docs::metadata::request_fields): a request
    // with neither a title nor a description gets the title its catalog entry would show.
    let given = |k: &str| {
        doc.get("metadata")
            .and_then(|m| m.get(k))
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty())
    };
    if !given("title") && !given("description") {
        let title = format!(
            "{} {} ({})",
            kind.title,
            name.as_deref().unwrap_or(&id),
            opts.env
        );
        let title: String = title.chars().take(120).collect();
        set_path(&mut doc, "metadata.title", json!(title)).map_err(IdpError::usage)?;
    }
    // Header first, in a stable order; then the spec.
    let mut ordered = Map::new();
    ordered.insert("id".into(), json!(id));
    for k in ["environment", "owner", "requester", "metadata"] {
        if let Some(v) = doc.remove(k) {
            ordered.insert(k.into(), v);
        }
    }
    doc.remove("id");
    ordered.extend(doc);

    let ctx = RenderCtx::new(config, env);
    let mut cs = Changeset::new(
        kind.name,
        &format!(
            "{}-{}",
            opts.env,
            slug(name.as_deref().unwrap_or(&id.to_ascii_lowercase()))
        ),
        &format!("provision:{}", kind.name),
    );
    cs.scope = Some(opts.env.clone());
    cs.title = match &name {
        Some(n) => format!("Provision {} `{n}` in {} ({id})", kind.title, opts.env),
        None => format!("Provision {} {id} in {}", kind.title, opts.env),
    };
    cs.body = format!(
        "Requested by `{}` with `idp provision {}`. Terraform inputs, extras and the catalog entry are rendered from the request.\n",
        opts.actor, kind.name
    );
    cs.trailers.push(("Idp-Request".into(), id.clone()));
    cs.claims.extend(super::claim(kind.name, &id, allocated));
    for (path, text) in files_for(base, kind, &ordered, &ctx)? {
        cs.write(path, text);
    }
    if let Some((display, text)) = &opts.file {
        cs.origins.insert(
            super::path(kind.name, &opts.env, &id),
            (display.clone(), text.clone()),
        );
    }
    Ok(cs)
}

/// A field the kind's schema does not declare is bad input (exit 2), named with the file and
/// line it came from (or `--set`): a values file from a Backstage form or a typo in a flag,
/// refused before anything else is judged. The same schema is what the form was built from.
fn unknown_fields(
    base: &dyn Source,
    kind: &Kind,
    doc: &Map<String, Value>,
    file: Option<&(&str, crate::yaml::Document)>,
) -> anyhow::Result<()> {
    let schema = super::schema(base, kind.name)?;
    let unknown = crate::schema::unknown_keys(&schema, &Value::Object(doc.clone()), false);
    if unknown.is_empty() {
        return Ok(());
    }
    let findings: Vec<Finding> = unknown
        .iter()
        .map(|key| {
            let pointer = format!("/{}", key.replace('.', "/"));
            let (name, line, col) = match file {
                Some((display, d)) if d.value.pointer(&pointer).is_some() => {
                    let s = d.locate_key(&pointer);
                    (display.to_string(), s.line, s.col)
                }
                _ => ("--set".to_string(), 1, 1),
            };
            Finding::error(&name, line, col)
                .path(key.clone())
                .rule("requests/unknown-field")
                .message(format!(
                    "unknown field `{key}`: {} requests have no such field (schemas/requests/{}.schema.json)",
                    kind.title, kind.name
                ))
        })
        .collect();
    Err(IdpError::BadInput {
        message: format!(
            "{} requests have no field {}",
            kind.title,
            unknown
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        findings,
    }
    .into())
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Every generated file as it should be, from every request on `source`.
pub fn expected(
    source: &dyn Source,
    config: &Config,
    envs: &[EnvFile],
) -> anyhow::Result<(BTreeMap<String, String>, Vec<RequestFile>)> {
    let (requests, findings) = load_all(source)?;
    if !findings.is_empty() {
        return Err(IdpError::Invalid {
            message: "some requests do not parse; run `idp validate`".into(),
            findings,
        }
        .into());
    }
    let mut out = BTreeMap::new();
    for r in &requests {
        let Some(env) = envs.iter().find(|e| e.name == r.env) else {
            continue;
        };
        let ctx = RenderCtx::new(config, env);
        out.extend(super::render::generated(r, &ctx));
    }
    Ok((out, requests))
}

/// The environment of a generated file: of the request that renders it, else as its path says.
fn env_of(path: &str, requests: &[RequestFile]) -> Option<String> {
    if let Some(env) = crate::platform::environments::of_generated_path(path) {
        return Some(env.to_string());
    }
    // `catalog/resources/<id>.yaml`: the request of that id.
    let stem = path.rsplit('/').next()?.strip_suffix(".yaml")?;
    requests
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(stem))
        .map(|r| r.env.clone())
}

/// A difference between what is generated and what should be.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Drift {
    pub path: String,
    /// `stale` (differs), `missing`, or `orphaned` (no request renders it).
    pub status: &'static str,
    /// The environment it belongs to, when known.
    #[serde(skip)]
    pub env: Option<String>,
}

/// Compare generated files on `source` with a fresh render.
pub fn drift(
    source: &dyn Source,
    config: &Config,
    envs: &[EnvFile],
) -> anyhow::Result<(Vec<Drift>, BTreeMap<String, String>)> {
    let (want, requests) = expected(source, config, envs)?;
    let mut out = Vec::new();
    for (path, text) in &want {
        let status = match source.read(path)? {
            None => "missing",
            Some(t) if &t != text => "stale",
            _ => continue,
        };
        out.push(Drift {
            path: path.clone(),
            status,
            env: env_of(path, &requests),
        });
    }
    let mut present: Vec<String> = source
        .files("envs")?
        .into_iter()
        .filter(|p| super::is_generated(p))
        .collect();
    present.extend(source.files("catalog/resources")?);
    for p in present {
        if !want.contains_key(&p) {
            out.push(Drift {
                env: env_of(&p, &requests),
                path: p,
                status: "orphaned",
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((out, want))
}

/// `idp provision delete ID`: the request, its generated files and its catalog entry.
pub fn delete(
    source: &dyn Source,
    config: &Config,
    envs: &[EnvFile],
    id: &str,
    break_glass: Option<&str>,
) -> anyhow::Result<Changeset> {
    let (want, requests) = expected(source, config, envs)?;
    let Some(req) = requests.iter().find(|r| r.id == id) else {
        return Err(IdpError::usage(format!(
            "there is no request `{id}` on the base branch"
        )));
    };
    let tier = envs
        .iter()
        .find(|e| e.name == req.env)
        .and_then(|e| e.tier())
        .unwrap_or("");
    if req.kind.name == "rds" && tier == "production" {
        let confirm = format!("destroy {id}");
        if break_glass != Some(confirm.as_str()) {
            let at = req.doc.locate("/id");
            return Err(IdpError::Invalid {
                message: format!("production databases are never destroyed by a change; confirm with `--break-glass \"{confirm}\"`"),
                findings: vec![Finding::error(&req.path, at.line, at.col).rule("requests/break-glass").message(
                    "deleting a production database needs the break-glass confirmation",
                )],
            }
            .into());
        }
    }
    let mut cs = Changeset::new(
        req.kind.name,
        &format!("delete-{}", id.to_ascii_lowercase()),
        &format!("provision:{}", req.kind.name),
    );
    cs.scope = Some(req.env.clone());
    cs.title = format!("Delete {} {id} in {}", req.kind.title, req.env);
    cs.files.insert(req.path.clone(), None);
    let ctx = RenderCtx::new(
        config,
        envs.iter()
            .find(|e| e.name == req.env)
            .expect("the request's environment exists"),
    );
    for path in super::render::generated(req, &ctx).keys() {
        if want.contains_key(path) {
            cs.files.insert(path.clone(), None);
        }
    }
    cs.trailers.push(("Idp-Request".into(), id.to_string()));
    if break_glass.is_some() {
        cs.trailers.push(("Idp-Break-Glass".into(), "true".into()));
    }
    Ok(cs)
}
