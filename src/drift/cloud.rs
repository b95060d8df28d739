//! The cloud layer of `idp drift`: a Terraform plan of an environment's root (`envs/<env>/`),
//! run here when Terraform is installed (`terraform plan -detailed-exitcode -json`) or given
//! as a file (`--plan FILE`, as CI produces it: either `terraform show -json PLANFILE` or the
//! machine-readable UI lines of `terraform plan -json`). Each resource change is drift unless a
//! pending request explains it: a request in an open pull request, or a request in git whose
//! resources do not exist yet (a create). Destroying a database or a bucket is always flagged
//! as dangerous.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::{Finding, Layer};

/// One resource change of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub address: String,
    pub resource_type: String,
    /// Terraform's actions: `create`, `update`, `delete`, `["delete","create"]` (a replace)…
    pub actions: Vec<String>,
}

impl Change {
    fn action(&self) -> &'static str {
        let has = |a: &str| self.actions.iter().any(|x| x == a);
        match (has("create"), has("delete"), has("update")) {
            (true, true, _) => "replace",
            (true, false, _) => "create",
            (false, true, _) => "delete",
            (false, false, true) => "update",
            _ => "no-op",
        }
    }

    /// The request this resource belongs to (`module.rds["RDS-0004"].aws_db_instance.this`).
    pub fn request_id(&self) -> Option<&str> {
        let start = self.address.find("[\"")? + 2;
        let rest = &self.address[start..];
        let id = &rest[..rest.find('"')?];
        let (kind, number) = id.split_once('-')?;
        (kind.starts_with(|c: char| c.is_ascii_uppercase())
            && kind
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && number.len() == 4
            && number.chars().all(|c| c.is_ascii_digit()))
        .then_some(id)
    }
}

/// Resource types whose destruction loses data.
const HOLDS_DATA: &[&str] = &[
    "aws_db_instance",
    "aws_rds_cluster",
    "aws_rds_cluster_instance",
    "aws_s3_bucket",
    "aws_ebs_volume",
    "aws_secretsmanager_secret",
    "aws_dynamodb_table",
];

/// The resource changes of a plan, in either JSON form.
pub fn parse_plan(text: &str) -> Result<Vec<Change>, String> {
    let trimmed = text.trim_start();
    if let Ok(plan) = serde_json::from_str::<Value>(trimmed)
        && plan.is_object()
    {
        let Some(changes) = plan.get("resource_changes") else {
            if plan.get("format_version").is_some() {
                return Ok(Vec::new()); // a plan with nothing to change
            }
            return Err(
                "not a Terraform plan: no `resource_changes` and no `format_version` \
                        (expected `terraform show -json PLANFILE` or `terraform plan -json`)"
                    .into(),
            );
        };
        let mut out = Vec::new();
        for (i, c) in changes.as_array().into_iter().flatten().enumerate() {
            let actions: Vec<String> = c
                .pointer("/change/actions")
                .and_then(Value::as_array)
                .ok_or_else(|| format!("resource_changes[{i}]: no `change.actions`"))?
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            out.push(Change {
                address: str_at(c, "/address")
                    .ok_or_else(|| format!("resource_changes[{i}]: no `address`"))?,
                resource_type: str_at(c, "/type").unwrap_or_default(),
                actions,
            });
        }
        return Ok(out);
    }
    // `terraform plan -json`: one message per line; the planned changes are `planned_change`.
    let mut out = Vec::new();
    let mut any = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let msg: Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: not JSON ({e})", n + 1))?;
        any = true;
        if msg.get("type").and_then(Value::as_str) != Some("planned_change") {
            continue;
        }
        let action = str_at(&msg, "/change/action").unwrap_or_default();
        let actions = match action.as_str() {
            "replace" => vec!["delete".to_string(), "create".to_string()],
            "noop" | "read" => continue,
            a => vec![a.to_string()],
        };
        out.push(Change {
            address: str_at(&msg, "/change/resource/addr")
                .ok_or_else(|| format!("line {}: a planned change with no resource", n + 1))?,
            resource_type: str_at(&msg, "/change/resource/resource_type").unwrap_or_default(),
            actions,
        });
    }
    if !any {
        return Err("the plan is empty".into());
    }
    Ok(out)
}

fn str_at(v: &Value, pointer: &str) -> Option<String> {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// What git knows about an environment's requests.
pub struct Requests<'a> {
    /// id → its file, for every request of the environment in git.
    pub in_git: &'a std::collections::BTreeMap<String, String>,
    /// Requests in open pull requests.
    pub pending: &'a BTreeSet<String>,
}

/// The findings of a plan of `env`'s root: changes no pending request explains, and every
/// destruction of data. Returns the findings and how many changes were explained.
pub fn findings(env: &str, changes: &[Change], requests: &Requests<'_>) -> (Vec<Finding>, usize) {
    let root = format!("envs/{env}/main.tf");
    let mut out = Vec::new();
    let mut explained = 0;
    for c in changes {
        let action = c.action();
        if action == "no-op" {
            continue;
        }
        let id = c.request_id();
        let file = id
            .and_then(|id| requests.in_git.get(id))
            .cloned()
            .unwrap_or_else(|| root.clone());
        let destroys_data = matches!(action, "delete" | "replace")
            && HOLDS_DATA.contains(&c.resource_type.as_str());
        let explanation = match (id, action) {
            (Some(id), _) if requests.pending.contains(id) => {
                Some(format!("request {id} is in an open pull request"))
            }
            (Some(id), "create") if requests.in_git.contains_key(id) => {
                Some(format!("request {id} is not applied yet"))
            }
            (Some(id), "delete") if !requests.in_git.contains_key(id) => {
                Some(format!("request {id} was deleted in git"))
            }
            _ => None,
        };
        if explanation.is_some() && !destroys_data {
            explained += 1;
            continue;
        }
        let mut what = format!("Terraform would {action} it");
        match (&explanation, id) {
            (Some(e), _) => what.push_str(&format!(" ({e})")),
            (None, Some(id)) if requests.in_git.contains_key(id) => {
                what.push_str(&format!(", though request {id} did not change"))
            }
            (None, Some(id)) => what.push_str(&format!("; no request {id} is in git")),
            (None, None) => what.push_str(", and no request explains it"),
        }
        let mut f = Finding::new(Layer::Cloud, Some(env), file, &c.address, what);
        if destroys_data {
            f.what.push_str(": this destroys data");
            f = f.dangerous();
        } else {
            f = f.fix(format!("idp provision plan --env {env}"));
        }
        out.push(f);
    }
    (out, explained)
}

/// `terraform plan` of `root` (init first, no backend changes, no input), as the UI's JSON
/// lines. `Ok(None)`: Terraform is not installed.
pub fn plan(root: &Path) -> Result<Option<String>, String> {
    let terraform = std::env::var_os("IDP_TERRAFORM").unwrap_or_else(|| "terraform".into());
    let init = match Command::new(&terraform)
        .current_dir(root)
        .args(["init", "-input=false", "-no-color"])
        .output()
    {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot run terraform: {e}")),
    };
    if !init.status.success() {
        return Err(format!(
            "`terraform init` in {} failed: {}",
            root.display(),
            String::from_utf8_lossy(&init.stderr).trim()
        ));
    }
    let out = Command::new(&terraform)
        .current_dir(root)
        .args([
            "plan",
            "-input=false",
            "-no-color",
            "-lock=false",
            "-detailed-exitcode",
            "-json",
        ])
        .output()
        .map_err(|e| format!("cannot run terraform: {e}"))?;
    match out.status.code() {
        Some(0 | 2) => Ok(Some(String::from_utf8_lossy(&out.stdout).into_owned())),
        _ => Err(format!(
            "`terraform plan` in {} failed: {}",
            root.display(),
            last_error(&out.stdout)
                .unwrap_or_else(|| String::from_utf8_lossy(&out.stderr).trim().to_string())
        )),
    }
}

/// The first error diagnostic of `terraform plan -json` output.
fn last_error(stdout: &[u8]) -> Option<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|m| m.pointer("/diagnostic/severity").and_then(Value::as_str) == Some("error"))
        .and_then(|m| str_at(&m, "/diagnostic/summary"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_come_from_the_for_each_key() {
        let c = |a: &str| Change {
            address: a.into(),
            resource_type: String::new(),
            actions: vec![],
        };
        assert_eq!(
            c("module.rds[\"RDS-0004\"].module.db_instance.aws_db_instance.this[0]").request_id(),
            Some("RDS-0004")
        );
        assert_eq!(
            c("aws_ebs_volume.this[\"EBS-0001\"]").request_id(),
            Some("EBS-0001")
        );
        assert_eq!(
            c("module.s3[\"S3-0001\"].aws_s3_bucket.this[0]").request_id(),
            Some("S3-0001")
        );
        assert_eq!(
            c("helm_release.argocd[\"EKS-0001\"]").request_id(),
            Some("EKS-0001")
        );
        assert_eq!(
            c("module.addon_irsa[\"external-secrets\"]").request_id(),
            None
        );
        assert_eq!(c("aws_s3_bucket.logs").request_id(), None);
    }

    #[test]
    fn both_plan_forms_parse() {
        let show = r#"{"format_version":"1.2","resource_changes":[
            {"address":"a.b","type":"aws_s3_bucket","change":{"actions":["delete","create"]}},
            {"address":"c.d","type":"aws_iam_role","change":{"actions":["no-op"]}}]}"#;
        let changes = parse_plan(show).unwrap();
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].action(), "replace");
        assert_eq!(changes[1].action(), "no-op");
        let lines = "{\"type\":\"version\",\"terraform\":\"1.9.0\"}\n\
            {\"type\":\"planned_change\",\"change\":{\"resource\":{\"addr\":\"x.y\",\"resource_type\":\"aws_db_instance\"},\"action\":\"delete\"}}\n";
        let changes = parse_plan(lines).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].action(), "delete");
        assert!(parse_plan("{\"hello\":1}").is_err());
        assert!(parse_plan("not json").is_err());
    }
}
