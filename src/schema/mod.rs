//! JSON Schema (2020-12) validation of platform files, with findings at file:line:column.
//!
//! Which schema judges which file is decided in one table, [`table`] (it knows every kind of
//! file, so it sits above the models; this module knows only the embedded assets). Schemas come
//! from the platform repo's `schemas/` when it has the file, else from the binary.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use jsonschema::{Draft, Validator, error::ValidationErrorKind};

use crate::error::Finding;
use crate::infra::source::Source;
use crate::platform::assets;
use crate::yaml::{Document, pointer_segment};

pub mod table;

/// One schema, compiled, with its JSON (to say what a `oneOf` wanted).
struct Compiled {
    validator: Validator,
    raw: serde_json::Value,
}

/// Compiled schemas, built on first use.
#[derive(Default)]
pub struct Schemas {
    compiled: HashMap<String, Arc<Compiled>>,
}

/// [`Schemas`] shared by the threads of one validation: each schema is compiled once, by the
/// first thread that needs it, and validation itself runs outside the lock.
#[derive(Default)]
pub struct SharedSchemas(Mutex<Schemas>);

impl SharedSchemas {
    /// [`Schemas::exists`].
    pub fn exists(&self, source: &dyn Source, schema_path: &str) -> anyhow::Result<bool> {
        if self.lock().compiled.contains_key(schema_path) {
            return Ok(true);
        }
        Ok(assets::resolve(source, schema_path)?.is_some())
    }

    /// [`Schemas::check`].
    pub fn check(
        &self,
        source: &dyn Source,
        schema_path: &str,
        file: &str,
        doc: &Document,
    ) -> anyhow::Result<Vec<Finding>> {
        let compiled = self.lock().get(source, schema_path)?;
        Ok(compiled.check(&doc.value, &|pointer, key| {
            locate_in(doc, file, pointer, key)
        }))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Schemas> {
        // A thread that panicked while compiling left nothing half-inserted: keep going.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn locate_in(doc: &Document, file: &str, pointer: &str, key: bool) -> (String, usize, usize) {
    let at = if key {
        doc.locate_key(pointer)
    } else {
        doc.locate(pointer)
    };
    (file.to_string(), at.line, at.col)
}

impl Schemas {
    /// Is there a schema at this path (in the platform repo or the binary)?
    pub fn exists(&self, source: &dyn Source, schema_path: &str) -> anyhow::Result<bool> {
        Ok(self.compiled.contains_key(schema_path)
            || assets::resolve(source, schema_path)?.is_some())
    }

    fn get(&mut self, source: &dyn Source, schema_path: &str) -> anyhow::Result<Arc<Compiled>> {
        if let Some(c) = self.compiled.get(schema_path) {
            return Ok(c.clone());
        }
        let text = assets::resolve(source, schema_path)?
            .ok_or_else(|| anyhow::anyhow!("schema `{schema_path}` not found"))?;
        let schema: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("schema `{schema_path}` is not valid JSON: {e}"))?;
        let validator = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .build(&schema)
            .map_err(|e| anyhow::anyhow!("schema `{schema_path}` is not a valid schema: {e}"))?;
        let compiled = Arc::new(Compiled {
            validator,
            raw: schema,
        });
        self.compiled
            .insert(schema_path.to_string(), compiled.clone());
        Ok(compiled)
    }

    /// Validate a parsed document against a schema; every error becomes a finding.
    pub fn check(
        &mut self,
        source: &dyn Source,
        schema_path: &str,
        file: &str,
        doc: &Document,
    ) -> anyhow::Result<Vec<Finding>> {
        self.check_with(source, schema_path, &doc.value, &|pointer, key| {
            locate_in(doc, file, pointer, key)
        })
    }

    /// Validate any value; `locate(pointer, is_key)` says where (file, line, column) the value at
    /// a JSON pointer (or its key) was written — for values assembled from several files.
    pub fn check_with(
        &mut self,
        source: &dyn Source,
        schema_path: &str,
        value: &serde_json::Value,
        locate: &dyn Fn(&str, bool) -> (String, usize, usize),
    ) -> anyhow::Result<Vec<Finding>> {
        Ok(self.get(source, schema_path)?.check(value, locate))
    }
}

impl Compiled {
    /// Every error of `value` against this schema, as findings located by `locate`.
    fn check(
        &self,
        value: &serde_json::Value,
        locate: &dyn Fn(&str, bool) -> (String, usize, usize),
    ) -> Vec<Finding> {
        let raw = &self.raw;
        let mut findings = Vec::new();
        for error in self.validator.iter_errors(value) {
            let pointer = error.instance_path().as_str().to_string();
            let keyword = error.kind().keyword().to_string();
            if let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() {
                for key in unexpected {
                    let p = format!("{pointer}/{}", pointer_segment(key));
                    let (file, line, col) = locate(&p, true);
                    findings.push(
                        Finding::error(file, line, col)
                            .path(p)
                            .rule(format!("schema/{keyword}"))
                            .message(format!("unknown key `{key}`{}", where_(&pointer))),
                    );
                }
                continue;
            }
            let (file, line, col) = locate(&pointer, false);
            let message = match error.kind() {
                ValidationErrorKind::OneOfNotValid { .. }
                | ValidationErrorKind::OneOfMultipleValid { .. }
                | ValidationErrorKind::AnyOf { .. } => {
                    alternatives(raw, error.schema_path().as_str(), &keyword)
                }
                _ => error.to_string(),
            };
            findings.push(
                Finding::error(file, line, col)
                    .path(pointer.clone())
                    .rule(format!("schema/{keyword}"))
                    .message(describe(&pointer, &message)),
            );
        }
        findings.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        findings
    }
}

/// Say what a `oneOf`/`anyOf` wanted, in words, instead of dumping the whole value.
fn alternatives(schema: &serde_json::Value, schema_path: &str, keyword: &str) -> String {
    let branches = schema
        .pointer(schema_path)
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let parent = schema_path.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
    if let Some(d) = schema
        .pointer(&format!("{parent}/description"))
        .and_then(|d| d.as_str())
    {
        return d.to_string();
    }
    let names: Vec<String> = branches
        .iter()
        .filter_map(|b| b.get("required").and_then(|r| r.as_array()))
        .map(|r| {
            r.iter()
                .filter_map(|x| x.as_str())
                .map(|x| format!("`{x}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .filter(|s| !s.is_empty())
        .collect();
    let how = if keyword == "oneOf" {
        "exactly one of"
    } else {
        "at least one of"
    };
    if names.len() == branches.len() && !names.is_empty() {
        format!("needs {how}: {}", names.join(", "))
    } else {
        format!("must match {how} the {} allowed shapes", branches.len())
    }
}

fn where_(pointer: &str) -> String {
    if pointer.is_empty() {
        String::new()
    } else {
        format!(" in `{}`", dotted(pointer))
    }
}

fn dotted(pointer: &str) -> String {
    pointer.trim_start_matches('/').replace('/', ".")
}

fn describe(pointer: &str, message: &str) -> String {
    if pointer.is_empty() {
        message.to_string()
    } else {
        format!("`{}`: {message}", dotted(pointer))
    }
}

/// Keys of `value` that `schema` does not declare, as dotted paths (`spec.colour`): at every
/// object schema with `properties` that closes them (`additionalProperties: false`, or absent
/// when `closed_by_default`), recursing into declared properties. The check shared by every
/// input that a form or a values file can send (golden path parameters, request values), so
/// an unknown key is named before anything else is judged.
pub fn unknown_keys(
    schema: &serde_json::Value,
    value: &serde_json::Value,
    closed_by_default: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    collect_unknown(schema, value, closed_by_default, "", &mut out);
    out
}

fn collect_unknown(
    schema: &serde_json::Value,
    value: &serde_json::Value,
    closed_by_default: bool,
    at: &str,
    out: &mut Vec<String>,
) {
    let (Some(obj), Some(props)) = (
        value.as_object(),
        schema.get("properties").and_then(|p| p.as_object()),
    ) else {
        return;
    };
    let closed = match schema.get("additionalProperties") {
        Some(serde_json::Value::Bool(b)) => !b,
        Some(_) => false,
        None => closed_by_default && at.is_empty(),
    };
    for (k, v) in obj {
        let path = if at.is_empty() {
            k.clone()
        } else {
            format!("{at}.{k}")
        };
        match props.get(k) {
            Some(s) => collect_unknown(s, v, closed_by_default, &path, out),
            None if closed => out.push(path),
            None => {}
        }
    }
}
