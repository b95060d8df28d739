//! The Groups the platform's Keycloak realm defines (idp.yaml's teams and `platform`), and the
//! catalog files that define them again: platform repo knowledge that `idp validate` (below
//! the producers) and the Backstage add-on (ADR-0040) both read.

use serde_json::Value;

/// The platform team's group, in the realm and the catalog.
pub const PLATFORM_GROUP: &str = "platform";

/// The documents of a multi-document YAML text, each with the line (1-based) it starts at.
pub fn documents(text: &str) -> Vec<(usize, String)> {
    let mut docs: Vec<(usize, String)> = vec![(1, String::new())];
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            docs.push((i + 2, String::new()));
        } else if let Some((_, last)) = docs.last_mut() {
            last.push_str(line);
        }
    }
    docs
}

/// The name of the Group `doc` defines when the realm defines it too.
pub fn realm_group(doc: &str, groups: &std::collections::BTreeSet<String>) -> Option<String> {
    let d = crate::yaml::parse(doc).ok()?;
    if d.value.get("kind").and_then(Value::as_str) != Some("Group") {
        return None;
    }
    let name = d.value.pointer("/metadata/name").and_then(Value::as_str)?;
    groups.contains(name).then(|| name.to_string())
}

/// The Groups of `catalog/` the realm defines too (idp.yaml's teams and `platform`), by file,
/// line and name: with Backstage on, the catalog would hold two `group:default/<name>` and keep
/// only the first (ADR-0040).
pub fn duplicate_groups(
    source: &dyn super::Source,
    teams: impl IntoIterator<Item = String>,
) -> anyhow::Result<Vec<(String, usize, String)>> {
    let groups: std::collections::BTreeSet<String> = teams
        .into_iter()
        .filter(|t| !t.is_empty())
        .chain([PLATFORM_GROUP.to_string()])
        .collect();
    let mut out = Vec::new();
    for path in source.files("catalog")? {
        if !(path.ends_with(".yaml") || path.ends_with(".yml")) {
            continue;
        }
        let Some(text) = source.read(&path)? else {
            continue;
        };
        for (line, doc) in documents(&text) {
            if let Some(name) = realm_group(&doc, &groups) {
                out.push((path.clone(), line, name));
            }
        }
    }
    Ok(out)
}
