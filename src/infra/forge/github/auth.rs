//! Which credentials the GitHub forge uses: a GitHub App installation when `forge.github`
//! configures one (`appId`, `installationId`, a private key), else `GH_TOKEN`, else
//! `GITHUB_TOKEN`. None at all is exit 4 with how to set one. Values are registered with
//! `infra::secrets` as soon as they are read.

use super::api::Auth;
use crate::error::IdpError;
use crate::infra::forge::config::GitHubConfig;

/// The environment variable holding an App's private key when `privateKeyEnv` is not set.
pub const DEFAULT_KEY_ENV: &str = "IDP_GITHUB_APP_PRIVATE_KEY";

/// Resolve the credentials; the error says how to set them.
pub fn resolve(cfg: &GitHubConfig) -> anyhow::Result<Auth> {
    if let (Some(app_id), Some(installation_id)) = (cfg.app_id, cfg.installation_id) {
        let pem = app_key(cfg)?;
        let key = octocrab::EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(|e| {
            IdpError::NotAuthenticated {
                message: format!(
                    "the private key of GitHub App {app_id} is not an RSA PEM key: {e}"
                ),
                hint: "use the .pem file GitHub generated for the App".into(),
            }
        })?;
        return Ok(Auth::App {
            app_id,
            installation_id,
            key,
        });
    }
    for var in ["GH_TOKEN", "GITHUB_TOKEN"] {
        if let Ok(v) = std::env::var(var)
            && !v.trim().is_empty()
        {
            crate::infra::secrets::register(v.trim());
            return Ok(Auth::Token(v.trim().to_string()));
        }
    }
    Err(IdpError::NotAuthenticated {
        message: "no GitHub token: the github forge needs one to push branches and open pull \
                  requests"
            .into(),
        hint: "export GH_TOKEN=<token> (a fine-grained token with Contents, Pull requests and \
               Administration access, or `gh auth token`); in GitHub Actions pass \
               `GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`; or configure a GitHub App under \
               `forge.github` (appId, installationId, privateKeyFile)"
            .into(),
    }
    .into())
}

fn app_key(cfg: &GitHubConfig) -> anyhow::Result<String> {
    if let Some(file) = &cfg.private_key_file {
        let pem = std::fs::read_to_string(file).map_err(|e| IdpError::NotAuthenticated {
            message: format!("cannot read the GitHub App private key `{file}`: {e}"),
            hint: "set `forge.github.privateKeyFile` to the App's .pem file".into(),
        })?;
        crate::infra::secrets::register(&pem);
        return Ok(pem);
    }
    let var = cfg.private_key_env.as_deref().unwrap_or(DEFAULT_KEY_ENV);
    match std::env::var(var) {
        Ok(pem) if !pem.trim().is_empty() => {
            crate::infra::secrets::register(&pem);
            Ok(pem)
        }
        _ => Err(IdpError::NotAuthenticated {
            message: format!(
                "GitHub App {} is configured but its private key is missing",
                cfg.app_id.unwrap_or_default()
            ),
            hint: format!("export {var}=\"$(cat app.pem)\", or set `forge.github.privateKeyFile`"),
        }
        .into()),
    }
}
