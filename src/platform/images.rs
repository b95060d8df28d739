//! The image an app runs in an environment: `images:` of `apps/<app>/<env>/kustomization.yaml`,
//! read, and edited in place by digest (`idp image set`), with a record in
//! `.idp/records/promotions/<app>/<env>/`.

use serde_json::{Value, json};

use crate::change::Changeset;
use crate::error::IdpError;
use crate::platform::Source;
use crate::records::{self, PROMOTIONS};
use crate::yaml;

/// The overlay that pins an app's image in one environment.
pub fn overlay_path(app: &str, env: &str) -> String {
    format!("apps/{app}/{env}/kustomization.yaml")
}

/// `sha256:` and 64 lowercase hex digits.
pub fn valid_digest(d: &str) -> bool {
    d.strip_prefix("sha256:").is_some_and(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// A Docker tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
pub fn valid_tag(t: &str) -> bool {
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
}

/// The tags an environment's images carry: a git SHA in dev (where CI pushes), `<env>-<sha7>`
/// elsewhere (added by `idp promote`).
pub fn tag_pattern(env: &str) -> regex::Regex {
    let p = if env == "dev" {
        "^[0-9a-f]{7,40}$".to_string()
    } else {
        format!("^{}-[0-9a-f]{{7}}$", regex::escape(env))
    };
    regex::Regex::new(&p).unwrap_or_else(|_| regex::Regex::new("^$").expect("a valid regex"))
}

/// The image an overlay pins: `(index in images:, newName, digest)`.
#[derive(Debug, Clone)]
pub struct Pinned {
    pub index: usize,
    pub name: String,
    pub digest: String,
}

/// The `images:` entry named after the app (or the only one).
pub fn pinned(text: &str, app: &str, file: &str) -> anyhow::Result<Pinned> {
    let doc = yaml::parse(text).map_err(|e| {
        IdpError::bad_input(
            crate::error::Finding::error(file, e.line, e.col)
                .rule("yaml")
                .message(e.message),
        )
    })?;
    let images = doc
        .value
        .get("images")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let index = images
        .iter()
        .position(|i| i.get("name").and_then(Value::as_str) == Some(app))
        .or((images.len() == 1).then_some(0))
        .ok_or_else(|| {
            IdpError::bad_input(
                crate::error::Finding::error(file, 1, 1)
                    .path("images")
                    .rule("image/missing")
                    .message(format!("no `images:` entry named `{app}`")),
            )
        })?;
    let image = &images[index];
    let text = |k: &str| {
        image
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Ok(Pinned {
        index,
        name: match text("newName") {
            n if n.is_empty() => text("name"),
            n => n,
        },
        digest: text("digest"),
    })
}

/// The build an image digest was made by: the tag of the `image set` that first pinned it (CI
/// passes the git commit it built), if any was recorded.
pub fn build_tag(base: &dyn Source, app: &str, digest: &str) -> anyhow::Result<Option<String>> {
    let str_of = |r: &Value, k: &str| {
        r.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Ok(records::find_in_any(base, PROMOTIONS, &[app], |r| {
        str_of(r, "digest") == digest && str_of(r, "action") == "image-set"
    })?
    .map(|r| str_of(&r, "tag"))
    .filter(|t| !t.is_empty()))
}

/// The `version` label of the label contract for pods running `digest`: the build's tag when it
/// is a valid label value (CI tags with the git commit), else the digest's first 12 hex digits.
pub fn version_label(tag: Option<&str>, digest: &str) -> String {
    let label_ok = |t: &str| {
        let b = t.as_bytes();
        !b.is_empty()
            && b.len() <= 63
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
    };
    match tag {
        Some(t) if label_ok(t) => t.to_string(),
        _ => digest
            .strip_prefix("sha256:")
            .unwrap_or(digest)
            .chars()
            .take(12)
            .collect(),
    }
}

/// `text` (an overlay) with the image at `index` pinned to `digest` and its pods' `version` label
/// set to `version`: in the `labels:` entry that sets `env` (the one that reaches the pod
/// templates). An overlay without that entry (edited by hand, or written before the label) gets
/// only the digest.
pub fn pin_image(
    text: &str,
    index: usize,
    digest: &str,
    version: &str,
) -> Result<String, yaml::edit::EditError> {
    let edited = yaml::edit::set(
        text,
        &["images", &index.to_string(), "digest"],
        &json!(digest),
    )?;
    let labels = yaml::parse(&edited)
        .ok()
        .and_then(|d| d.value.get("labels").and_then(Value::as_array).cloned())
        .unwrap_or_default();
    let Some(at) = labels.iter().position(|l| {
        l.pointer("/pairs/env").is_some()
            && l.get("includeTemplates").and_then(Value::as_bool) == Some(true)
    }) else {
        return Ok(edited);
    };
    yaml::edit::set(
        &edited,
        &["labels", &at.to_string(), "pairs", "version"],
        &json!(version),
    )
}

/// What `idp image set` was asked.
pub struct ImageSet {
    pub app: String,
    pub env: String,
    pub digest: String,
    pub tag: Option<String>,
    pub force: bool,
    pub actor: String,
    pub time: String,
}

/// `idp image set`: the overlay's digest edited in place and a record, as one change.
pub fn set(base: &dyn Source, req: &ImageSet) -> anyhow::Result<Changeset> {
    if !valid_digest(&req.digest) {
        return Err(IdpError::usage(format!(
            "--digest `{}` is not `sha256:` and 64 lowercase hex digits",
            req.digest
        )));
    }
    if let Some(tag) = &req.tag {
        if !valid_tag(tag) {
            return Err(IdpError::usage(format!(
                "--tag `{tag}` is not a valid image tag"
            )));
        }
        if tag == "latest" && req.env != "dev" {
            return Err(IdpError::usage(
                "the tag `latest` never leaves dev: promote by digest (`idp promote`)",
            ));
        }
    }
    if base.read(&format!("apps/{}/app.yaml", req.app))?.is_none() {
        return Err(IdpError::usage(format!("there is no app `{}`", req.app)));
    }
    let file = overlay_path(&req.app, &req.env);
    let Some(text) = base.read(&file)? else {
        return Err(IdpError::usage(format!(
            "app `{}` has no overlay for environment `{}` (`{file}`)",
            req.app, req.env
        )));
    };
    let pin = pinned(&text, &req.app, &file)?;

    // The last record of this app in this environment: its folder only, newest first.
    let last = records::newest(base, PROMOTIONS, &[&req.app, &req.env], |_| true)?;
    if let Some(last) = &last
        && last.get("action").and_then(Value::as_str) == Some("rollback")
        && !req.force
    {
        return Err(IdpError::usage(format!(
            "`{}` in `{}` was rolled back ({}, by {}); an automated image set does not overwrite \
             a rollback: pass --force to replace it",
            req.app,
            req.env,
            last.get("id").and_then(Value::as_str).unwrap_or("?"),
            last.get("actor").and_then(Value::as_str).unwrap_or("?"),
        )));
    }

    let version = version_label(req.tag.as_deref(), &req.digest);
    let edited = pin_image(&text, pin.index, &req.digest, &version)
        .map_err(|e| IdpError::usage(format!("{file}: {e}")))?;
    let (id, record) = records::identify(
        PROMOTIONS,
        json!({
        "action": "image-set",
        "app": req.app,
        "from": Value::Null,
        "to": req.env,
        "image": pin.name,
        "digest": req.digest,
        "previous": pin.digest,
        "tag": req.tag,
        "actor": req.actor,
        "time": req.time,
        }),
    );

    let short = &req.digest["sha256:".len().."sha256:".len() + 12];
    let mut cs = Changeset::new(
        "image",
        &format!("{}-{}-{short}", req.app, req.env),
        "image:set",
    );
    cs.scope = Some(req.env.clone());
    cs.title = format!(
        "Set the image of `{}` in `{}` to {}{}",
        req.app,
        req.env,
        &req.digest[..19],
        req.tag
            .as_ref()
            .map(|t| format!(" ({t})"))
            .unwrap_or_default()
    );
    cs.body = format!(
        "`{}` in `{}`: `{}@{}` (was `{}`).\n",
        req.app, req.env, pin.name, req.digest, pin.digest
    );
    if pin.digest == req.digest {
        return Ok(cs); // already pinned: nothing to change, nothing to record
    }
    cs.write(file, edited);
    records::write(&mut cs, base, PROMOTIONS, &record)?;
    for (k, v) in [
        ("Idp-App", req.app.clone()),
        ("Idp-Environment", req.env.clone()),
        ("Idp-Digest", req.digest.clone()),
        ("Idp-Record", id),
    ] {
        cs.trailers.push((k.into(), v));
    }
    Ok(cs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_and_tags() {
        let d = format!("sha256:{}", "a".repeat(64));
        assert!(valid_digest(&d));
        assert!(!valid_digest(&d.to_uppercase()));
        assert!(!valid_digest("sha256:abc"));
        assert!(!valid_digest(&format!("md5:{}", "a".repeat(64))));
        assert!(valid_tag("dev-1a2b3c4"));
        assert!(valid_tag("v1.2.3_rc1"));
        assert!(!valid_tag("-x"));
        assert!(!valid_tag("a/b"));
        assert!(!valid_tag(&"a".repeat(129)));
    }
}
