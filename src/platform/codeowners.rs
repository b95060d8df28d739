//! `.github/CODEOWNERS` of the platform repo on the GitHub forge, rendered from the ownership
//! the repo already states (ADR-0032): the platform team owns everything by default, the
//! platform files (idp.yaml, environments, policies, workflows) explicitly; an app's files are
//! its owning team's (`owner` of `apps/<app>/app.yaml`); a request is its `owner`'s. With
//! branch protection requiring code-owner review (`idp pr protect`), GitHub itself refuses a
//! merge nobody who owns the files approved.
//!
//! The pipeline keeps it current: every change on a GitHub platform re-renders it from the
//! repo as the change leaves it ([`crate::changeset`]).

use super::{Config, Source};

/// Where GitHub reads it.
pub const PATH: &str = ".github/CODEOWNERS";

/// The GitHub handle of team `name`: `@org/<githubTeam>` (or `@<githubTeam>` when it names its
/// org), else `@org/<name>`.
pub fn handle(config: &Config, name: &str) -> String {
    let github = config
        .teams
        .iter()
        .find(|t| t.name == name)
        .and_then(|t| t.github_team.clone())
        .filter(|g| !g.trim().is_empty());
    match github {
        Some(g) if g.contains('/') => format!("@{}", g.trim_start_matches('@')),
        Some(g) => format!("@{}/{}", config.org, g.trim_start_matches('@')),
        None => format!("@{}/{name}", config.org),
    }
}

/// The team that owns the platform: `platform` when idp.yaml lists it, else its first team.
pub fn platform_team(config: &Config) -> Option<String> {
    config
        .teams
        .iter()
        .find(|t| t.name == "platform")
        .or(config.teams.first())
        .map(|t| t.name.clone())
}

/// A CODEOWNERS pattern for a path (special characters escaped as GitHub reads them).
fn pattern(path: &str) -> String {
    let mut out = String::from("/");
    for c in path.chars() {
        if matches!(c, ' ' | '#' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The file's text for the platform repo in `source` (as a change leaves it).
pub fn render(source: &dyn Source, config: &Config) -> anyhow::Result<String> {
    let mut out = String::from(
        "# Rendered by idp from idp.yaml, apps/*/app.yaml and requests/ (ADR-0032): edit the\n\
         # ownership there, not here. GitHub requires a review by an owner of every file a pull\n\
         # request changes (branch protection from `idp pr protect`). Later lines win.\n",
    );
    let Some(platform) = platform_team(config) else {
        return Ok(out);
    };
    let platform = handle(config, &platform);
    out.push_str(&format!("\n*  {platform}\n"));
    for p in [
        "/idp.yaml",
        "/environments/",
        "/envs/",
        "/policies/",
        "/schemas/",
        "/.github/",
    ] {
        out.push_str(&format!("{p}  {platform}\n"));
    }
    let mut apps = Vec::new();
    for file in source.files("apps")? {
        let Some(app) = file
            .strip_prefix("apps/")
            .and_then(|f| f.strip_suffix("/app.yaml"))
            .filter(|a| !a.contains('/'))
        else {
            continue;
        };
        let owner = source
            .read(&file)?
            .and_then(|t| crate::yaml::parse(&t).ok())
            .and_then(|d| {
                d.value
                    .get("owner")
                    .and_then(|o| o.as_str())
                    .map(str::to_string)
            });
        if let Some(owner) = owner.filter(|o| !o.is_empty()) {
            apps.push((app.to_string(), handle(config, &owner)));
        }
    }
    if !apps.is_empty() {
        out.push_str("\n# Apps: their owning team.\n");
        for (app, owner) in &apps {
            out.push_str(&format!("{}  {owner}\n", pattern(&format!("apps/{app}/"))));
            out.push_str(&format!(
                "{}  {owner}\n",
                pattern(&format!("argocd/*/{app}.yaml"))
            ));
        }
    }
    let (requests, _) = crate::requests::load_all(source)?;
    let requests: Vec<_> = requests.iter().filter(|r| !r.owner().is_empty()).collect();
    if !requests.is_empty() {
        out.push_str("\n# Requests: their owner.\n");
        for r in requests {
            out.push_str(&format!(
                "{}  {}\n",
                pattern(&r.path),
                handle(config, r.owner())
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::source::MemSource;
    use serde_json::json;

    #[test]
    fn owners_come_from_idp_yaml_and_app_yaml() {
        let config = Config::from_value(&json!({
            "org": "acme",
            "teams": [{"name": "payments"}, {"name": "platform", "githubTeam": "platform-eng"},
                      {"name": "data", "githubTeam": "other-org/data"}]
        }))
        .unwrap_or_default();
        let mut files = std::collections::BTreeMap::new();
        files.insert(
            "apps/shop/app.yaml".to_string(),
            "name: shop\nowner: payments\n".to_string(),
        );
        files.insert(
            "apps/lake/app.yaml".to_string(),
            "name: lake\nowner: data\n".to_string(),
        );
        files.insert(
            "requests/ecr/prod/ECR-0002.yaml".to_string(),
            "id: ECR-0002\nenvironment: prod\nowner: payments\nrequester: a@example.com\n\
             spec:\n  repositoryName: shop\n  application: shop\n  risk: low\n"
                .to_string(),
        );
        let text = render(&MemSource::new(files), &config).unwrap_or_default();
        assert!(
            text.contains("/requests/ecr/prod/ECR-0002.yaml  @acme/payments\n"),
            "{text}"
        );
        assert!(text.contains("\n*  @acme/platform-eng\n"), "{text}");
        assert!(
            text.contains("/environments/  @acme/platform-eng\n"),
            "{text}"
        );
        assert!(text.contains("/apps/shop/  @acme/payments\n"), "{text}");
        assert!(
            text.contains("/argocd/*/shop.yaml  @acme/payments\n"),
            "{text}"
        );
        assert!(text.contains("/apps/lake/  @other-org/data\n"), "{text}");
        // Later lines win: an app's line comes after the catch-all.
        assert!(text.find("/apps/shop/").unwrap_or(0) > text.find("\n*  ").unwrap_or(usize::MAX));
    }
}
