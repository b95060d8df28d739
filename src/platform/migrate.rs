//! Migrations of what earlier idp versions wrote into the platform repo, each one change
//! through the pipeline that a second run finds nothing to do for.
//!
//! `external-secrets`: External Secrets Operator objects on `external-secrets.io/v1beta1`,
//! which the operator no longer serves, move to `external-secrets.io/v1` (the fields idp
//! writes are the same in both). Only the `apiVersion` line changes; comments and formatting
//! stay.
//!
//! `policy-inventory`: a policy set written before ADR-0042 relates requests to each other by
//! iterating `input.requests`, which then held every request; those lookups move to
//! `input.inventory.<kind>` ([`crate::policy::migrate`]), so a change loads only the kinds the
//! policies name. A lookup the migration cannot read is reported at its line and nothing is
//! changed: moving the others would name the inventory, and `input.requests` would then hold
//! only the requests under review for the one left (ADR-0045).

use crate::change::Changeset;
use crate::infra::source::Source;

/// The API an older idp wrote, and the one it is now.
const OLD_API: &str = "external-secrets.io/v1beta1";
const NEW_API: &str = crate::requests::rds::EXTERNAL_SECRETS_API;

/// Where idp writes ExternalSecrets: app overlays and the requests' generated files.
const DIRS: [&str; 2] = ["apps", "envs"];

/// `line` with the old API replaced, when it is an `apiVersion:` line naming it (quoted or
/// not, with a comment or not).
fn migrated_line(line: &str) -> Option<String> {
    let rest = line.strip_prefix("apiVersion:")?;
    let value = rest.split('#').next().unwrap_or("").trim();
    let bare = value.trim_matches(|c| c == '"' || c == '\'');
    (bare == OLD_API).then(|| line.replacen(OLD_API, NEW_API, 1))
}

/// The change moving every such object of `base`, and the files it changes.
pub fn external_secrets(base: &dyn Source) -> anyhow::Result<(Changeset, Vec<String>)> {
    let mut cs = Changeset::new("migrate", "external-secrets", "migrate:external-secrets");
    cs.title = format!("Move External Secrets objects from `{OLD_API}` to `{NEW_API}`");
    let mut moved = Vec::new();
    for dir in DIRS {
        for path in base.files(dir)? {
            if !(path.ends_with(".yaml") || path.ends_with(".yml")) {
                continue;
            }
            let Some(text) = base.read(&path)? else {
                continue;
            };
            if !text.contains(OLD_API) {
                continue;
            }
            let mut changed = false;
            let mut out = String::with_capacity(text.len());
            for line in text.split_inclusive('\n') {
                let (body, end) = match line.strip_suffix('\n') {
                    Some(b) => (b, "\n"),
                    None => (line, ""),
                };
                match migrated_line(body) {
                    Some(new) => {
                        out.push_str(&new);
                        changed = true;
                    }
                    None => out.push_str(body),
                }
                out.push_str(end);
            }
            if changed {
                cs.write(path.clone(), out);
                moved.push(path);
            }
        }
    }
    cs.body = format!(
        "The External Secrets Operator no longer serves `{OLD_API}`. This moves {} file(s) to \
         `{NEW_API}`; only their `apiVersion` lines change.\n",
        moved.len()
    );
    Ok((cs, moved))
}

/// What [`policy_inventory`] moved, by file.
#[derive(Debug, Default, serde::Serialize)]
pub struct PolicyMoves {
    pub file: String,
    pub moved: Vec<crate::policy::migrate::Moved>,
}

/// What [`policy_inventory`] did: the moves, and warnings on the tests that give the policies
/// `input.requests` (when something moved).
#[derive(Debug, Default)]
pub struct PolicyMigration {
    pub files: Vec<PolicyMoves>,
    pub notes: Vec<crate::error::Finding>,
}

/// The change moving the lookups of other requests in `base`'s policies to the inventory,
/// and what moved; an error naming every lookup to change by hand when one cannot be moved
/// (nothing is changed then).
pub fn policy_inventory(base: &dyn Source) -> anyhow::Result<(Changeset, PolicyMigration)> {
    use crate::error::{Finding, IdpError};
    let mut cs = Changeset::new("migrate", "policy-inventory", "migrate:policy-inventory");
    cs.title = "Move the policies' lookups of other requests to `input.inventory.<kind>`".into();
    let mut moves = Vec::new();
    let mut findings = Vec::new();
    let mut notes = Vec::new();
    let files = crate::policy::texts(base)?;
    let plans = crate::policy::migrate::plan_set(&files);
    for ((path, _), plan) in files.into_iter().zip(plans) {
        for m in &plan.manual {
            findings.push(
                Finding::error(&path, m.line, m.column)
                    .rule("migrate/policy-inventory")
                    .message(&m.message),
            );
        }
        for m in &plan.notes {
            notes.push(
                Finding::error(&path, m.line, m.column)
                    .warning()
                    .rule("migrate/policy-inventory")
                    .message(&m.message),
            );
        }
        if let Some(new) = plan.text {
            cs.write(path.clone(), new);
            moves.push(PolicyMoves {
                file: path,
                moved: plan.moved,
            });
        }
    }
    if !findings.is_empty() {
        return Err(IdpError::Invalid {
            message: format!(
                "{} place(s) in `{}/` may look other requests up in a way the migration \
                 cannot move to the inventory; change them by hand (ADR-0042), then run again: \
                 nothing was changed",
                findings.len(),
                crate::policy::DIR
            ),
            findings,
        }
        .into());
    }
    let lines: Vec<String> = moves
        .iter()
        .flat_map(|f| {
            f.moved
                .iter()
                .map(move |m| format!("- `{}:{}`: `{}` → `{}`", f.file, m.line, m.from, m.to))
        })
        .collect();
    cs.body = format!(
        "Since ADR-0042 `input.requests` holds only the requests a change touches, and rules \
         that relate a request to others read `input.inventory.<kind>`, loaded only for the \
         kinds the policies name. This moves {} lookup(s) of other requests; the rules that \
         judge the requests under review stay on `input.requests`.\n\n{}\n",
        lines.len(),
        lines.join("\n")
    );
    if moves.is_empty() {
        notes.clear();
    }
    if !notes.is_empty() {
        cs.body.push_str(
            "\nThese tests give the policies `input.requests`; a rule they test that moved needs \
             its inventory given too (`with input.inventory.<kind> as …`):\n\n",
        );
        for n in &notes {
            cs.body.push_str(&format!("- `{}:{}`\n", n.file, n.line));
        }
    }
    Ok((
        cs,
        PolicyMigration {
            files: moves,
            notes,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The starter policies before ADR-0042 move to an inventory of exactly the kinds their
    /// cross-request rules look up; the others are unchanged.
    #[test]
    fn the_starter_policies_before_adr_0042_read_the_ec2_and_eks_inventories() {
        let mut files = std::collections::BTreeMap::new();
        for (path, text) in crate::platform::assets::embedded_dir("policies") {
            files.insert(path, text.to_string());
        }
        let before = |f: &str| {
            std::fs::read_to_string(format!(
                "{}/tests/fixtures/policies/before-adr-0042/{f}",
                env!("CARGO_MANIFEST_DIR")
            ))
        };
        for f in ["requests_compute.rego", "requests_eks.rego"] {
            files.insert(format!("policies/{f}"), before(f).unwrap_or_default());
        }
        let old = crate::infra::source::MemSource::new(files.clone());
        assert_eq!(
            crate::policy::reads(&old).ok(),
            Some(crate::policy::Reads::Everything)
        );
        let (cs, done) = policy_inventory(&old).expect("migrates");
        assert_eq!(
            cs.files.keys().collect::<Vec<_>>(),
            [
                "policies/requests_compute.rego",
                "policies/requests_eks.rego"
            ]
        );
        assert!(
            cs.body
                .contains("`policies/requests_eks.rego:28`: `eks` → `input.inventory.eks`")
        );
        assert_eq!(done.files.len(), 2);
        for (path, text) in &cs.files {
            files.insert(path.clone(), text.clone().unwrap_or_default());
        }
        let new = crate::infra::source::MemSource::new(files);
        let kinds = ["ec2", "eks"].iter().map(|k| k.to_string()).collect();
        assert_eq!(
            crate::policy::reads(&new).ok(),
            Some(crate::policy::Reads::Inventory(Some(kinds)))
        );
        let (cs, done) = policy_inventory(&new).expect("nothing to do");
        assert!(cs.files.is_empty() && done.files.is_empty());
    }

    #[test]
    fn only_api_version_lines_naming_the_old_api_change() {
        assert_eq!(
            migrated_line("apiVersion: external-secrets.io/v1beta1").as_deref(),
            Some("apiVersion: external-secrets.io/v1")
        );
        assert_eq!(
            migrated_line("apiVersion: \"external-secrets.io/v1beta1\"  # old").as_deref(),
            Some("apiVersion: \"external-secrets.io/v1\"  # old")
        );
        assert_eq!(migrated_line("apiVersion: external-secrets.io/v1"), None);
        assert_eq!(
            migrated_line("  apiVersion: external-secrets.io/v1beta1"),
            None
        );
        assert_eq!(
            migrated_line("# apiVersion: external-secrets.io/v1beta1"),
            None
        );
    }
}
