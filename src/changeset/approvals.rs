//! Approvals, enforced where merges happen (ADR-0032).
//!
//! A pull request needs the approvals its labels name (the policies' `approvals`, computed
//! when the change was made and again on the merged tree). An approval counts only when it
//! was given
//! - for the head commit being merged (a new push to the branch voids it),
//! - by someone other than the pull request's author,
//! - by an actor who holds a role that may approve that label (`pr:approve@<label>` in
//!   `rbac.roles` of the base's `idp.yaml`, checked again at merge: a role taken away since
//!   voids the approval too).
//!
//! [`may_approve`] is the rule at `idp pr approve`; [`missing`] the one at `idp pr merge`
//! (local forge) and in `idp provision approvals` (GitHub reviews).

use crate::error::IdpError;
use crate::infra::forge::{Approved, PullRequest};
use crate::platform::Config;

/// A required approval no valid approval gives, and why each given one does not count.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Missing {
    pub label: String,
    /// Why the approvals given for it do not count (empty: none was given).
    pub void: Vec<String>,
    /// The roles that may give it (empty: anyone but the author).
    pub roles: Vec<String>,
}

impl Missing {
    /// `platform-approved (from a role: admin; approved by bob at 1a2b3c4, before the branch moved)`
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.roles.is_empty() {
            parts.push(format!("from a role: {}", self.roles.join(", ")));
        }
        parts.extend(self.void.iter().cloned());
        if parts.is_empty() {
            format!("`{}`", self.label)
        } else {
            format!("`{}` ({})", self.label, parts.join("; "))
        }
    }
}

fn same_actor(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn short(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

/// May `actor` approve pull request `pr` for `label`? RBAC (`pr:approve@<label>`) and never
/// the author.
pub fn may_approve(
    config: Option<&Config>,
    pr: &PullRequest,
    actor: &str,
    label: &str,
) -> Result<(), IdpError> {
    if let Some(config) = config {
        config.authorize(actor, "pr:approve", Some(label))?;
    }
    if same_actor(actor, &pr.author) {
        return Err(IdpError::Unauthorised {
            actor: actor.to_string(),
            action: format!("pr:approve@{label}"),
            detail: format!(
                " (they opened pull request #{}; an author cannot approve their own pull request)",
                pr.number
            ),
        });
    }
    Ok(())
}

/// Why `a` does not approve `pr` at `head`, or `None` when it does.
fn void_reason(
    config: Option<&Config>,
    pr: &PullRequest,
    head: &str,
    a: &Approved,
) -> Option<String> {
    if same_actor(&a.by, &pr.author) {
        return Some(format!(
            "approved by the author `{}`, which does not count",
            a.by
        ));
    }
    if a.head != head {
        let at = if a.head.is_empty() {
            "no recorded commit".to_string()
        } else {
            short(&a.head).to_string()
        };
        return Some(format!(
            "approved by `{}` at {at}, void since the branch moved to {}",
            a.by,
            short(head)
        ));
    }
    if let Some(config) = config
        && config
            .authorize(&a.by, "pr:approve", Some(&a.label))
            .is_err()
    {
        return Some(format!(
            "approved by `{}`, who holds no role that may approve it",
            a.by
        ));
    }
    None
}

/// The approvals of `required` that `pr` lacks at `head` (the commit being merged), under the
/// base's `config`.
pub fn missing(
    config: Option<&Config>,
    pr: &PullRequest,
    required: &[String],
    head: &str,
) -> Vec<Missing> {
    let mut labels: Vec<&String> = required.iter().collect();
    labels.sort();
    labels.dedup();
    let mut out = Vec::new();
    for label in labels {
        let given: Vec<&Approved> = pr.approvals.iter().filter(|a| &a.label == label).collect();
        let reasons: Vec<Option<String>> = given
            .iter()
            .map(|a| void_reason(config, pr, head, a))
            .collect();
        if reasons.iter().any(Option::is_none) {
            continue;
        }
        out.push(Missing {
            label: label.clone(),
            void: reasons.into_iter().flatten().collect(),
            roles: config.map(|c| c.approving_roles(label)).unwrap_or_default(),
        });
    }
    out
}

/// Refuse (exit 4) to merge `pr` at `head` as `actor` while any of `required` is missing.
pub fn enforce(
    config: Option<&Config>,
    pr: &PullRequest,
    required: &[String],
    head: &str,
    actor: &str,
) -> Result<(), IdpError> {
    let missing = missing(config, pr, required, head);
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = missing.iter().map(Missing::describe).collect();
    Err(IdpError::Unauthorised {
        actor: actor.to_string(),
        action: "pr:merge".into(),
        detail: format!(
            " pull request #{} yet: it lacks the approval(s) {}; approve it with `idp pr approve {} --label <label>`",
            pr.number,
            names.join(", "),
            pr.number
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infra::forge::PrState;
    use serde_json::json;

    fn config() -> Config {
        Config::from_value(&json!({
            "rbac": {"defaultRole": "contributor", "roles": {
                "admin": {"members": ["ada@example.com", "*@platform.example.com"], "permissions": ["*"]},
                "security": {"members": ["sam@example.com"], "permissions": ["pr:approve@security-approved"]},
                "contributor": {"members": [], "permissions": ["pr:close"]}
            }}
        }))
        .unwrap_or_default()
    }

    fn pr(approvals: Vec<Approved>) -> PullRequest {
        PullRequest {
            number: 3,
            title: "t".into(),
            body: String::new(),
            head: "idp/x".into(),
            base: "main".into(),
            state: PrState::Open,
            labels: vec!["platform-approved".into()],
            reviewers: vec![],
            approvals,
            author: "bob@example.com".into(),
            created_at: String::new(),
            updated_at: String::new(),
            head_sha: "a".repeat(40),
            merged_by: None,
            merged_at: None,
            merge_commit: None,
            closed_by: None,
            closed_at: None,
            url: String::new(),
        }
    }

    fn by(who: &str, label: &str, head: &str) -> Approved {
        Approved {
            label: label.into(),
            by: who.into(),
            at: String::new(),
            head: head.into(),
        }
    }

    #[test]
    fn roles_of_follow_member_globs_and_the_default_role() {
        let c = config();
        assert_eq!(c.roles_of("ADA@example.com"), ["admin"]);
        assert_eq!(c.roles_of("lee@platform.example.com"), ["admin"]);
        assert_eq!(c.roles_of("bob@example.com"), ["contributor"]);
        assert_eq!(
            c.approving_roles("security-approved"),
            ["admin", "security"]
        );
        assert_eq!(c.approving_roles("platform-approved"), ["admin"]);
    }

    #[test]
    fn the_approval_matrix() {
        let c = config();
        let head = "a".repeat(40);
        let required = vec!["platform-approved".to_string()];
        let cases: Vec<(&str, Vec<Approved>, bool)> = vec![
            ("none given", vec![], false),
            (
                "an admin at the head",
                vec![by("ada@example.com", "platform-approved", &head)],
                true,
            ),
            (
                "an admin by glob",
                vec![by("lee@platform.example.com", "platform-approved", &head)],
                true,
            ),
            (
                "the author",
                vec![by("bob@example.com", "platform-approved", &head)],
                false,
            ),
            (
                "no approving role",
                vec![by("sam@example.com", "platform-approved", &head)],
                false,
            ),
            (
                "before a new push",
                vec![by("ada@example.com", "platform-approved", &"b".repeat(40))],
                false,
            ),
            (
                "an old record without a head",
                vec![by("ada@example.com", "platform-approved", "")],
                false,
            ),
            (
                "another label",
                vec![by("ada@example.com", "security-approved", &head)],
                false,
            ),
            (
                "one void, one valid",
                vec![
                    by("bob@example.com", "platform-approved", &head),
                    by("ada@example.com", "platform-approved", &head),
                ],
                true,
            ),
        ];
        for (name, approvals, ok) in cases {
            let got = missing(Some(&c), &pr(approvals), &required, &head);
            assert_eq!(got.is_empty(), ok, "{name}: {got:?}");
        }
    }

    #[test]
    fn a_refusal_names_the_missing_approval_and_why() {
        let c = config();
        let head = "a".repeat(40);
        let p = pr(vec![by(
            "ada@example.com",
            "platform-approved",
            &"b".repeat(40),
        )]);
        let e = enforce(Some(&c), &p, &p.labels, &head, "ada@example.com")
            .err()
            .map(|e| (e.exit_code(), e.to_string()));
        let (code, msg) = e.unwrap_or_default();
        assert_eq!(code, crate::error::exit::UNAUTHORISED);
        assert!(msg.contains("`platform-approved` (from a role: admin; approved by `ada@example.com` at bbbbbbb, void since the branch moved to aaaaaaa)"), "{msg}");
    }

    #[test]
    fn authors_cannot_approve_and_roles_are_checked() {
        let c = config();
        let p = pr(vec![]);
        assert!(may_approve(Some(&c), &p, "BOB@example.com", "platform-approved").is_err());
        assert!(may_approve(Some(&c), &p, "sam@example.com", "platform-approved").is_err());
        assert!(may_approve(Some(&c), &p, "sam@example.com", "security-approved").is_ok());
        assert!(may_approve(None, &p, "bob@example.com", "x").is_err());
        assert!(may_approve(None, &p, "eve@example.com", "x").is_ok());
    }
}
