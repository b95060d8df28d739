//! Metadata: folder defaults (`metadata.yaml`, inherited from the repo root down to a file's
//! folder, never `id` or `title`), and the effective metadata of docs (front matter) and of
//! apps, requests and environments, each checked against its schema in schemas/metadata/.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::Finding;
use crate::platform::Source;
use crate::schema::Schemas;
use crate::yaml::{self, Document};

pub use crate::platform::METADATA_FILE as FILE;
pub const FOLDER_SCHEMA: &str = "schemas/metadata/folder.schema.json";
pub const DOC_SCHEMA: &str = "schemas/metadata/doc.schema.json";
pub const ENTITY_SCHEMA: &str = "schemas/metadata/entity.schema.json";
/// Fields that name one document and so are never inherited.
const NEVER_INHERITED: [&str; 2] = ["id", "title"];

/// Is `path` a folder's `metadata.yaml`?
pub fn is_folder_file(path: &str) -> bool {
    path == FILE || path.ends_with("/metadata.yaml")
}

/// One folder's `metadata.yaml`.
struct Folder {
    file: String,
    doc: Document,
}

/// Every `metadata.yaml` of the repo, by the folder it applies to (`""` for the root).
#[derive(Default)]
pub struct Defaults {
    folders: BTreeMap<String, Folder>,
}

impl Defaults {
    /// Read every `metadata.yaml`; a file that does not parse, or sets `id`/`title`, is a finding
    /// (schema errors are `idp validate`'s and [`Defaults::check`]'s).
    pub fn load(source: &dyn Source) -> anyhow::Result<(Defaults, Vec<Finding>)> {
        let mut out = Defaults::default();
        let mut findings = Vec::new();
        for file in source.files("")? {
            if !is_folder_file(&file) {
                continue;
            }
            let Some(text) = source.read(&file)? else {
                continue;
            };
            let doc = match yaml::parse(&text) {
                Ok(d) => d,
                Err(e) => {
                    findings.push(
                        Finding::error(&file, e.line, e.col)
                            .rule("yaml")
                            .message(e.message),
                    );
                    continue;
                }
            };
            for key in NEVER_INHERITED {
                if doc.value.get(key).is_some() {
                    let at = doc.locate_key(&format!("/{key}"));
                    findings.push(
                        Finding::error(&file, at.line, at.col)
                            .path(key)
                            .rule("metadata/inherited-id")
                            .message(format!(
                                "`{key}` names one document and is never inherited: set it in \
                                 each document, not in {FILE}"
                            )),
                    );
                }
            }
            let dir = file
                .strip_suffix(FILE)
                .unwrap_or("")
                .trim_end_matches('/')
                .to_string();
            out.folders.insert(dir, Folder { file, doc });
        }
        Ok((out, findings))
    }

    /// Schema findings for every `metadata.yaml`.
    pub fn check(
        &self,
        source: &dyn Source,
        schemas: &mut Schemas,
    ) -> anyhow::Result<Vec<Finding>> {
        let mut out = Vec::new();
        for f in self.folders.values() {
            out.extend(schemas.check(source, FOLDER_SCHEMA, &f.file, &f.doc)?);
        }
        Ok(out)
    }

    /// The folders whose `metadata.yaml` applies to `path`, nearest last.
    fn chain(&self, path: &str) -> Vec<&Folder> {
        let mut dirs = vec![String::new()];
        let parts: Vec<&str> = path.split('/').collect();
        for i in 1..parts.len() {
            dirs.push(parts[..i].join("/"));
        }
        dirs.iter().filter_map(|d| self.folders.get(d)).collect()
    }

    /// `own` (the fields a file sets itself, at `file`) over the defaults that apply to `file`.
    pub fn apply(&self, file: &str, own: Value, locate_own: Locator) -> Effective {
        let mut value = Map::new();
        let mut origin: BTreeMap<String, usize> = BTreeMap::new();
        let chain = self.chain(file);
        for (i, folder) in chain.iter().enumerate() {
            if let Some(fields) = folder.doc.value.as_object() {
                for (k, v) in fields {
                    if NEVER_INHERITED.contains(&k.as_str()) {
                        continue;
                    }
                    merge_field(&mut value, k, v);
                    origin.insert(k.clone(), i);
                }
            }
        }
        if let Some(fields) = own.as_object() {
            for (k, v) in fields {
                merge_field(&mut value, k, v);
                origin.remove(k);
            }
        }
        let folders = chain
            .iter()
            .map(|f| (f.file.clone(), f.doc.clone()))
            .collect();
        Effective {
            file: file.to_string(),
            value: Value::Object(value),
            inherited: origin,
            folders,
            locate_own,
        }
    }
}

/// Objects (`risk_profile`, `reliability`) merge key by key; anything else replaces.
fn merge_field(into: &mut Map<String, Value>, key: &str, v: &Value) {
    match (into.get_mut(key), v) {
        (Some(Value::Object(old)), Value::Object(new)) => {
            for (k, x) in new {
                old.insert(k.clone(), x.clone());
            }
        }
        _ => {
            into.insert(key.to_string(), v.clone());
        }
    }
}

/// Where the fields a file sets itself were written: `pointer → (line, column)`.
pub type Locator = Box<dyn Fn(&str) -> (usize, usize)>;

/// A file's metadata after folder defaults, and where each field came from.
pub struct Effective {
    pub file: String,
    pub value: Value,
    /// Top-level field → index into `folders` of the `metadata.yaml` it came from.
    inherited: BTreeMap<String, usize>,
    folders: Vec<(String, Document)>,
    locate_own: Locator,
}

impl Effective {
    /// `(file, line, column)` of the value at `pointer`: in the file itself, or in the
    /// `metadata.yaml` that supplied it.
    pub fn locate(&self, pointer: &str, key: bool) -> (String, usize, usize) {
        let top = pointer
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or("");
        if let Some(&i) = self.inherited.get(top) {
            let (file, doc) = &self.folders[i];
            let at = if key {
                doc.locate_key(pointer)
            } else {
                doc.locate(pointer)
            };
            return (file.clone(), at.line, at.col);
        }
        let (line, col) = (self.locate_own)(pointer);
        (self.file.clone(), line, col)
    }

    /// Check against a schema in schemas/metadata/.
    pub fn check(
        &self,
        source: &dyn Source,
        schemas: &mut Schemas,
        schema: &str,
    ) -> anyhow::Result<Vec<Finding>> {
        schemas.check_with(source, schema, &self.value, &|p, key| self.locate(p, key))
    }

    pub fn text(&self, key: &str) -> String {
        match self.value.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    pub fn list(&self, key: &str) -> Vec<String> {
        crate::yaml::strings(self.value.get(key))
    }
}

/// The effective front matter of a doc: its front matter block `meta`, which starts at line
/// `offset` of the file.
pub fn doc(defaults: &Defaults, file: &str, meta: &Document, offset: usize) -> Effective {
    let meta = meta.clone();
    defaults.apply(
        file,
        meta.value.clone(),
        Box::new(move |p| {
            let s = meta.locate(p);
            (s.line + offset - 1, s.col)
        }),
    )
}

/// The effective metadata of an app, request or environment: the fields of `doc` named in
/// `fields` (`(metadata key, JSON pointer in the file)`), over the folder defaults.
pub fn entity(
    defaults: &Defaults,
    file: &str,
    doc: &Document,
    fields: &[(&str, &str)],
) -> Effective {
    let mut own = Map::new();
    let mut at: BTreeMap<String, String> = BTreeMap::new();
    for (key, pointer) in fields {
        if let Some(v) = doc.value.pointer(pointer) {
            own.insert(key.to_string(), v.clone());
            at.insert(format!("/{key}"), pointer.to_string());
        }
    }
    let d = doc.clone();
    defaults.apply(
        file,
        Value::Object(own),
        Box::new(move |p| {
            // `/owner/…` → the pointer of `owner` in the file, plus the rest.
            let top = p.trim_start_matches('/').split('/').next().unwrap_or("");
            let rest = &p[(top.len() + 1).min(p.len())..];
            let mapped = at
                .get(&format!("/{top}"))
                .map(|base| format!("{base}{rest}"))
                .unwrap_or_default();
            let s = d.locate(&mapped);
            (s.line, s.col)
        }),
    )
}

/// The metadata fields of an app (`apps/<app>/app.yaml`).
pub const APP_FIELDS: [(&str, &str); 8] = [
    ("owner", "/owner"),
    ("description", "/description"),
    ("lifecycle", "/lifecycle"),
    ("domain", "/domain"),
    ("tags", "/tags"),
    ("runbooks", "/runbooks"),
    ("adrs", "/adrs"),
    ("review_cadence_days", "/review_cadence_days"),
];
/// The metadata fields of an environment: at the top of the file, like an app's, except
/// `domain` (an environment's `domain` is its DNS domain).
pub const ENV_FIELDS: [(&str, &str); 7] = [
    ("owner", "/owner"),
    ("description", "/description"),
    ("lifecycle", "/lifecycle"),
    ("tags", "/tags"),
    ("runbooks", "/runbooks"),
    ("adrs", "/adrs"),
    ("review_cadence_days", "/review_cadence_days"),
];
/// The metadata fields of this request: [`REQUEST_FIELDS`], its description being
/// `metadata.description`, else `metadata.title` (which `idp provision` always writes when
/// neither is given): one definition of a complete request for provision and `docs coverage`.
pub fn request_fields(doc: &Value) -> Vec<(&'static str, &'static str)> {
    let given = |p: &str| {
        doc.pointer(p)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty())
    };
    REQUEST_FIELDS
        .iter()
        .map(|&(k, p)| {
            if k == "description" && !given(p) && given("/metadata/title") {
                (k, "/metadata/title")
            } else {
                (k, p)
            }
        })
        .collect()
}

/// The metadata fields of a request: `owner` at the top, the rest in its `metadata` block.
pub const REQUEST_FIELDS: [(&str, &str); 8] = [
    ("owner", "/owner"),
    ("description", "/metadata/description"),
    ("lifecycle", "/metadata/lifecycle"),
    ("domain", "/metadata/domain"),
    ("tags", "/metadata/tags"),
    ("runbooks", "/metadata/runbooks"),
    ("adrs", "/metadata/adrs"),
    ("review_cadence_days", "/metadata/review_cadence_days"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::source::MemSource;

    #[test]
    fn nearer_folders_win_and_ids_are_never_inherited() {
        let src = MemSource::new(
            [
                ("metadata.yaml", "owner: platform\nlifecycle: active\n"),
                (
                    "docs/ops/metadata.yaml",
                    "owner: sre\nrisk_profile:\n  production_impact: high\n",
                ),
                ("docs/metadata.yaml", "id: DOC-0001\ntags: [ops]\n"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        );
        let (defaults, findings) = Defaults::load(&src).unwrap();
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].rule, "metadata/inherited-id");
        assert_eq!(findings[0].file, "docs/metadata.yaml");
        let own = serde_json::json!({"title": "X", "risk_profile": {"security_risk": "low"}});
        let e = defaults.apply("docs/ops/x.md", own, Box::new(|_| (1, 1)));
        assert_eq!(e.text("owner"), "sre");
        assert_eq!(e.text("lifecycle"), "active");
        assert_eq!(e.list("tags"), vec!["ops"]);
        assert_eq!(e.value.get("id"), None);
        assert_eq!(
            e.value["risk_profile"],
            serde_json::json!({"production_impact": "high", "security_risk": "low"})
        );
        assert_eq!(e.locate("/owner", false).0, "docs/ops/metadata.yaml");
        assert_eq!(e.locate("/title", false).0, "docs/ops/x.md");
    }
}
