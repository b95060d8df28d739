//! Migrations of what earlier idp versions wrote into the platform repo, each one change
//! through the pipeline that a second run finds nothing to do for.
//!
//! `external-secrets`: External Secrets Operator objects on `external-secrets.io/v1beta1`,
//! which the operator no longer serves, move to `external-secrets.io/v1` (the fields idp
//! writes are the same in both). Only the `apiVersion` line changes; comments and formatting
//! stay.

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

#[cfg(test)]
mod tests {
    use super::*;

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
