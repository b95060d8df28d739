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
//! [`may_approve`] is the rule at `idp pr approve`; [`enforce`] the one at `idp pr merge` on
//! the local forge; [`check_pr`] reads who approved from the forge (the local record, or GitHub
//! reviews and team membership) for `idp provision approvals --pr` and `idp pr merge` on GitHub.

use crate::error::IdpError;
use crate::infra::forge::github::Review;
use crate::infra::forge::{AnyForge, Approved, PullRequest};
use crate::infra::git;
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
    /// `` `platform-approved` (from a role: admin; approved by `bob` at 1a2b3c4, void since the
    /// branch moved to 5d6e7f8) ``
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
    who: &crate::identity::Identity,
    label: &str,
) -> Result<(), IdpError> {
    let actor = who.actor.as_str();
    if let Some(config) = config {
        config.authorize(who, "pr:approve", Some(label))?;
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

/// May `by` approve `label` under `config` (RBAC `pr:approve@<label>`; anyone without config)?
fn by_rbac(config: Option<&Config>, by: &str, label: &str) -> bool {
    config.is_none_or(|c| c.permits_name(by, "pr:approve", Some(label)))
}

/// Why `a` does not approve `pr` at `head`, or `None` when it does; `may(by, label)` says
/// whether `by` holds a role that may approve `label`.
fn void_reason(
    may: &dyn Fn(&str, &str) -> bool,
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
    if !may(&a.by, &a.label) {
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
    missing_with(config, pr, required, head, &|by, label| {
        by_rbac(config, by, label)
    })
}

/// [`missing`], with `may(by, label)` deciding who holds an approving role (on GitHub: RBAC,
/// or membership of a GitHub team a role lists as `@org/team`).
pub fn missing_with(
    config: Option<&Config>,
    pr: &PullRequest,
    required: &[String],
    head: &str,
    may: &dyn Fn(&str, &str) -> bool,
) -> Vec<Missing> {
    let mut labels: Vec<&String> = required.iter().collect();
    labels.sort();
    labels.dedup();
    let mut out = Vec::new();
    for label in labels {
        let given: Vec<&Approved> = pr.approvals.iter().filter(|a| &a.label == label).collect();
        let reasons: Vec<Option<String>> = given
            .iter()
            .map(|a| void_reason(may, pr, head, a))
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
    refuse(pr, &missing(config, pr, required, head), actor)
}

/// The refusal (exit 4) to merge `pr` as `actor` while approvals are `missing`.
pub fn refuse(pr: &PullRequest, missing: &[Missing], actor: &str) -> Result<(), IdpError> {
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

/// The approvals GitHub reviews give: each standing `APPROVED` review approves every required
/// label (whether its author may approve each one is decided by [`missing_with`]).
pub fn from_reviews(reviews: &[Review], required: &[String]) -> Vec<Approved> {
    reviews
        .iter()
        .filter(|r| r.state == "APPROVED")
        .flat_map(|r| {
            required.iter().map(|label| Approved {
                label: label.clone(),
                by: r.login.clone(),
                at: r.at.clone(),
                head: r.commit.clone(),
            })
        })
        .collect()
}

/// What pull request `number` lacks of `required`, as its forge records who approved: the
/// local forge's approvals at the branch's tip; on GitHub, the standing reviews at the head
/// commit, their authors' roles from RBAC or from GitHub teams (`@org/team` members of a role).
/// Labels count for nothing here.
pub fn check_pr(
    ctx: &crate::ctx::Ctx,
    number: u64,
    required: &[String],
) -> anyhow::Result<(PullRequest, Vec<Missing>)> {
    let repo = ctx.repo()?;
    let forge = ctx.forge()?;
    let mut pr = forge.get(number)?;
    if required.is_empty() {
        return Ok((pr, Vec::new()));
    }
    let opts = super::Options {
        base: Some(pr.base.clone()),
        ..Default::default()
    };
    let config = super::resolve_base(repo, &opts)?.config;
    match forge {
        AnyForge::GitHub(gh) => {
            pr.approvals = from_reviews(&gh.reviews(number)?, required);
            let may = |by: &str, label: &str| -> bool {
                if by_rbac(config.as_ref(), by, label) {
                    return true;
                }
                let teams = config
                    .as_ref()
                    .map(|c| c.approving_teams(label))
                    .unwrap_or_default();
                teams.iter().any(|t| match gh.team_member(t, by) {
                    Ok(member) => member,
                    Err(e) => {
                        tracing::warn!("cannot tell whether `{by}` is in `{t}`: {e:#}");
                        false
                    }
                })
            };
            let head = pr.head_sha.clone();
            let missing = missing_with(config.as_ref(), &pr, required, &head, &may);
            Ok((pr, missing))
        }
        AnyForge::Local(local) => {
            if let Err(e) = local.sync() {
                tracing::debug!("the pull requests stay as this clone saw them: {e:#}");
            }
            let tip = match local.remote() {
                Some(r) => {
                    if let Err(e) = r.fetch(repo, &[r.branch_spec(&pr.head)]) {
                        tracing::debug!("`{}` stays as this clone saw it: {e:#}", pr.head);
                    }
                    git::ref_target(repo, &r.tracking(&pr.head))?
                }
                None => None,
            };
            let head = match tip.or(git::ref_target(repo, &format!("refs/heads/{}", pr.head))?) {
                Some(o) => o.to_string(),
                None => pr.head_sha.clone(),
            };
            let missing = missing(config.as_ref(), &pr, required, &head);
            Ok((pr, missing))
        }
    }
}

/// `idp pr protect`: the base branch of the platform repo on GitHub protected with code-owner
/// review required (`.github/CODEOWNERS` is rendered by every change). RBAC:
/// `forge:protect`. Returns the branch and the protection sent.
pub fn protect(
    ctx: &crate::ctx::Ctx,
    branch: Option<&str>,
) -> anyhow::Result<(String, serde_json::Value)> {
    let repo = ctx.repo()?;
    let base = super::resolve_base(repo, &super::Options::default())?;
    let Some(config) = base.config else {
        return Err(IdpError::usage("no `idp.yaml` on the base branch"));
    };
    config.authorize(ctx.identity()?, "forge:protect", None)?;
    let AnyForge::GitHub(gh) = ctx.forge()? else {
        return Err(IdpError::usage(
            "`idp pr protect` is for the github forge; the local forge enforces approvals at \
             `idp pr merge`",
        ));
    };
    let branch = branch.unwrap_or(&base.name).to_string();
    let body = gh.protect_platform(
        &branch,
        u32::from(config.forge.github.repos.required_reviews),
    )?;
    Ok((branch, body))
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
        assert_eq!(c.roles_of_name("ADA@example.com"), ["admin"]);
        assert_eq!(c.roles_of_name("lee@platform.example.com"), ["admin"]);
        assert_eq!(c.roles_of_name("bob@example.com"), ["contributor"]);
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
        let mut c = config();
        // The names here stand for identities a test cannot verify: let them through.
        c.identity.unverified.permissions = Some(vec!["*".into()]);
        let p = pr(vec![]);
        let who = crate::identity::Identity::unverified;
        assert!(may_approve(Some(&c), &p, &who("BOB@example.com"), "platform-approved").is_err());
        assert!(may_approve(Some(&c), &p, &who("sam@example.com"), "platform-approved").is_err());
        assert!(may_approve(Some(&c), &p, &who("sam@example.com"), "security-approved").is_ok());
        assert!(may_approve(None, &p, &who("bob@example.com"), "x").is_err());
        assert!(may_approve(None, &p, &who("eve@example.com"), "x").is_ok());
    }
}
