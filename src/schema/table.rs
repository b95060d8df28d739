//! Which schema judges which file, in one table: a folder's `metadata.yaml`, `idp.yaml`, an
//! environment, a request, an app, and the Kubernetes manifests judged document by document.
//! It names the file kinds of every model, so it is its own unit above them (ADR-0038).

/// The schema that judges a whole file, by its path, if any.
pub fn schema_for(path: &str) -> Option<String> {
    if crate::docs::metadata::is_folder_file(path) {
        return Some(crate::docs::metadata::FOLDER_SCHEMA.into());
    }
    if path == crate::platform::CONFIG_FILE {
        return Some("schemas/idp.schema.json".into());
    }
    if crate::platform::environments::is_env_file(path) {
        return Some("schemas/environment.schema.json".into());
    }
    if let Some(kind) = crate::requests::kind_of(path) {
        return Some(format!("schemas/requests/{kind}.schema.json"));
    }
    let parts: Vec<&str> = path.split('/').collect();
    if parts.len() == 3 && parts[0] == "apps" && parts[2] == "app.yaml" {
        return Some("schemas/app.schema.json".into());
    }
    None
}

/// Is this a file of Kubernetes manifests (judged document by document, by `kind`)?
pub fn is_manifest(path: &str) -> bool {
    (path.starts_with("apps/") || path.starts_with("argocd/"))
        && (path.ends_with(".yaml") || path.ends_with(".yml"))
        && schema_for(path).is_none()
}

/// The schema for a Kubernetes kind, if idp ships one.
pub fn manifest_schema(kind: &str) -> String {
    format!(
        "schemas/kubernetes/{}.schema.json",
        kind.to_ascii_lowercase()
    )
}
