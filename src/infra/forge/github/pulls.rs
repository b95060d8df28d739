//! GitHub's pull request JSON as idp's [`PullRequest`], and the labels idp uses on GitHub:
//! a required approval `L` is shown as the label `needs:L` (set by idp when it opens or
//! updates the PR); an approver applies `L` itself (`idp pr approve`, or by hand). So the
//! labels that count as approvals are never the ones idp sets.

use serde_json::Value;

use crate::infra::forge::{Approved, PrState, PullRequest};

/// The prefix of the labels that say which approvals a pull request still needs.
pub const NEEDS: &str = "needs:";

pub fn needs_label(label: &str) -> String {
    format!("{NEEDS}{label}")
}

fn str_at<'v>(v: &'v Value, pointer: &str) -> &'v str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

fn opt_at(v: &Value, pointer: &str) -> Option<String> {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The names of a pull request's (or issue's) labels.
pub fn label_names(v: &Value) -> Vec<String> {
    v.get("labels")
        .and_then(Value::as_array)
        .map(|ls| {
            ls.iter()
                .filter_map(|l| l.get("name").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// One pull request as GitHub returns it (`GET /repos/{o}/{r}/pulls/{n}` or a list item).
pub fn from_json(v: &Value) -> PullRequest {
    let names = label_names(v);
    let required: Vec<String> = names
        .iter()
        .filter_map(|n| n.strip_prefix(NEEDS))
        .map(str::to_string)
        .collect();
    let approvals = required
        .iter()
        .filter(|r| names.iter().any(|n| n == *r))
        .map(|r| Approved {
            label: r.clone(),
            by: "github".into(),
            at: String::new(),
            head: String::new(),
        })
        .collect();
    let merged_at = opt_at(v, "/merged_at");
    let state = match (str_at(v, "/state"), &merged_at) {
        ("open", _) => PrState::Open,
        (_, Some(_)) => PrState::Merged,
        _ => PrState::Closed,
    };
    let mut reviewers: Vec<String> = v
        .get("requested_reviewers")
        .and_then(Value::as_array)
        .map(|rs| {
            rs.iter()
                .filter_map(|r| r.get("login").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if let Some(teams) = v.get("requested_teams").and_then(Value::as_array) {
        let org = str_at(v, "/base/repo/owner/login");
        reviewers.extend(
            teams
                .iter()
                .filter_map(|t| t.get("slug").and_then(Value::as_str))
                .map(|slug| format!("{org}/{slug}")),
        );
    }
    PullRequest {
        number: v.get("number").and_then(Value::as_u64).unwrap_or(0),
        title: str_at(v, "/title").to_string(),
        body: str_at(v, "/body").to_string(),
        head: str_at(v, "/head/ref").to_string(),
        base: str_at(v, "/base/ref").to_string(),
        state,
        labels: required,
        reviewers,
        approvals,
        author: str_at(v, "/user/login").to_string(),
        created_at: str_at(v, "/created_at").to_string(),
        updated_at: str_at(v, "/updated_at").to_string(),
        head_sha: str_at(v, "/head/sha").to_string(),
        merged_by: opt_at(v, "/merged_by/login"),
        merge_commit: merged_at.as_ref().and(opt_at(v, "/merge_commit_sha")),
        merged_at,
        closed_by: None,
        closed_at: opt_at(v, "/closed_at"),
        url: str_at(v, "/html_url").to_string(),
    }
}

/// Split reviewers into users and team slugs: `org/team`, `@org/team` or a team of idp.yaml
/// is a team; anyone else a user (never the author: GitHub refuses that request).
pub fn split_reviewers(
    reviewers: &[String],
    author: &str,
    known_teams: &[String],
) -> (Vec<String>, Vec<String>) {
    let mut users = Vec::new();
    let mut teams = Vec::new();
    for r in reviewers {
        let r = r.trim_start_matches('@');
        match r.split_once('/') {
            Some((_, team)) => teams.push(team.to_string()),
            None if known_teams.iter().any(|t| t == r) => teams.push(r.to_string()),
            None if !r.eq_ignore_ascii_case(author) => users.push(r.to_string()),
            None => {}
        }
    }
    (users, teams)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn needs_labels_are_requirements_and_plain_labels_approvals() {
        let pr = from_json(&json!({
            "number": 7, "state": "open", "title": "t", "body": null,
            "head": {"ref": "idp/x", "sha": "abc"}, "base": {"ref": "main", "repo": {"owner": {"login": "acme"}}},
            "labels": [{"name": "needs:platform-approved"}, {"name": "needs:security-approved"},
                       {"name": "platform-approved"}, {"name": "unrelated"}],
            "requested_reviewers": [{"login": "alice"}], "requested_teams": [{"slug": "platform"}],
            "user": {"login": "idp-bot"}, "html_url": "https://github.com/acme/p/pull/7"
        }));
        assert_eq!(pr.labels, ["platform-approved", "security-approved"]);
        assert_eq!(pr.approvals.len(), 1);
        assert!(!pr.approved());
        assert_eq!(pr.reviewers, ["alice", "acme/platform"]);
        assert_eq!(pr.state, PrState::Open);
    }

    #[test]
    fn closed_with_merged_at_is_merged() {
        let pr = from_json(
            &json!({"state": "closed", "merged_at": "2026-01-01T00:00:00Z",
            "merge_commit_sha": "def", "labels": []}),
        );
        assert_eq!(pr.state, PrState::Merged);
        assert_eq!(pr.merge_commit.as_deref(), Some("def"));
        assert_eq!(
            from_json(&json!({"state": "closed"})).state,
            PrState::Closed
        );
    }

    #[test]
    fn teams_and_users_are_told_apart_and_the_author_is_not_asked() {
        let (users, teams) = split_reviewers(
            &[
                "alice".into(),
                "@acme/platform".into(),
                "idp-bot".into(),
                "security".into(),
            ],
            "idp-bot",
            &["security".into()],
        );
        assert_eq!(users, ["alice"]);
        assert_eq!(teams, ["platform", "security"]);
    }
}
