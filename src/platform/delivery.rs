//! What runs where: `idp status` (every app × environment) and `idp history` (the promotion
//! log), from the overlays, the promotion records and the commits that carried them. Each app's
//! records are read from its own folder (`.idp/records/promotions/<app>/`), so asking about one
//! app costs what that app's history costs.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::environments;
use super::images::{overlay_path, pinned};
use crate::infra::forge::Forge;
use crate::platform::Source;
use crate::records::{self, PROMOTIONS};

#[derive(Debug, Serialize)]
pub struct StatusRow {
    pub app: String,
    pub env: String,
    pub image: String,
    pub digest: String,
    pub tag: Option<String>,
    /// The last record that changed it: `promote`, `image-set` or `rollback`.
    pub last_action: Option<String>,
    pub since: Option<String>,
    pub by: Option<String>,
    /// Open pull requests that would change it.
    pub open_prs: Vec<u64>,
    /// How many images the previous environment received after this one (0: level with it;
    /// null: first environment, or not known from the records).
    pub behind: Option<usize>,
}

fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or_default()
}

/// Apps (names, sorted) with an `apps/<app>/app.yaml`: one listing of `apps/` and one lookup
/// per app, never a walk of every app's files.
pub fn apps(base: &dyn Source) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for name in base.entries("apps")? {
        if is_app(base, &name)? {
            out.push(name);
        }
    }
    Ok(out)
}

/// Is there an app `name` (`apps/<name>/app.yaml`)?
pub fn is_app(base: &dyn Source, name: &str) -> anyhow::Result<bool> {
    Ok(!name.is_empty()
        && !name.contains('/')
        && base.read(&format!("apps/{name}/app.yaml"))?.is_some())
}

pub fn status(
    base: &dyn Source,
    forge: &dyn Forge,
    only: Option<&str>,
) -> anyhow::Result<Vec<StatusRow>> {
    let (envs, _) = environments::load(base)?;
    let (order, _) = environments::order(&envs, &[]);
    let open = forge.list_open()?;
    let names = match only {
        Some(a) if is_app(base, a)? => vec![a.to_string()],
        Some(a) => {
            return Err(crate::error::IdpError::usage(format!(
                "there is no app `{a}`"
            )));
        }
        None => apps(base)?,
    };
    let mut rows = Vec::new();
    for app in names
        .iter()
        .filter(|a| only.is_none_or(|o| o == a.as_str()))
    {
        let history = records::read(base, PROMOTIONS, &[app])?.values();
        let mut previous: Option<(String, String)> = None; // (env, digest)
        for env in &order {
            let file = overlay_path(app, env);
            let Some(text) = base.read(&file)? else {
                continue;
            };
            let pin = pinned(&text, app, &file)?;
            let mine: Vec<&Value> = history
                .iter()
                .filter(|r| str_of(r, "app") == app && str_of(r, "to") == env)
                .collect();
            let last = mine.last();
            // The tag this environment got the digest with (else any tag it was given).
            let tagged = |r: &&Value| {
                str_of(r, "digest") == pin.digest && r.get("tag").is_some_and(Value::is_string)
            };
            let tag = mine
                .iter()
                .rev()
                .copied()
                .find(tagged)
                .or_else(|| {
                    history
                        .iter()
                        .rev()
                        .find(|r| str_of(r, "app") == app && tagged(r))
                })
                .and_then(|r| r.get("tag").and_then(Value::as_str))
                .map(str::to_string);
            let behind = previous.as_ref().map(|(prev_env, prev_digest)| {
                if *prev_digest == pin.digest {
                    return 0;
                }
                let into_prev: Vec<&Value> = history
                    .iter()
                    .filter(|r| str_of(r, "app") == app && str_of(r, "to") == prev_env)
                    .collect();
                match into_prev
                    .iter()
                    .rposition(|r| str_of(r, "digest") == pin.digest)
                {
                    Some(i) => into_prev.len() - 1 - i,
                    None => into_prev.len().max(1),
                }
            });
            let open_prs = open
                .iter()
                .filter(|p| {
                    p.head == format!("idp/promote/{app}-{env}")
                        || p.head == format!("idp/rollback/{app}-{env}")
                        || p.head.starts_with(&format!("idp/image/{app}-{env}-"))
                })
                .map(|p| p.number)
                .collect();
            rows.push(StatusRow {
                app: app.clone(),
                env: env.clone(),
                image: pin.name.clone(),
                digest: pin.digest.clone(),
                tag,
                last_action: last.map(|r| str_of(r, "action").to_string()),
                since: last.map(|r| str_of(r, "time").to_string()),
                by: last.map(|r| str_of(r, "actor").to_string()),
                open_prs,
                behind,
            });
            previous = Some((env.clone(), pin.digest));
        }
    }
    Ok(rows)
}

#[derive(Debug, Serialize)]
pub struct HistoryEntry {
    #[serde(flatten)]
    pub record: Value,
    /// The commit that carried the record (by its `Idp-Record` trailer), when reachable.
    pub commit: Option<String>,
}

/// The records of `app` (into `env`), newest first, each with the commit that added it.
pub fn history(
    base: &dyn Source,
    repo: &git2::Repository,
    app: &str,
    env: Option<&str>,
) -> anyhow::Result<Vec<HistoryEntry>> {
    if !is_app(base, app)? {
        return Err(crate::error::IdpError::usage(format!(
            "there is no app `{app}`"
        )));
    }
    let mut commits: BTreeMap<String, String> = BTreeMap::new();
    let mut walk = repo.revwalk()?;
    if walk.push_head().is_ok() {
        for oid in walk.take(5000) {
            let c = repo.find_commit(oid?)?;
            for (k, v) in crate::infra::git::trailers(c.message().unwrap_or("")) {
                if k == "Idp-Record" {
                    commits.entry(v).or_insert_with(|| c.id().to_string());
                }
            }
        }
    }
    let group: Vec<&str> = std::iter::once(app).chain(env).collect();
    Ok(records::read(base, PROMOTIONS, &group)?
        .values()
        .into_iter()
        .rev()
        .map(|r| HistoryEntry {
            commit: commits.get(str_of(&r, "id")).cloned(),
            record: r,
        })
        .collect())
}
