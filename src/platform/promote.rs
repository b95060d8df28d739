//! Promotions and rollbacks: an app's image moves along the promotion order (dev → test →
//! staging → prod) by digest. Each is one change: the target overlay's digest edited in place
//! and a record in `.idp/records/promotions/<app>/<env>/`, behind the target environment's
//! gates.

use serde_json::{Value, json};

use super::environments::{self, EnvFile};
use super::images::{self, overlay_path, pinned};
use crate::change::Changeset;
use crate::error::{Finding, IdpError};
use crate::platform::Source;
use crate::records::{self, HEALTH, PROMOTIONS};
/// The digest every overlay starts with, before the first build.
pub const PLACEHOLDER: &str =
    "sha256:0000000000000000000000000000000000000000000000000000000000000000";

pub struct PromoteRequest {
    pub app: String,
    pub to: String,
    pub from: Option<String>,
    pub skip_reason: Option<String>,
    pub actor: String,
    /// RFC 3339, and the same as Unix seconds (for the health gate).
    pub time: String,
    pub now: i64,
}

/// The promotion order, checked (a broken chain is the environments' findings).
fn order(base: &dyn Source) -> anyhow::Result<(Vec<EnvFile>, Vec<String>)> {
    let (envs, errors) = environments::load(base)?;
    let (order, findings) = environments::order(&envs, &[]);
    if let Some(f) = errors.into_iter().chain(findings).next() {
        return Err(IdpError::bad_input(f));
    }
    Ok((envs, order))
}

fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or_default()
}

/// A gate that is not met: a finding at the environment file's gate, exit 3.
fn gate(env: &EnvFile, pointer: &str, rule: &str, message: String) -> anyhow::Error {
    let s = env.doc.locate(pointer);
    let f = Finding::error(&env.path, s.line, s.col)
        .path(pointer.trim_start_matches('/').replace('/', "."))
        .rule(rule)
        .message(message);
    IdpError::Invalid {
        message: format!("a gate of environment `{}` is not met", env.name),
        findings: vec![f],
    }
    .into()
}

/// What a promotion moves, for the registry step (`idp promote` without `--no-registry`).
#[derive(Debug, Clone)]
pub struct Moved {
    pub image: String,
    pub digest: String,
    /// `<env>-<sha7>`, when the build's git SHA is known.
    pub tag: Option<String>,
    /// The target's `promotion.tagImages` (default true).
    pub tag_images: bool,
}

/// `idp promote`.
pub fn promote(base: &dyn Source, req: &PromoteRequest) -> anyhow::Result<(Changeset, Moved)> {
    let (envs, order) = order(base)?;
    let pos = |name: &str| order.iter().position(|e| e == name);
    let Some(to_pos) = pos(&req.to) else {
        return Err(IdpError::usage(format!(
            "there is no environment `{}` (order: {})",
            req.to,
            order.join(" → ")
        )));
    };
    if to_pos == 0 {
        return Err(IdpError::usage(format!(
            "`{}` is the first environment: images reach it with `idp image set`",
            req.to
        )));
    }
    let from = req
        .from
        .clone()
        .unwrap_or_else(|| order[to_pos - 1].clone());
    let Some(from_pos) = pos(&from) else {
        return Err(IdpError::usage(format!("there is no environment `{from}`")));
    };
    if from_pos >= to_pos {
        return Err(IdpError::usage(format!(
            "promotions go forward ({}): `{from}` does not come before `{}`",
            order.join(" → "),
            req.to
        )));
    }
    let env = |name: &str| envs.iter().find(|e| e.name == name);
    let target = env(&req.to).ok_or_else(|| IdpError::usage("no target environment"))?;
    // Skipping: every environment in between must allow it, and a reason is required.
    let skipped: Vec<&String> = order[from_pos + 1..to_pos].iter().collect();
    if !skipped.is_empty() {
        for name in &skipped {
            let e = env(name).ok_or_else(|| IdpError::usage("no such environment"))?;
            if e.get("/promotion/allowSkip").and_then(Value::as_bool) != Some(true) {
                return Err(gate(
                    e,
                    "/promotion/allowSkip",
                    "promotion/skip",
                    format!(
                        "promoting `{}` from `{from}` to `{}` skips `{name}`, which does not allow it",
                        req.app, req.to
                    ),
                ));
            }
        }
        if req
            .skip_reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
        {
            return Err(IdpError::usage(format!(
                "promoting from `{from}` to `{}` skips {}: give --skip-reason",
                req.to,
                skipped
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }

    if base.read(&format!("apps/{}/app.yaml", req.app))?.is_none() {
        return Err(IdpError::usage(format!("there is no app `{}`", req.app)));
    }
    let source_file = overlay_path(&req.app, &from);
    let target_file = overlay_path(&req.app, &req.to);
    let (Some(source_text), Some(target_text)) =
        (base.read(&source_file)?, base.read(&target_file)?)
    else {
        return Err(IdpError::usage(format!(
            "app `{}` is not deployed to both `{from}` and `{}` (no `{source_file}` or `{target_file}`)",
            req.app, req.to
        )));
    };
    let source = pinned(&source_text, &req.app, &source_file)?;
    let target = (target, pinned(&target_text, &req.app, &target_file)?);
    if source.digest == PLACEHOLDER || !images::valid_digest(&source.digest) {
        return Err(IdpError::usage(format!(
            "`{}` has no image in `{from}` yet (digest `{}`): a build sets it with `idp image set`",
            req.app, source.digest
        )));
    }

    // Never from a source whose last promotion failed or was rolled back.
    if let Some(last) = &records::newest(base, PROMOTIONS, &[&req.app, &from], |_| true)?
        && (str_of(last, "action") == "rollback" || str_of(last, "result") == "failed")
    {
        return Err(IdpError::Invalid {
            message: format!(
                "the last change of `{}` in `{from}` ({}) was a {}: fix `{from}` before promoting from it",
                req.app,
                str_of(last, "id"),
                if str_of(last, "action") == "rollback" { "rollback" } else { "failed promotion" }
            ),
            findings: Vec::new(),
        }
        .into());
    }
    // The source must have been healthy recently, when the target asks for it.
    if let Some(hours) = target
        .0
        .get("/gates/healthyWithinHours")
        .and_then(Value::as_i64)
    {
        let healthy = records::newest(base, HEALTH, &[&from], |r| {
            r.get("healthy").and_then(Value::as_bool) == Some(true)
                || str_of(r, "result") == "healthy"
        })?;
        let fresh = healthy
            .as_ref()
            .and_then(|r| crate::infra::clock::unix_from_rfc3339(str_of(r, "time")))
            .is_some_and(|t| req.now - t <= hours * 3600);
        if !fresh {
            return Err(gate(
                target.0,
                "/gates/healthyWithinHours",
                "promotion/health",
                format!(
                    "`{}` needs `{from}` healthy within {hours} h, and {}: run `idp health --env {from} --record`",
                    req.to,
                    match &healthy {
                        Some(r) => format!("its last healthy check was {}", str_of(r, "time")),
                        None => "there is no recorded healthy check".to_string(),
                    }
                ),
            ));
        }
    }

    // The tag a promoted image carries: `<env>-<sha7>` of the build (the image-set's tag).
    let build_tag = images::build_tag(base, &req.app, &source.digest)?;
    let tag = build_tag
        .as_deref()
        .filter(|t| t.len() >= 7)
        .map(|t| format!("{}-{}", req.to, &t[..7]));

    // The pods keep the version they had where they were built.
    let version = images::version_label(build_tag.as_deref(), &source.digest);
    let edited = images::pin_image(&target_text, target.1.index, &source.digest, &version)
        .map_err(|e| IdpError::usage(format!("{target_file}: {e}")))?;
    let mut record = json!({
        "action": "promote",
        "app": req.app,
        "from": from,
        "to": req.to,
        "image": source.name,
        "digest": source.digest,
        "previous": target.1.digest,
        "tag": tag,
        "actor": req.actor,
        "time": req.time,
        "branch": format!("idp/promote/{}-{}", req.app, req.to),
    });
    if let Some(reason) = &req.skip_reason
        && !skipped.is_empty()
    {
        record["skipped"] = json!(skipped);
        record["skip_reason"] = json!(reason);
    }
    let (id, record) = records::identify(PROMOTIONS, record);

    let mut cs = Changeset::new("promote", &format!("{}-{}", req.app, req.to), "app:promote");
    cs.scope = Some(req.to.clone());
    cs.title = format!(
        "Promote `{}` from `{from}` to `{}` ({})",
        req.app,
        req.to,
        &source.digest[..19]
    );
    cs.body = format!(
        "`{}`: `{}@{}` from `{from}` to `{}` (was `{}`).\n",
        req.app, source.name, source.digest, req.to, target.1.digest
    );
    cs.labels = list(target.0, "/gates/approvals");
    cs.reviewers = list(target.0, "/gates/reviewers");
    let moved = Moved {
        image: source.name.clone(),
        digest: source.digest.clone(),
        tag: record["tag"].as_str().map(str::to_string),
        tag_images: target
            .0
            .get("/promotion/tagImages")
            .and_then(Value::as_bool)
            .unwrap_or(true),
    };
    if target.1.digest == source.digest {
        // Already there: nothing to change and nothing to record (a rerun is idempotent).
        return Ok((cs, moved));
    }
    cs.write(target_file, edited);
    records::write(&mut cs, base, PROMOTIONS, &record)?;
    for (k, v) in [
        ("Idp-App", req.app.clone()),
        ("Idp-Promotion", format!("{from} -> {}", req.to)),
        ("Idp-Digest", source.digest.clone()),
        ("Idp-Record", id),
    ] {
        cs.trailers.push((k.into(), v));
    }
    Ok((cs, moved))
}

fn list(env: &EnvFile, pointer: &str) -> Vec<String> {
    crate::yaml::strings(env.get(pointer))
}

pub struct RollbackRequest {
    pub app: String,
    pub env: String,
    /// A promotion record id (`P-0003`) or a digest; default: the image before the current one.
    pub to: Option<String>,
    pub reason: Option<String>,
    pub actor: String,
    pub time: String,
}

/// `idp rollback`: an earlier image of the app restored in one environment, recorded as a
/// rollback (which `idp image set` will not overwrite without `--force`).
pub fn rollback(base: &dyn Source, req: &RollbackRequest) -> anyhow::Result<Changeset> {
    let (envs, _) = order(base)?;
    let Some(env) = envs.iter().find(|e| e.name == req.env) else {
        return Err(IdpError::usage(format!(
            "there is no environment `{}`",
            req.env
        )));
    };
    let file = overlay_path(&req.app, &req.env);
    let Some(text) = base.read(&file)? else {
        return Err(IdpError::usage(format!(
            "app `{}` is not deployed to `{}` (no `{file}`)",
            req.app, req.env
        )));
    };
    let current = pinned(&text, &req.app, &file)?;
    let mine = records::read(base, PROMOTIONS, &[&req.app, &req.env])?.values();
    let digest = match req.to.as_deref() {
        Some(d) if d.starts_with("sha256:") => {
            if !mine.iter().any(|r| str_of(r, "digest") == d) {
                return Err(IdpError::usage(format!(
                    "`{d}` never ran in `{}` (see `idp history {} --env {}`)",
                    req.env, req.app, req.env
                )));
            }
            d.to_string()
        }
        Some(id) => {
            let r = records::read(base, PROMOTIONS, &[&req.app])?
                .values()
                .into_iter()
                .find(|r| str_of(r, "id") == id)
                .ok_or_else(|| {
                    IdpError::usage(format!("there is no record `{id}` of `{}`", req.app))
                })?;
            str_of(&r, "digest").to_string()
        }
        None => mine
            .iter()
            .rev()
            .map(|r| str_of(r, "previous"))
            .find(|d| images::valid_digest(d) && *d != current.digest && *d != PLACEHOLDER)
            .map(str::to_string)
            .ok_or_else(|| {
                IdpError::usage(format!(
                    "`{}` has no earlier image in `{}` to roll back to",
                    req.app, req.env
                ))
            })?,
    };
    if digest == current.digest {
        return Err(IdpError::usage(format!(
            "`{}` already runs {digest} in `{}`",
            req.app, req.env
        )));
    }
    let version = images::version_label(
        images::build_tag(base, &req.app, &digest)?.as_deref(),
        &digest,
    );
    let edited = images::pin_image(&text, current.index, &digest, &version)
        .map_err(|e| IdpError::usage(format!("{file}: {e}")))?;
    let (id, record) = records::identify(
        PROMOTIONS,
        json!({
        "action": "rollback",
        "app": req.app,
        "from": Value::Null,
        "to": req.env,
        "image": current.name,
        "digest": digest,
        "previous": current.digest,
        "reason": req.reason,
        "actor": req.actor,
        "time": req.time,
        }),
    );
    let mut cs = Changeset::new(
        "rollback",
        &format!("{}-{}", req.app, req.env),
        "app:rollback",
    );
    cs.scope = Some(req.env.clone());
    cs.title = format!(
        "Roll back `{}` in `{}` to {}",
        req.app,
        req.env,
        &digest[..19]
    );
    cs.body = format!(
        "Rollback of `{}` in `{}`: `{}` → `{digest}`.{}\n",
        req.app,
        req.env,
        current.digest,
        req.reason
            .as_ref()
            .map(|r| format!("\n\nReason: {r}"))
            .unwrap_or_default()
    );
    cs.labels = list(env, "/gates/approvals");
    cs.reviewers = list(env, "/gates/reviewers");
    cs.write(file, edited);
    records::write(&mut cs, base, PROMOTIONS, &record)?;
    for (k, v) in [
        ("Idp-App", req.app.clone()),
        ("Idp-Rollback", req.env.clone()),
        ("Idp-Digest", digest.clone()),
        ("Idp-Record", id),
    ] {
        cs.trailers.push((k.into(), v));
    }
    Ok(cs)
}
