//! In-place edits of YAML text: set the value at a key path by replacing the byte span of the
//! old value, or insert a `key: value` line at the mapping's indentation. Everything else in
//! the file (comments, order, quoting, blank lines) is left byte for byte as it was. A mapping
//! set onto a block mapping is merged key by key: the keys that stay keep their lines and
//! comments, new ones are added, and the lines of the keys it drops are removed. A value set
//! where a block sequence was keeps the sequence's layout and its items' comments (see
//! [`super::seq_edit`]).

use serde_json::Value;

use super::scalar::{double_quoted, render_inline, single_quoted};
use super::{Node, ScalarStyle, parse};

/// Why an edit could not be made.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{0}")]
    Parse(#[from] super::YamlError),
    #[error("cannot set `{path}`: `{at}` is {what}, not a mapping")]
    NotAMapping {
        path: String,
        at: String,
        what: &'static str,
    },
    #[error("cannot set `{0}`: it goes through a YAML alias")]
    ThroughAlias(String),
    #[error("the key path is empty")]
    EmptyPath,
    #[error("cannot set `{path}`: `{at}` has no item {index}")]
    NoSuchItem {
        path: String,
        at: String,
        index: String,
    },
    #[error(
        "cannot set `{0}`: its block sequence is laid out in a way idp cannot edit in place; \
         edit the file by hand"
    )]
    Layout(String),
}

/// Set `path` (keys from the root; a number steps into a sequence item, which must exist) to
/// `value` in `text`, keeping everything else as it was.
pub fn set(text: &str, path: &[&str], value: &Value) -> Result<String, EditError> {
    if path.is_empty() {
        return Err(EditError::EmptyPath);
    }
    let doc = parse(text)?;
    let dotted = path.join(".");
    let mut node = &doc.root;
    // The span of the key whose value `node` is (none for a sequence item or the root).
    let mut key_span = None;
    for (depth, key) in path.iter().enumerate() {
        if let Node::Seq { items, .. } = node {
            key_span = None;
            node = key
                .parse::<usize>()
                .ok()
                .and_then(|i| items.get(i))
                .ok_or_else(|| EditError::NoSuchItem {
                    path: dotted.clone(),
                    at: path[..depth].join("."),
                    index: key.to_string(),
                })?;
            continue;
        }
        let Node::Map {
            entries,
            flow,
            span,
        } = node
        else {
            return Err(EditError::NotAMapping {
                path: dotted,
                at: path[..depth].join("."),
                what: kind_name(node),
            });
        };
        match entries.iter().find(|e| e.key == *key) {
            Some(entry) => {
                node = &entry.value;
                key_span = Some(entry.key_span);
            }
            None => {
                let rest = &path[depth..];
                return Ok(insert(text, node, entries, *flow, *span, rest, value));
            }
        }
    }
    if let (
        Node::Map {
            entries,
            flow: false,
            ..
        },
        Value::Object(new),
    ) = (node, value)
        && !entries.is_empty()
        && !new.is_empty()
    {
        return merge(text, path, entries, new);
    }
    if let Node::Seq {
        items, flow: false, ..
    } = node
        && !items.is_empty()
    {
        return set_block_seq(text, path, &doc.value, key_span, node, items, value);
    }
    replace(text, node, value, &dotted)
}

/// Set the block sequence `node` (with `items`) at `path` to `value` keeping its layout (see
/// [`super::seq_edit`]), else by replacing its span; either way only if the result reads back
/// as `before` with `value` at `path`.
fn set_block_seq(
    text: &str,
    path: &[&str],
    before: &Value,
    key_span: Option<super::Span>,
    node: &Node,
    items: &[Node],
    value: &Value,
) -> Result<String, EditError> {
    let dotted = path.join(".");
    let Some(expected) = with_value_at(before, path, value) else {
        return Err(EditError::Layout(dotted));
    };
    let reads_back = |out: &str| parse(out).is_ok_and(|d| d.value == expected);
    if let Some((out, merges)) =
        key_span.and_then(|key| super::seq_edit::set(text, key, items, value))
    {
        let merged = merges.iter().try_fold(out, |out, &j| {
            let index = j.to_string();
            let mut at = path.to_vec();
            at.push(&index);
            set(&out, &at, &value[j])
        });
        if let Ok(out) = merged
            && reads_back(&out)
        {
            return Ok(out);
        }
    }
    let out = replace(text, node, value, &dotted)?;
    if reads_back(&out) {
        return Ok(out);
    }
    Err(EditError::Layout(dotted))
}

/// `root` with `value` at `path` (which exists in it).
fn with_value_at(root: &Value, path: &[&str], value: &Value) -> Option<Value> {
    let mut out = root.clone();
    let mut slot = &mut out;
    for key in path {
        slot = match slot {
            Value::Object(map) => map.get_mut(*key)?,
            Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    *slot = value.clone();
    Some(out)
}

/// Set the block mapping at `path` to `new`, key by key (see the module doc). The new keys go
/// first, so the mapping is never empty on the way.
fn merge(
    text: &str,
    path: &[&str],
    entries: &[super::Entry],
    new: &serde_json::Map<String, Value>,
) -> Result<String, EditError> {
    let dropped: Vec<String> = entries
        .iter()
        .filter(|e| !new.contains_key(&e.key))
        .map(|e| e.key.clone())
        .collect();
    let mut out = text.to_string();
    for (key, v) in new {
        let mut at = path.to_vec();
        at.push(key);
        out = set(&out, &at, v)?;
    }
    for key in dropped {
        let doc = parse(&out)?;
        let Some(Node::Map { entries, .. }) = lookup(&doc.root, path) else {
            break;
        };
        let Some(entry) = entries.iter().find(|e| e.key == key) else {
            continue;
        };
        // The entry's lines: from the start of its key's line to the end of its value's.
        let start = out[..entry.key_span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = entry.value.content_end().max(entry.key_span.end);
        let end = out[end..].find('\n').map_or(out.len(), |i| end + i + 1);
        out.replace_range(start..end, "");
    }
    Ok(out)
}

/// The node at `path` (mapping keys; a number steps into a sequence).
fn lookup<'a>(root: &'a Node, path: &[&str]) -> Option<&'a Node> {
    let mut node = root;
    for key in path {
        node = match node {
            Node::Seq { items, .. } => items.get(key.parse::<usize>().ok()?)?,
            Node::Map { entries, .. } => &entries.iter().find(|e| e.key == *key)?.value,
            _ => return None,
        };
    }
    Some(node)
}

fn kind_name(node: &Node) -> &'static str {
    match node {
        Node::Scalar { .. } => "a scalar",
        Node::Seq { .. } => "a sequence",
        Node::Map { .. } => "a mapping",
        Node::Alias { .. } => "an alias",
    }
}

fn replace(text: &str, node: &Node, value: &Value, dotted: &str) -> Result<String, EditError> {
    let (start, end, rendered) = match node {
        Node::Alias { .. } => return Err(EditError::ThroughAlias(dotted.to_string())),
        Node::Scalar { style, span, .. } => {
            let rendered = match (style, value) {
                (ScalarStyle::DoubleQuoted, Value::String(s)) => double_quoted(s),
                (ScalarStyle::SingleQuoted, Value::String(s)) => single_quoted(s),
                _ => render_inline(value),
            };
            // `key:` with an empty value: write ` value` after the colon.
            if span.start == span.end {
                let line_end = text[span.start..]
                    .find('\n')
                    .map_or(text.len(), |i| span.start + i);
                if let Some(colon) = text[span.start..line_end].find(':') {
                    let at = span.start + colon + 1;
                    (at, at, format!(" {rendered}"))
                } else {
                    (span.start, span.end, rendered)
                }
            } else {
                (span.start, span.end, rendered)
            }
        }
        Node::Map { span, .. } | Node::Seq { span, .. } => {
            (span.start, node.content_end(), render_inline(value))
        }
    };
    let mut out = String::with_capacity(text.len() + rendered.len());
    out.push_str(&text[..start]);
    out.push_str(&rendered);
    out.push_str(&text[end..]);
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn insert(
    text: &str,
    map: &Node,
    entries: &[super::Entry],
    flow: bool,
    span: super::Span,
    rest: &[&str],
    value: &Value,
) -> String {
    // The value to insert: nested keys become nested mappings.
    let mut nested = value.clone();
    for key in rest[1..].iter().rev() {
        let mut m = serde_json::Map::new();
        m.insert((*key).to_string(), nested);
        nested = Value::Object(m);
    }
    let key = rest[0];
    if flow || entries.is_empty() {
        // `{}` or `{a: 1}`: add inside the braces.
        let close = map.content_end().saturating_sub(1);
        let close = text[..=close.min(text.len().saturating_sub(1))]
            .rfind('}')
            .unwrap_or(close);
        let sep = if entries.is_empty() { "" } else { ", " };
        let mut out = String::new();
        out.push_str(&text[..close]);
        out.push_str(&format!(
            "{sep}{}: {}",
            render_inline(&Value::String(key.into())),
            render_inline(&nested)
        ));
        out.push_str(&text[close..]);
        let _ = span;
        return out;
    }
    let indent = entries[0].key_span.col.saturating_sub(1);
    let end = map.content_end();
    let line_end = text[end..].find('\n').map(|i| end + i + 1);
    let block = render_block(key, &nested, indent);
    let mut out = String::with_capacity(text.len() + block.len() + 1);
    match line_end {
        Some(at) => {
            out.push_str(&text[..at]);
            out.push_str(&block);
            out.push_str(&text[at..]);
        }
        None => {
            out.push_str(text);
            out.push('\n');
            out.push_str(&block);
        }
    }
    out
}

/// `key: value` lines at `indent`; mappings open a nested block.
pub(super) fn render_block(key: &str, value: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let key = render_inline(&Value::String(key.into()));
    match value {
        Value::Object(map) if !map.is_empty() => {
            let mut s = format!("{pad}{key}:\n");
            for (k, v) in map {
                s.push_str(&render_block(k, v, indent + 2));
            }
            s
        }
        _ => format!("{pad}{key}: {}\n", render_inline(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ENV: &str = "# dev environment\nname: dev # the name\nsync:\n  automated: true   # auto\n  prune: true\n\n# gates\ngates:\n  approvals: []\n";

    const KUSTOMIZATION: &str = "images:\n  - name: payments\n    newName: r.example/payments\n    # The first build's digest replaces this placeholder.\n    digest: sha256:00 # pinned\n";

    #[test]
    fn steps_into_sequence_items() {
        let out = set(
            KUSTOMIZATION,
            &["images", "0", "digest"],
            &json!("sha256:ab"),
        )
        .unwrap();
        assert_eq!(out, KUSTOMIZATION.replace("sha256:00", "sha256:ab"));
        let out = set(
            KUSTOMIZATION,
            &["images", "0", "newTag"],
            &json!("dev-1a2b3c4"),
        )
        .unwrap();
        assert!(
            out.ends_with("# pinned\n    newTag: dev-1a2b3c4\n"),
            "{out}"
        );
        let err = set(KUSTOMIZATION, &["images", "3", "digest"], &json!("x")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot set `images.3.digest`: `images` has no item 3"
        );
    }

    #[test]
    fn replaces_a_scalar_and_keeps_comments() {
        let out = set(ENV, &["sync", "automated"], &json!(false)).unwrap();
        assert_eq!(out, ENV.replace("automated: true", "automated: false"));
    }

    #[test]
    fn keeps_quoting_style() {
        let out = set("a: \"x\"\n", &["a"], &json!("y")).unwrap();
        assert_eq!(out, "a: \"y\"\n");
        let out = set("a: 'x'\n", &["a"], &json!("it's")).unwrap();
        assert_eq!(out, "a: 'it''s'\n");
    }

    #[test]
    fn inserts_missing_keys_at_the_mapping_indentation() {
        let out = set(ENV, &["sync", "selfHeal"], &json!(true)).unwrap();
        assert!(
            out.contains("  prune: true\n  selfHeal: true\n\n# gates"),
            "{out}"
        );
        let out = set(ENV, &["teardown", "slo", "p95Minutes"], &json!(20)).unwrap();
        assert!(
            out.ends_with("  approvals: []\nteardown:\n  slo:\n    p95Minutes: 20\n"),
            "{out}"
        );
    }

    #[test]
    fn edits_flow_collections() {
        let out = set(ENV, &["gates", "approvals"], &json!(["platform-approved"])).unwrap();
        assert!(out.ends_with("approvals: [platform-approved]\n"), "{out}");
        let out = set("a: {}\n", &["a", "b"], &json!(1)).unwrap();
        assert_eq!(out, "a: {b: 1}\n");
        let out = set("a: {x: 1}\n", &["a", "b"], &json!(1)).unwrap();
        assert_eq!(out, "a: {x: 1, b: 1}\n");
    }

    #[test]
    fn fills_an_empty_value() {
        let out = set("a:\nb: 1\n", &["a"], &json!("x")).unwrap();
        assert_eq!(out, "a: x\nb: 1\n");
    }

    #[test]
    fn a_block_set_to_a_mapping_keeps_the_comments_of_the_keys_that_stay() {
        let out = set(
            ENV,
            &["sync"],
            &json!({"automated": false, "selfHeal": true}),
        )
        .unwrap();
        assert_eq!(
            out,
            "# dev environment\nname: dev # the name\nsync:\n  automated: false   # auto\n  selfHeal: true\n\n# gates\ngates:\n  approvals: []\n"
        );
        // Nested blocks merge the same way; a scalar where a block was replaces it.
        let text = "a:\n  # b's comment\n  b:\n    c: 1 # c\n    d: 2\n  e: 3\n";
        let out = set(text, &["a"], &json!({"b": {"c": 5}, "e": {"f": 1}})).unwrap();
        assert_eq!(
            out,
            "a:\n  # b's comment\n  b:\n    c: 5 # c\n  e: {f: 1}\n"
        );
    }

    #[test]
    fn refuses_to_descend_into_a_scalar() {
        let err = set(ENV, &["name", "x"], &json!(1)).unwrap_err();
        assert!(err.to_string().contains("`name` is a scalar"), "{err}");
    }
}
