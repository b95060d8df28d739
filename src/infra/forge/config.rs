//! `forge` in idp.yaml: which forge holds the platform repo's pull requests and the app
//! repositories (the local forge in git, or GitHub), as the forges read it. The platform's
//! configuration ([`crate::platform::Config`]) holds it; defined here so that the forges
//! depend on nothing above them.

use serde::Deserialize;

/// The forge part of idp.yaml, with what the forges need from the rest of it.
#[derive(Debug, Clone)]
pub struct Settings {
    pub forge: ForgeConfig,
    /// `org`: the GitHub owner when `forge.github.owner` does not say.
    pub org: String,
    /// The teams of idp.yaml, by name.
    pub teams: Vec<String>,
    /// The file these come from (for positions in error messages).
    pub file: &'static str,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LocalForgeConfig {
    pub repos_dir: String,
}

impl Default for LocalForgeConfig {
    fn default() -> Self {
        LocalForgeConfig {
            repos_dir: ".idp/repos".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ForgeConfig {
    #[serde(rename = "type")]
    pub kind: String,
    pub base_branch: String,
    pub local: LocalForgeConfig,
    pub github: GitHubConfig,
}

/// `forge.github`: where the platform repo and app repositories live on GitHub (or GitHub
/// Enterprise), how idp authenticates, and how app repositories are set up.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GitHubConfig {
    /// The organisation (default: `org`).
    pub owner: Option<String>,
    /// The platform repository's name (default: the platform directory's name).
    pub repo: Option<String>,
    /// The REST API: `https://api.github.com`, or `https://HOST/api/v3` for Enterprise.
    pub base_url: String,
    /// Where repositories are pushed: `https://github.com` (a repository is
    /// `<gitUrl>/<owner>/<repo>.git`); any URL or path git takes.
    pub git_url: Option<String>,
    /// A GitHub App to authenticate as (installation token), when set with `installationId`.
    pub app_id: Option<u64>,
    pub installation_id: Option<u64>,
    /// The App's private key (PEM): a file, or the environment variable holding it
    /// (default `IDP_GITHUB_APP_PRIVATE_KEY`).
    pub private_key_file: Option<String>,
    pub private_key_env: Option<String>,
    /// How `idp new-app` sets up app repositories.
    pub repos: GitHubRepoSettings,
}

impl Default for GitHubConfig {
    fn default() -> Self {
        GitHubConfig {
            owner: None,
            repo: None,
            base_url: "https://api.github.com".into(),
            git_url: None,
            app_id: None,
            installation_id: None,
            private_key_file: None,
            private_key_env: None,
            repos: GitHubRepoSettings::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GitHubRepoSettings {
    pub private: bool,
    /// Approving reviews `main` needs before a merge.
    pub required_reviews: u8,
    /// What the owning team may do: pull, triage, push, maintain, admin.
    pub team_permission: String,
}

impl Default for GitHubRepoSettings {
    fn default() -> Self {
        GitHubRepoSettings {
            private: true,
            required_reviews: 1,
            team_permission: "push".into(),
        }
    }
}

impl Default for ForgeConfig {
    fn default() -> Self {
        ForgeConfig {
            kind: "local".into(),
            base_branch: "main".into(),
            local: LocalForgeConfig::default(),
            github: GitHubConfig::default(),
        }
    }
}
