//! `idp.yaml`: the platform's own configuration (org, naming, forge, approvals, teams, RBAC,
//! identity), and the RBAC check every mutating command passes before it writes anything:
//! roles by name (`members`) or by verified group (`groups`), and what an unverified actor may
//! do (`identity.unverified`).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::IdpError;
use crate::identity::Identity;
pub use crate::identity::IdentityConfig;
pub use crate::infra::forge::config::{
    ForgeConfig, GitHubConfig, GitHubRepoSettings, LocalForgeConfig,
};

pub const CONFIG_FILE: &str = "idp.yaml";
/// The database Backstage reads in an environment that hosts it: the RDS request with this
/// `databaseName` there (ADR-0040).
pub const BACKSTAGE_DATABASE: &str = "backstage";
/// The `databaseName` of Keycloak's RDS request in an environment with a cluster (ADR-0043).
pub const KEYCLOAK_DATABASE: &str = "keycloak";

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
    pub identity: IdentityConfig,
    pub secrets: SecretsConfig,
    pub backstage: BackstageConfig,
}

/// `backstage`: the environments whose cluster runs Backstage as a platform add-on, and the
/// platform's Backstage image (ADR-0040, [`crate::platform::backstage`]).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct BackstageConfig {
    pub environments: Vec<String>,
    pub image: BackstageImage,
}

/// The image of the platform's Backstage app (its plugins, idp's scaffolder module and the idp
/// binary built in), pinned by tag or digest.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct BackstageImage {
    pub registry: Option<String>,
    pub repository: Option<String>,
    pub tag: Option<String>,
    pub digest: Option<String>,
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
    pub scan: ScanPolicy,
}

/// `ci.scan`: what fails the image scan of the apps' delivery workflows.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScanPolicy {
    pub fail_on: Vec<String>,
    pub ignore_unfixed: bool,
}

impl Default for ScanPolicy {
    fn default() -> Self {
        ScanPolicy {
            fail_on: vec!["CRITICAL".into(), "HIGH".into()],
            ignore_unfixed: true,
        }
    }
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
    /// Actors by name (an email, a GitHub login), or `*`.
    pub members: Vec<String>,
    /// Groups of a *verified* identity: the OIDC `groups` claim (`/platform/admins`), GitHub
    /// teams (`@acme/platform`).
    pub groups: Vec<String>,
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

    /// May an unverified actor take `action` on `scope` (roles permitting)? With
    /// `identity.unverified.permissions` set, when one of those globs allows it; unset, unless
    /// it is one of [`crate::identity::DEFAULT_UNVERIFIED_DENY`] (approvals, merges) or scoped
    /// to one of [`crate::identity::DEFAULT_PROTECTED_SCOPES`] (staging, prod).
    pub fn unverified_allows(&self, action: &str, scope: Option<&str>) -> bool {
        match &self.identity.unverified.permissions {
            Some(globs) => permits(globs, action, scope),
            None => {
                !crate::identity::DEFAULT_UNVERIFIED_DENY.contains(&action)
                    && !scope
                        .is_some_and(|s| crate::identity::DEFAULT_PROTECTED_SCOPES.contains(&s))
            }
        }
    }

    /// Is `who` verified by a source *this* config names? The resolver reads the work tree's
    /// idp.yaml, RBAC the base's: an issuer, audience, repository or GitHub API that only an
    /// uncommitted (or not yet merged) idp.yaml names verifies no one here.
    pub fn trusts(&self, who: &Identity) -> bool {
        use crate::identity::VerifiedBy;
        let same = |a: &str, b: Option<&String>| {
            b.is_some_and(|b| a.trim_end_matches('/') == b.trim_end_matches('/'))
        };
        let claim = |k: &str| who.claims.get(k);
        match who.verified_by {
            VerifiedBy::None => false,
            VerifiedBy::Oidc => self.identity.oidc.as_ref().is_some_and(|c| {
                same(&c.issuer, claim("issuer")) && claim("client_id") == Some(&c.client_id)
            }),
            VerifiedBy::GithubOidc => self.identity.github_actions.as_ref().is_some_and(|c| {
                same(&c.issuer, claim("issuer"))
                    && claim("audience") == Some(&c.audience)
                    && c.repository.as_ref().is_none_or(|r| {
                        claim("repository").is_some_and(|got| got.eq_ignore_ascii_case(r))
                    })
            }),
            VerifiedBy::GithubToken => {
                self.forge.kind == "github"
                    && self.identity.github.enabled
                    && same(&self.forge.github.base_url, claim("github_api"))
            }
        }
    }

    /// The roles a recorded name holds by `members` alone (globs, `*` for anyone, case
    /// ignored), else `rbac.defaultRole`: for approvals given earlier, whose groups are gone.
    pub fn roles_of_name(&self, name: &str) -> Vec<String> {
        let mut roles: Vec<String> = self
            .rbac
            .roles
            .iter()
            .filter(|(_, role)| member(role, name))
            .map(|(n, _)| n.clone())
            .collect();
        if roles.is_empty()
            && let Some(default) = &self.rbac.default_role
        {
            roles.push(default.clone());
        }
        roles
    }

    /// May the recorded name `name` take `action` on `scope` by its roles by name
    /// ([`Config::roles_of_name`])? Everything without `rbac.roles`.
    pub fn permits_name(&self, name: &str, action: &str, scope: Option<&str>) -> bool {
        self.rbac.roles.is_empty()
            || self.roles_of_name(name).iter().any(|r| {
                self.rbac
                    .roles
                    .get(r)
                    .is_some_and(|role| permits(&role.permissions, action, scope))
            })
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

    /// The GitHub teams whose members may approve `label`: the `@org/team` groups (or members)
    /// of its approving roles ([`Config::approving_roles`]).
    pub fn approving_teams(&self, label: &str) -> Vec<String> {
        let mut teams: Vec<String> = self
            .approving_roles(label)
            .iter()
            .filter_map(|r| self.rbac.roles.get(r))
            .flat_map(|r| r.groups.iter().chain(&r.members))
            .filter(|m| m.starts_with('@') && m.contains('/'))
            .cloned()
            .collect();
        teams.sort();
        teams.dedup();
        teams
    }

    /// The roles of `who`: by name in `members` (or `*`), by a group in `groups` when this
    /// config [trusts](Config::trusts) its verification; else `rbac.defaultRole`.
    pub fn roles_of(&self, who: &Identity) -> Vec<&str> {
        let trusted = self.trusts(who);
        let mut roles: Vec<&str> = Vec::new();
        for (name, role) in &self.rbac.roles {
            let by_name = member(role, &who.actor);
            let by_group = trusted && role.groups.iter().any(|g| who.groups.contains(g));
            if by_name || by_group {
                roles.push(name.as_str());
            }
        }
        if roles.is_empty()
            && let Some(default) = &self.rbac.default_role
        {
            roles.push(default.as_str());
        }
        roles
    }

    /// Is `who` allowed `action` (`noun:verb`) on `scope` (an environment, or none)?
    ///
    /// A permission is a glob on `noun:verb@scope`; one without `@` applies to every scope.
    /// With no `rbac.roles` at all, every role check passes (a repo that has not opted in),
    /// but an unverified actor is still held to [`Config::unverified_allows`], and an actor
    /// named by `IDP_ACTOR` must be allowed by this config's `identity.allowActorOverride`.
    pub fn authorize(
        &self,
        who: &Identity,
        action: &str,
        scope: Option<&str>,
    ) -> Result<(), IdpError> {
        let full = match scope {
            Some(s) => format!("{action}@{s}"),
            None => action.to_string(),
        };
        let refuse = |detail: String| IdpError::Unauthorised {
            actor: who.actor.clone(),
            action: full.clone(),
            detail,
        };
        if who.overridden() && !self.identity.override_allowed(crate::identity::is_ci()) {
            return Err(refuse(
                " (named by `IDP_ACTOR`, which this idp.yaml does not allow: \
                 `identity.allowActorOverride`)"
                    .into(),
            ));
        }
        if !self.trusts(who) && !self.unverified_allows(action, scope) {
            return Err(refuse(format!(
                " as an unverified actor ({}); sign in with `idp login`, or run where \
                 GitHub Actions OIDC or a GitHub token verifies you (`identity` in idp.yaml)",
                if who.overridden() {
                    "named by `IDP_ACTOR`"
                } else if who.verified() {
                    "verified by an issuer the base branch's idp.yaml does not name"
                } else {
                    "the git identity"
                }
            )));
        }
        if self.rbac.roles.is_empty() {
            return Ok(());
        }
        let roles = self.roles_of(who);
        for name in &roles {
            let Some(role) = self.rbac.roles.get(*name) else {
                continue;
            };
            if permits(&role.permissions, action, scope) {
                return Ok(());
            }
        }
        Err(refuse(if roles.is_empty() {
            " (no role in idp.yaml lists them)".into()
        } else {
            format!(" (roles: {})", roles.join(", "))
        }))
    }
}

/// Does one of `globs` allow `action` on `scope`? A glob with `@` matches `action@scope`, one
/// without matches the action on every scope.
pub fn permits(globs: &[String], action: &str, scope: Option<&str>) -> bool {
    let full = match scope {
        Some(s) => format!("{action}@{s}"),
        None => action.to_string(),
    };
    globs.iter().any(|p| {
        if p.contains('@') {
            glob(p, &full)
        } else {
            glob(p, action)
        }
    })
}

/// Does `pattern` match all of `text`? A glob as globset reads it: `*` matches any run of
/// characters (`/`, `:` and `@` included), `?` one, `[…]` a class, `{a,b}` either. A pattern
/// globset refuses (an unclosed `[`) matches only itself.
pub fn glob(pattern: &str, text: &str) -> bool {
    match globset::GlobBuilder::new(pattern)
        .literal_separator(false)
        .build()
    {
        Ok(g) => g.compile_matcher().is_match(text),
        Err(_) => pattern == text,
    }
}

/// Does `role` list `name` among its `members` (globs, `*` for anyone; case ignored)?
fn member(role: &Role, name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    role.members
        .iter()
        .any(|m| glob(&m.to_ascii_lowercase(), &name))
}

/// The cross-file rules of `backstage.environments` (ADR-0040), as findings on idp.yaml at the
/// entry: each names an environment that exists and is not retired (error), and has an RDS
/// request whose `databaseName` is `backstage`, the database the add-on reads (warning: the
/// request can come in a later change; `idp backstage enable ENV` makes both in one).
pub fn check_backstage(
    source: &dyn super::Source,
    doc: &crate::yaml::Document,
    envs: &[super::environments::EnvFile],
) -> anyhow::Result<Vec<crate::error::Finding>> {
    use crate::error::Finding;
    let mut out = Vec::new();
    let names = crate::yaml::strings(doc.value.pointer("/backstage/environments"));
    for (i, name) in names.iter().enumerate() {
        let pointer = format!("/backstage/environments/{i}");
        let at = doc.locate(&pointer);
        let finding = || {
            Finding::error(CONFIG_FILE, at.line, at.col)
                .path(pointer.clone())
                .rule("backstage/environment")
        };
        match envs.iter().find(|e| &e.name == name) {
            None => {
                let known: Vec<&str> = envs.iter().map(|e| e.name.as_str()).collect();
                out.push(finding().message(format!(
                    "`backstage.environments` names `{name}`, which is not an environment of \
                     the platform (environments/{name}.yaml is missing; there are: {})",
                    known.join(", ")
                )));
                continue;
            }
            Some(e) if e.retired() => {
                out.push(finding().message(format!(
                    "`backstage.environments` names `{name}`, which is retired: it runs no \
                     add-ons any more"
                )));
                continue;
            }
            Some(_) => {}
        }
        if !has_backstage_database(source, name)? {
            out.push(
                finding()
                    .rule("backstage/database")
                    .warning()
                    .message(format!(
                        "`{name}` has no RDS request with `databaseName: {}`: Backstage has no \
                         database there (`idp backstage enable {name}` requests one)",
                        BACKSTAGE_DATABASE
                    )),
            );
        }
    }
    if !names.is_empty() {
        let teams = doc
            .value
            .get("teams")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| t.get("name").and_then(serde_json::Value::as_str))
            .map(str::to_string)
            .collect::<Vec<_>>();
        for (file, line, name) in super::catalog_groups::duplicate_groups(source, teams)? {
            out.push(
                Finding::error(&file, line, 1)
                    .rule("backstage/group")
                    .warning()
                    .message(format!(
                        "`{file}` defines the Group `{name}`, which Backstage's catalog gets \
                         from the platform's realm too (the Keycloak org provider): it keeps one \
                         and reports a conflict; remove it here (`idp backstage enable` does)"
                    )),
            );
        }
    }
    Ok(out)
}

/// Backstage and Keycloak each read one database in an environment: an RDS request with
/// `databaseName: backstage` (or `keycloak`) among `files` whose environment has another is an
/// error at it (a pull request enabling Backstage, or giving an environment its cluster, merged
/// after another change did the same would add a second: the add-on reads one of them, the
/// other is provisioned for nothing).
pub fn check_backstage_databases(
    source: &dyn super::Source,
    files: &[String],
) -> anyhow::Result<Vec<crate::error::Finding>> {
    use crate::error::Finding;
    let mut out = Vec::new();
    for file in files {
        let Some(env) = rds_env(file) else {
            continue;
        };
        for (database, rule, how) in [
            (
                BACKSTAGE_DATABASE,
                "backstage/second-database",
                "was Backstage enabled",
            ),
            (
                KEYCLOAK_DATABASE,
                "keycloak/second-database",
                "was Keycloak's database requested",
            ),
        ] {
            let Some(doc) = database_request(source, file, database)? else {
                continue;
            };
            let mut others = Vec::new();
            for other in source.files(&format!("requests/rds/{env}"))? {
                if &other != file && database_request(source, &other, database)?.is_some() {
                    others.push(format!("`{other}`"));
                }
            }
            if others.is_empty() {
                continue;
            }
            let who = if database == BACKSTAGE_DATABASE {
                "Backstage"
            } else {
                "Keycloak"
            };
            let at = doc.locate("/spec/databaseName");
            out.push(
                Finding::error(file, at.line, at.col)
                    .path("/spec/databaseName")
                    .rule(rule)
                    .message(format!(
                        "a second database of {who} in `{env}`: {} has `databaseName: {database}` \
                         already, and {who} reads one ({how} in `{env}` twice? drop this change, \
                         or give this database another name)",
                        others.join(", "),
                    )),
            );
        }
    }
    Ok(out)
}

/// The environment of an RDS request's file (`requests/rds/<env>/<id>.yaml`).
fn rds_env(file: &str) -> Option<&str> {
    file.strip_prefix("requests/rds/")
        .and_then(|rest| rest.split_once('/'))
        .filter(|(_, name)| name.ends_with(".yaml") && !name.contains('/'))
        .map(|(env, _)| env)
}

/// Keycloak runs on every cluster of the platform (ADR-0033), on the RDS request of its
/// environment whose `databaseName` is `keycloak` (ADR-0043): an EKS request that creates a
/// cluster (`mode` `cluster-only` or `cluster+bootstrap`) in an environment without one is a
/// warning at its `spec.mode`, naming the command that requests it. Judged for the
/// environments of the EKS and RDS requests among `files` (a change costs its environments).
pub fn check_keycloak_databases(
    source: &dyn super::Source,
    files: &[String],
) -> anyhow::Result<Vec<crate::error::Finding>> {
    use crate::error::Finding;
    let envs: std::collections::BTreeSet<&str> = files
        .iter()
        .filter_map(|f| {
            let rest = f
                .strip_prefix("requests/eks/")
                .or_else(|| f.strip_prefix("requests/rds/"))?;
            let (env, name) = rest.split_once('/')?;
            (name.ends_with(".yaml") && !name.contains('/')).then_some(env)
        })
        .collect();
    let mut out = Vec::new();
    for env in envs {
        let mut clusters = Vec::new();
        for path in source.files(&format!("requests/eks/{env}"))? {
            let Some(doc) = source
                .read(&path)?
                .and_then(|t| crate::yaml::parse(&t).ok())
            else {
                continue;
            };
            if creates_a_cluster(&doc.value) {
                clusters.push((path, doc));
            }
        }
        if clusters.is_empty() || has_database(source, env, KEYCLOAK_DATABASE)? {
            continue;
        }
        for (path, doc) in clusters {
            let at = doc.locate("/spec/mode");
            out.push(
                Finding::error(&path, at.line, at.col)
                    .path("/spec/mode")
                    .rule("keycloak/database")
                    .warning()
                    .message(format!(
                        "this cluster runs Keycloak, but `{env}` has no RDS request with \
                         `databaseName: {KEYCLOAK_DATABASE}`: Keycloak has no database there \
                         (`idp provision rds --env {env} --owner platform --name \
                         {KEYCLOAK_DATABASE} --size small --set username={KEYCLOAK_DATABASE}` \
                         requests one; `idp provision eks` makes it with an environment's first \
                         cluster)"
                    )),
            );
        }
    }
    Ok(out)
}

/// Does an EKS request (its document) create a cluster, which runs the platform's add-ons?
pub fn creates_a_cluster(doc: &serde_json::Value) -> bool {
    matches!(
        doc.pointer("/spec/mode")
            .and_then(serde_json::Value::as_str),
        Some("cluster-only" | "cluster+bootstrap")
    )
}

/// The document at `path` when it is an RDS request for the database `database`.
fn database_request(
    source: &dyn super::Source,
    path: &str,
    database: &str,
) -> anyhow::Result<Option<crate::yaml::Document>> {
    let Some(text) = source.read(path)? else {
        return Ok(None);
    };
    let Ok(doc) = crate::yaml::parse(&text) else {
        return Ok(None);
    };
    let is = doc
        .value
        .pointer("/spec/databaseName")
        .and_then(serde_json::Value::as_str)
        == Some(database);
    Ok(is.then_some(doc))
}

/// Does `env` have an RDS request for Backstage's database?
pub fn has_backstage_database(source: &dyn super::Source, env: &str) -> anyhow::Result<bool> {
    has_database(source, env, BACKSTAGE_DATABASE)
}

/// Does `env` have an RDS request whose `databaseName` is `database`?
pub fn has_database(source: &dyn super::Source, env: &str, database: &str) -> anyhow::Result<bool> {
    // (The folder of RDS requests, `requests::rds::KIND`: the model names it, the producers
    // above it use it.)
    for path in source.files(&format!("requests/rds/{env}"))? {
        if database_request(source, &path, database)?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
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
        assert!(glob("*@example.com", "ada@example.com"));
        assert!(!glob("*@example.com", "ada@example.org"));
        assert!(glob("env:*@team/*", "env:set@team/a/b"));
        assert!(glob("[", "["), "a pattern globset refuses matches itself");
        assert!(!glob("[", "x"));
    }

    #[test]
    fn authorizes_by_role() {
        let cfg = with_oidc(json!({
            "rbac": {"defaultRole": "dev", "roles": {
                "admin": {"members": ["ada@example.com"], "permissions": ["*"]},
                "dev": {"members": [], "permissions": ["env:set@dev", "env:add"]}
            }}
        }));
        let ada = verified("ada@example.com", &[]);
        let bob = verified("bob@example.com", &[]);
        assert!(cfg.authorize(&ada, "env:set", Some("prod")).is_ok());
        assert!(cfg.authorize(&bob, "env:set", Some("dev")).is_ok());
        assert!(cfg.authorize(&bob, "env:add", Some("qa")).is_ok());
        assert!(cfg.authorize(&bob, "env:set", Some("prod")).is_err());
        assert!(cfg.authorize(&bob, "pr:merge", None).is_err());
    }

    fn verified(actor: &str, groups: &[&str]) -> Identity {
        let mut id = Identity::unverified(actor);
        id.verified_by = crate::identity::VerifiedBy::Oidc;
        id.groups = groups.iter().map(|g| g.to_string()).collect();
        id.claims
            .insert("issuer".into(), "https://kc.example.com/realms/acme".into());
        id.claims.insert("client_id".into(), "idp".into());
        id
    }

    /// A config from `v` with `identity.oidc` naming the issuer [`verified`] uses.
    fn with_oidc(mut v: serde_json::Value) -> Config {
        v["identity"] =
            json!({"oidc": {"issuer": "https://kc.example.com/realms/acme/", "clientId": "idp"}});
        Config::from_value(&v).unwrap()
    }

    #[test]
    fn groups_of_verified_identities_give_roles() {
        let cfg = with_oidc(json!({
            "rbac": {"roles": {
                "admin": {"groups": ["/platform/admins"], "permissions": ["*"]},
            }}
        }));
        let admin = verified("kim@example.com", &["/platform/admins"]);
        assert!(cfg.authorize(&admin, "teardown:run", Some("prod")).is_ok());
        assert!(
            cfg.authorize(
                &verified("kim@example.com", &["/dev"]),
                "env:set",
                Some("dev")
            )
            .is_err()
        );
        // Groups only count when verified…
        let mut claimed = Identity::unverified("kim@example.com");
        claimed.groups = vec!["/platform/admins".into()];
        assert!(cfg.authorize(&claimed, "env:set", Some("dev")).is_err());
        // …by an issuer and client this config names.
        let mut elsewhere = admin.clone();
        elsewhere
            .claims
            .insert("issuer".into(), "http://127.0.0.1:9999".into());
        assert!(cfg.authorize(&elsewhere, "env:set", Some("dev")).is_err());
        assert!(cfg.authorize(&elsewhere, "env:set", Some("prod")).is_err());
        let mut other_client = admin.clone();
        other_client.claims.insert("client_id".into(), "x".into());
        assert!(!cfg.trusts(&other_client));
    }

    #[test]
    fn unverified_actors_keep_out_of_staging_prod_and_approvals_by_default() {
        let cfg = Config::from_value(&json!({
            "rbac": {"roles": {"admin": {"members": ["ada@example.com"], "permissions": ["*"]}}}
        }))
        .unwrap();
        let ada = Identity::unverified("ada@example.com");
        assert!(cfg.authorize(&ada, "env:set", Some("dev")).is_ok());
        assert!(cfg.authorize(&ada, "adr:new", None).is_ok());
        assert!(cfg.authorize(&ada, "env:set", Some("prod")).is_err());
        assert!(
            cfg.authorize(&ada, "teardown:run", Some("staging"))
                .is_err()
        );
        assert!(
            cfg.authorize(&ada, "pr:approve", Some("platform-approved"))
                .is_err()
        );
        assert!(cfg.authorize(&ada, "pr:merge", None).is_err());
        let open = Config::from_value(&json!({
            "identity": {"unverified": {"permissions": ["*@dev", "adr:*"]}},
            "rbac": {"roles": {"admin": {"members": ["ada@example.com"], "permissions": ["*"]}}}
        }))
        .unwrap();
        assert!(open.authorize(&ada, "env:set", Some("dev")).is_ok());
        assert!(open.authorize(&ada, "adr:new", None).is_ok());
        assert!(open.authorize(&ada, "env:set", Some("test")).is_err());
        // No roles at all: the unverified limits still hold.
        let bare = with_oidc(json!({}));
        assert!(bare.authorize(&ada, "env:set", Some("prod")).is_err());
        assert!(
            bare.authorize(&verified("x", &[]), "env:set", Some("prod"))
                .is_ok()
        );
    }
}
