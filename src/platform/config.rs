//! `idp.yaml`: the platform's own configuration (org, naming, forge, approvals, teams, RBAC),
//! and the RBAC check every mutating command passes before it writes anything.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::IdpError;
pub use crate::infra::forge::config::{
    ForgeConfig, GitHubConfig, GitHubRepoSettings, LocalForgeConfig,
};

pub const CONFIG_FILE: &str = "idp.yaml";

/// The parts of `idp.yaml` that code reads; the schema checks the rest.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Config {
    pub org: String,
    pub naming: Naming,
    pub defaults: Defaults,
    pub domain: String,
    pub forge: ForgeConfig,
    pub teams: Vec<Team>,
    pub rbac: Rbac,
    pub registry: Registry,
    pub gitops: Gitops,
    pub records: RecordsConfig,
    pub ci: CiConfig,
    pub secrets: SecretsConfig,
}

/// The secret scan's settings (`secrets.allowlist`: globs of paths and regexes that are not
/// secrets; [`crate::infra::secrets::Allowlist`]).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct SecretsConfig {
    pub allowlist: SecretsAllowlist,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct SecretsAllowlist {
    pub paths: Vec<String>,
    pub regexes: Vec<String>,
}

/// The platform repo's GitHub Actions (`ci.action`: the idp action its workflows use, as
/// `owner/repo@ref`; `idp init` writes it into the workflows it creates).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct CiConfig {
    pub action: Option<String>,
}

/// Where pipeline records are committed (`records.branch`; default: the base branch).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct RecordsConfig {
    pub branch: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Registry {
    pub account_id: Option<String>,
    pub region: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Gitops {
    #[serde(rename = "repoURL")]
    pub repo_url: Option<String>,
    pub revision: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Naming {
    pub prefix: String,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Defaults {
    pub region: String,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Team {
    pub name: String,
    /// The team's slug on GitHub (`org/slug` for another org), when not its name: CODEOWNERS.
    #[serde(rename = "githubTeam")]
    pub github_team: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Rbac {
    pub default_role: Option<String>,
    pub roles: BTreeMap<String, Role>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Role {
    pub members: Vec<String>,
    pub permissions: Vec<String>,
}

impl Config {
    /// What the forges read of it.
    pub fn forge_settings(&self) -> crate::infra::forge::config::Settings {
        crate::infra::forge::config::Settings {
            forge: self.forge.clone(),
            org: self.org.clone(),
            teams: self.teams.iter().map(|t| t.name.clone()).collect(),
            file: CONFIG_FILE,
        }
    }

    pub fn from_value(value: &serde_json::Value) -> anyhow::Result<Config> {
        Ok(serde_json::from_value(value.clone())?)
    }

    /// The roles `actor` holds: those whose `members` (globs, `*` for anyone; case does not
    /// matter) match them, else `rbac.defaultRole` when there is one.
    pub fn roles_of(&self, actor: &str) -> Vec<String> {
        let actor = actor.to_ascii_lowercase();
        let mut roles: Vec<String> = self
            .rbac
            .roles
            .iter()
            .filter(|(_, role)| {
                role.members
                    .iter()
                    .any(|m| glob(&m.to_ascii_lowercase(), &actor))
            })
            .map(|(name, _)| name.clone())
            .collect();
        if roles.is_empty()
            && let Some(default) = &self.rbac.default_role
        {
            roles.push(default.clone());
        }
        roles
    }

    /// The roles that may approve `label` (`pr:approve@<label>`): the approving roles of an
    /// approval label. Empty without `rbac.roles` (then anyone but the author may approve).
    pub fn approving_roles(&self, label: &str) -> Vec<String> {
        let full = format!("pr:approve@{label}");
        self.rbac
            .roles
            .iter()
            .filter(|(_, role)| {
                role.permissions.iter().any(|p| {
                    if p.contains('@') {
                        glob(p, &full)
                    } else {
                        glob(p, "pr:approve")
                    }
                })
            })
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// The GitHub teams whose members may approve `label`: the `@org/team` members of its
    /// approving roles ([`Config::approving_roles`]).
    pub fn approving_teams(&self, label: &str) -> Vec<String> {
        let mut teams: Vec<String> = self
            .approving_roles(label)
            .iter()
            .filter_map(|r| self.rbac.roles.get(r))
            .flat_map(|r| r.members.iter())
            .filter(|m| m.starts_with('@') && m.contains('/'))
            .cloned()
            .collect();
        teams.sort();
        teams.dedup();
        teams
    }

    /// Is `actor` allowed `action` (`noun:verb`) on `scope` (an environment, or none)?
    ///
    /// A permission is a glob on `noun:verb@scope`; one without `@` applies to every scope.
    /// With no `rbac.roles` at all, everything is allowed (a repo that has not opted in).
    pub fn authorize(
        &self,
        actor: &str,
        action: &str,
        scope: Option<&str>,
    ) -> Result<(), IdpError> {
        if self.rbac.roles.is_empty() {
            return Ok(());
        }
        let full = match scope {
            Some(s) => format!("{action}@{s}"),
            None => action.to_string(),
        };
        let roles = self.roles_of(actor);
        for name in &roles {
            let Some(role) = self.rbac.roles.get(name) else {
                continue;
            };
            let allowed = role.permissions.iter().any(|p| {
                if p.contains('@') {
                    glob(p, &full)
                } else {
                    glob(p, action)
                }
            });
            if allowed {
                return Ok(());
            }
        }
        Err(IdpError::Unauthorised {
            actor: actor.to_string(),
            action: full,
            detail: if roles.is_empty() {
                " (no role in idp.yaml lists them)".into()
            } else {
                format!(" (roles: {})", roles.join(", "))
            },
        })
    }
}

/// `*` matches any run of characters; everything else matches itself.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn globs() {
        assert!(glob("*", "env:set@prod"));
        assert!(glob("env:*@dev", "env:set@dev"));
        assert!(!glob("env:*@dev", "env:set@prod"));
        assert!(glob("pr:*", "pr:merge"));
    }

    #[test]
    fn authorizes_by_role() {
        let cfg = Config::from_value(&json!({
            "rbac": {"defaultRole": "dev", "roles": {
                "admin": {"members": ["ada@example.com"], "permissions": ["*"]},
                "dev": {"members": [], "permissions": ["env:set@dev", "env:add"]}
            }}
        }))
        .unwrap();
        assert!(
            cfg.authorize("ada@example.com", "env:set", Some("prod"))
                .is_ok()
        );
        assert!(
            cfg.authorize("bob@example.com", "env:set", Some("dev"))
                .is_ok()
        );
        assert!(
            cfg.authorize("bob@example.com", "env:add", Some("qa"))
                .is_ok()
        );
        assert!(
            cfg.authorize("bob@example.com", "env:set", Some("prod"))
                .is_err()
        );
        assert!(cfg.authorize("bob@example.com", "pr:merge", None).is_err());
    }
}
