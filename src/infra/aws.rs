//! AWS through the SDK: the default credential chain (environment, profiles, web identity,
//! `credential_process`, container and instance metadata), `AWS_ENDPOINT_URL` honoured (moto in
//! the tests), one runtime and one SDK config per region for the whole run ([`Aws`], built on
//! first use by the context). ECR: does a digest exist, tag it without docker
//! (BatchGetImage + PutImage, immutable tags handled), the newest image matching a tag pattern.
//! STS: who am I.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;

use aws_config::BehaviorVersion;
use aws_sdk_ecr::error::ProvideErrorMetadata;
use aws_sdk_ecr::types::ImageIdentifier;

use crate::error::IdpError;
use crate::infra::client_error::{self, Cause};

/// The AWS side of one run: a current-thread runtime and the SDK config of each region used,
/// each built once, on first use.
pub struct Aws {
    rt: tokio::runtime::Runtime,
    configs: RefCell<HashMap<Option<String>, aws_config::SdkConfig>>,
}

impl Aws {
    pub fn new() -> anyhow::Result<Aws> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| anyhow::anyhow!("cannot start the AWS client runtime: {e}"))?;
        Ok(Aws {
            rt,
            configs: RefCell::new(HashMap::new()),
        })
    }

    /// Run one SDK future to completion.
    fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    /// The SDK config of `region` (the default chain's region when `None`), loaded once.
    fn config(&self, region: Option<&str>) -> aws_config::SdkConfig {
        let key = region.map(str::to_string);
        if let Some(c) = self.configs.borrow().get(&key) {
            return c.clone();
        }
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if let Some(r) = region {
            loader = loader.region(aws_config::Region::new(r.to_string()));
        }
        let conf = self.block_on(loader.load());
        self.configs.borrow_mut().insert(key, conf.clone());
        conf
    }

    /// The ECR client of one repository.
    pub fn ecr(&self, repo: EcrRepo) -> Ecr<'_> {
        Ecr { aws: self, repo }
    }
}

/// An SDK error as the user reads it: one line (the service's message and code, or the causes
/// of a failure to send, each once) and a hint, `or_else` being the way around AWS (`pass
/// --no-registry …`). Missing or refused credentials are not-authenticated (exit 4); the rest
/// exit 1. The SDK's Debug form (raw HTTP headers and bodies) is logged at `-vv` only. Never
/// credentials: the SDK does not print them.
fn failed<E: ProvideErrorMetadata + std::error::Error + 'static>(
    what: &str,
    e: &aws_sdk_ecr::error::SdkError<E>,
    or_else: &str,
) -> anyhow::Error {
    tracing::debug!("{what}: {e:?}");
    let (message, credentials, hint) = match e.as_service_error() {
        Some(s) => {
            let code = s.code().unwrap_or("unknown error");
            let message = format!("{what}: {} ({code})", s.message().unwrap_or("no message"));
            let refused = matches!(
                code,
                "UnrecognizedClientException"
                    | "InvalidClientTokenId"
                    | "ExpiredToken"
                    | "ExpiredTokenException"
                    | "InvalidSignatureException"
                    | "SignatureDoesNotMatch"
            );
            let hint = if refused {
                "AWS refused the credentials: refresh them (`aws sso login`, or new keys)"
                    .to_string()
            } else if code.contains("AccessDenied") {
                "the AWS identity lacks this permission; `idp whoami` shows which identity idp uses"
                    .to_string()
            } else if code == "RepositoryNotFoundException" {
                "check `registry` in idp.yaml, or create the repository (`idp provision ecr`)"
                    .to_string()
            } else {
                "`-vv` logs the full error".to_string()
            };
            (message, refused, hint)
        }
        None => {
            let line = client_error::chain(e);
            let message = format!("{what}: {line}");
            match client_error::transport_hint(&line) {
                Some(Cause::NoCredentials) => (
                    message,
                    true,
                    "idp reads AWS credentials from the default chain: set `AWS_PROFILE` (after `aws sso login`) or `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`"
                        .to_string(),
                ),
                Some(Cause::Unreachable) => (
                    message,
                    false,
                    "AWS could not be reached: check the network, the region, and `AWS_ENDPOINT_URL` if it is set"
                        .to_string(),
                ),
                None => (message, false, "`-vv` logs the full error".to_string()),
            }
        }
    };
    let hint = format!("{hint}; {or_else}");
    if credentials {
        IdpError::NotAuthenticated { message, hint }.into()
    } else {
        IdpError::Service { message, hint }.into()
    }
}

/// What a registry call's hint adds: the way to promote without ECR.
const NO_REGISTRY: &str = "or pass `--no-registry` to skip registry calls offline";

impl Aws {
    /// The AWS identity: `(account, arn, user id)`.
    pub fn caller_identity(
        &self,
        region: Option<&str>,
    ) -> anyhow::Result<(String, String, String)> {
        let conf = self.config(region);
        self.block_on(async {
            let sts = aws_sdk_sts::Client::new(&conf);
            let out = sts
                .get_caller_identity()
                .send()
                .await
                .map_err(|e| failed("STS GetCallerIdentity", &e, "or pass `--no-aws`"))?;
            Ok((
                out.account().unwrap_or_default().to_string(),
                out.arn().unwrap_or_default().to_string(),
                out.user_id().unwrap_or_default().to_string(),
            ))
        })
    }
}

/// An ECR repository, from an image name such as
/// `111111111111.dkr.ecr.eu-west-1.amazonaws.com/payments`.
#[derive(Debug, Clone, PartialEq)]
pub struct EcrRepo {
    pub registry_id: Option<String>,
    pub region: Option<String>,
    pub name: String,
}

impl EcrRepo {
    pub fn parse(image: &str, default_region: Option<&str>) -> EcrRepo {
        let (host, name) = match image.split_once('/') {
            Some((h, n)) if h.contains('.') || h.contains(':') => (h, n),
            _ => ("", image),
        };
        let parts: Vec<&str> = host.split('.').collect();
        let (registry_id, region) = if parts.len() >= 6 && parts[1] == "dkr" && parts[2] == "ecr" {
            (Some(parts[0].to_string()), Some(parts[3].to_string()))
        } else {
            (None, default_region.map(str::to_string))
        };
        EcrRepo {
            registry_id,
            region,
            name: name.to_string(),
        }
    }
}

/// What happened when a tag was put on an image.
#[derive(Debug, PartialEq)]
pub enum Tagged {
    Added,
    /// The tag already pointed at this digest.
    AlreadyThere,
}

/// ECR calls for one repository.
pub struct Ecr<'a> {
    aws: &'a Aws,
    repo: EcrRepo,
}

impl Ecr<'_> {
    /// The manifest and its media type of `digest`, or `None` when the repository lacks it.
    pub fn manifest(&self, digest: &str) -> anyhow::Result<Option<(String, Option<String>)>> {
        let repo = self.repo.clone();
        let conf = self.aws.config(repo.region.as_deref());
        self.aws.block_on(async move {
            let ecr = aws_sdk_ecr::Client::new(&conf);
            let out = ecr
                .batch_get_image()
                .set_registry_id(repo.registry_id.clone())
                .repository_name(&repo.name)
                .image_ids(ImageIdentifier::builder().image_digest(digest).build())
                .send()
                .await
                .map_err(|e| {
                    failed(
                        &format!("ECR BatchGetImage `{}`", repo.name),
                        &e,
                        NO_REGISTRY,
                    )
                })?;
            Ok(out.images().first().and_then(|i| {
                i.image_manifest().map(|m| {
                    (
                        m.to_string(),
                        i.image_manifest_media_type().map(str::to_string),
                    )
                })
            }))
        })
    }

    /// Would putting `tag` on `digest` be refused: the repository's tags are immutable and the
    /// tag already names another image? (Checked before anything is written.)
    pub fn tag_conflict(&self, digest: &str, tag: &str) -> anyhow::Result<bool> {
        let repo = self.repo.clone();
        let conf = self.aws.config(repo.region.as_deref());
        self.aws.block_on(async move {
            let ecr = aws_sdk_ecr::Client::new(&conf);
            let repos = ecr
                .describe_repositories()
                .set_registry_id(repo.registry_id.clone())
                .repository_names(&repo.name)
                .send()
                .await
                .map_err(|e| {
                    failed(
                        &format!("ECR DescribeRepositories `{}`", repo.name),
                        &e,
                        NO_REGISTRY,
                    )
                })?;
            let immutable = repos.repositories().first().is_some_and(|r| {
                r.image_tag_mutability()
                    .is_some_and(|m| m.as_str().starts_with("IMMUTABLE"))
            });
            if !immutable {
                return Ok(false);
            }
            let named = digest_of_tag(&ecr, &repo, tag).await?;
            Ok(named.is_some_and(|d| d != digest))
        })
    }

    /// Put `tag` on `digest` (the same manifest, no docker). An immutable repository where the
    /// tag already names another image is an error that says so.
    pub fn tag(&self, digest: &str, tag: &str) -> anyhow::Result<Tagged> {
        let Some((manifest, media_type)) = self.manifest(digest)? else {
            return Err(IdpError::usage(format!(
                "ECR repository `{}` has no image {digest}",
                self.repo.name
            )));
        };
        let repo = self.repo.clone();
        let conf = self.aws.config(repo.region.as_deref());
        self.aws.block_on(async move {
            let ecr = aws_sdk_ecr::Client::new(&conf);
            let result = ecr
                .put_image()
                .set_registry_id(repo.registry_id.clone())
                .repository_name(&repo.name)
                .image_manifest(manifest)
                .set_image_manifest_media_type(media_type)
                .image_tag(tag)
                .image_digest(digest)
                .send()
                .await;
            let immutable = || {
                IdpError::usage(format!(
                    "ECR repository `{}` has immutable tags and `{tag}` already names another \
                     image: promote a new build, or delete the tag first",
                    repo.name
                ))
            };
            match result {
                Ok(_) => Ok(Tagged::Added),
                Err(e) => match e.as_service_error() {
                    Some(s) if s.is_image_tag_already_exists_exception() => Err(immutable()),
                    // "Already exists": fine when the tag names this digest; some registries
                    // (and moto) say so too when an immutable tag names another image.
                    Some(s) if s.is_image_already_exists_exception() => {
                        let named = digest_of_tag(&ecr, &repo, tag).await?;
                        if named.as_deref() == Some(digest) {
                            Ok(Tagged::AlreadyThere)
                        } else {
                            Err(immutable())
                        }
                    }
                    _ => Err(failed(
                        &format!("ECR PutImage `{}:{tag}`", repo.name),
                        &e,
                        NO_REGISTRY,
                    )),
                },
            }
        })
    }

    /// The newest image (by push time) with a tag that `matches`: `(digest, tag, pushed at)`.
    pub fn latest(
        &self,
        matches: &dyn Fn(&str) -> bool,
    ) -> anyhow::Result<Option<(String, String, i64)>> {
        let repo = self.repo.clone();
        let conf = self.aws.config(repo.region.as_deref());
        self.aws.block_on(async move {
            let ecr = aws_sdk_ecr::Client::new(&conf);
            let mut pages = ecr
                .describe_images()
                .set_registry_id(repo.registry_id.clone())
                .repository_name(&repo.name)
                .into_paginator()
                .send();
            // (digest, tag, pushed at in seconds and nanoseconds): two pushes in one second
            // are told apart by the fraction; a true tie goes to the one listed later (ECR lists
            // in push order).
            let mut best: Option<(String, String, (i64, u32))> = None;
            while let Some(page) = pages.next().await {
                let page = page.map_err(|e| {
                    failed(
                        &format!("ECR DescribeImages `{}`", repo.name),
                        &e,
                        NO_REGISTRY,
                    )
                })?;
                for d in page.image_details() {
                    let pushed = d
                        .image_pushed_at()
                        .map(|t| (t.secs(), t.subsec_nanos()))
                        .unwrap_or((0, 0));
                    let Some(tag) = d.image_tags().iter().find(|t| matches(t)) else {
                        continue;
                    };
                    if best.as_ref().is_none_or(|b| pushed >= b.2)
                        && let Some(digest) = d.image_digest()
                    {
                        best = Some((digest.to_string(), tag.clone(), pushed));
                    }
                }
            }
            Ok(best.map(|(digest, tag, (secs, _))| (digest, tag, secs)))
        })
    }
}

/// The digest `tag` names in `repo`, if any.
async fn digest_of_tag(
    ecr: &aws_sdk_ecr::Client,
    repo: &EcrRepo,
    tag: &str,
) -> anyhow::Result<Option<String>> {
    let out = ecr
        .batch_get_image()
        .set_registry_id(repo.registry_id.clone())
        .repository_name(&repo.name)
        .image_ids(ImageIdentifier::builder().image_tag(tag).build())
        .send()
        .await
        .map_err(|e| {
            failed(
                &format!("ECR BatchGetImage `{}:{tag}`", repo.name),
                &e,
                NO_REGISTRY,
            )
        })?;
    Ok(out
        .images()
        .first()
        .and_then(|i| i.image_id())
        .and_then(|i| i.image_digest())
        .map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecr_repositories_from_image_names() {
        let r = EcrRepo::parse(
            "111111111111.dkr.ecr.eu-west-1.amazonaws.com/team/payments",
            None,
        );
        assert_eq!(r.registry_id.as_deref(), Some("111111111111"));
        assert_eq!(r.region.as_deref(), Some("eu-west-1"));
        assert_eq!(r.name, "team/payments");
        let r = EcrRepo::parse("payments", Some("us-east-1"));
        assert_eq!(
            (r.registry_id, r.region.as_deref(), r.name.as_str()),
            (None, Some("us-east-1"), "payments")
        );
    }
}
