//! Setting a value where a block sequence (`- item` lines) was, keeping its layout.
//!
//! A new list is written as a block sequence with the same indentation and dash style. Items
//! that stay keep their lines byte for byte: the blank and comment lines above an item and the
//! comment trailing its last line go with it. New items are rendered in their place, with the
//! escaping of [`render_inline`] so a value never becomes YAML structure (new strings take the
//! quotes the old items all had, if they had the same); removed items go with their own
//! comments. A mapping item that changed is kept and merged key by key (see
//! [`super::edit`]) when the new list has a mapping with the same `name`, or, without names, at
//! the same position. The comment lines between the key and the first item (the list's head)
//! stay whatever the new value is. A scalar, an empty list or an empty mapping goes after the
//! key (`key: []`); a non-empty mapping is written as a block where the items were.
//!
//! [`set`] answers `None` for a layout it does not recognise (an item that shares its dash's
//! line with another node, a comment between a dash and its item, a key without a `:` on its
//! line); the caller then falls back to replacing the value's span, and checks that whatever it
//! writes reads back as the value asked for.

use std::ops::Range;

use serde_json::Value;

use super::edit::render_block;
use super::scalar::{double_quoted, single_quoted};
use super::{Node, ScalarStyle, Span, render_inline};

/// Where a block sequence's items are and how its dashes look.
struct Layout {
    /// The lines of each item: the first item's from its dash's line, every other's from the
    /// end of the item before (so the blank and comment lines above an item are its own), each
    /// to the end of its last line (so its trailing comment is its own).
    regions: Vec<Range<usize>>,
    /// What precedes each dash on its line (spaces).
    indent: String,
    /// What follows a dash before its item (one space, unless the file says otherwise).
    gap: String,
    /// The quotes every string item has, if they all have the same (`"a"` or `'a'`).
    quotes: Option<ScalarStyle>,
}

/// How the new list is made from the old one, item by item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The old item `i`, whose value is the new one: its lines as they are.
    Kept(usize),
    /// The old mapping item `i`, whose lines are kept and then merged with the new value.
    Merged(usize),
    /// Rendered from the new value.
    New,
}

/// `text` with the block sequence `items`, the value of the key at `key`, set to `value`, and
/// the indexes (in the new list) of the items the caller still has to merge with their new
/// value; `None` where the layout is not one this handles.
pub(super) fn set(
    text: &str,
    key: Span,
    items: &[Node],
    value: &Value,
) -> Option<(String, Vec<usize>)> {
    let layout = layout(text, items)?;
    let first = layout.regions.first()?.start;
    let last = layout.regions.last()?.end;
    // New lines end as the file's do.
    let crlf = text.contains("\r\n");
    let lines = |s: String| if crlf { s.replace('\n', "\r\n") } else { s };
    let mut merges = Vec::new();
    let mut out = String::with_capacity(text.len() + 64);
    match value {
        Value::Array(new) if !new.is_empty() => {
            out.push_str(&text[..first]);
            for (j, (v, source)) in new.iter().zip(plan(items, new)).enumerate() {
                match source {
                    Source::Kept(i) | Source::Merged(i) => {
                        let kept = &text[layout.regions[i].clone()];
                        out.push_str(kept);
                        if !kept.ends_with('\n') {
                            out.push_str(if crlf { "\r\n" } else { "\n" });
                        }
                        if matches!(source, Source::Merged(_)) {
                            merges.push(j);
                        }
                    }
                    Source::New => out.push_str(&lines(render_item(v, &layout))),
                }
            }
            out.push_str(&text[last..]);
        }
        Value::Object(map) if !map.is_empty() => {
            let key_col = text[line_start(text, key.start)..key.start].chars().count();
            let indent = if layout.indent.len() > key_col {
                layout.indent.len()
            } else {
                key_col + 2
            };
            out.push_str(&text[..first]);
            for (k, v) in map {
                out.push_str(&lines(render_block(k, v, indent)));
            }
            out.push_str(&text[last..]);
        }
        _ => {
            let colon = after_colon(text, key)?;
            out.push_str(&text[..colon]);
            out.push(' ');
            out.push_str(&render_inline(value));
            out.push_str(&text[colon..first]);
            out.push_str(&text[last..]);
        }
    }
    // A file that did not end with a newline still does not.
    if last == text.len() && !text.ends_with('\n') {
        out.truncate(out.trim_end_matches(['\r', '\n']).len());
    }
    Some((out, merges))
}

/// Which old item each new item comes from: equal values first (each old item once, in
/// order), then changed mappings (by `name`, or at the same position), the rest new.
fn plan(items: &[Node], new: &[Value]) -> Vec<Source> {
    let old: Vec<Value> = items.iter().map(Node::to_value).collect();
    let mut used = vec![false; old.len()];
    let mut plan: Vec<Source> = new
        .iter()
        .map(
            |v| match (0..old.len()).find(|&i| !used[i] && old[i] == *v) {
                Some(i) => {
                    used[i] = true;
                    Source::Kept(i)
                }
                None => Source::New,
            },
        )
        .collect();
    for (j, v) in new.iter().enumerate() {
        let Value::Object(map) = v else { continue };
        if plan[j] != Source::New || map.is_empty() {
            continue;
        }
        // The first key shares the dash's line: merging may change its value, not drop it.
        let mergeable = |i: usize| {
            !used[i]
                && matches!(&items[i], Node::Map { entries, flow: false, .. }
                    if entries.first().is_some_and(|e| map.contains_key(&e.key)))
        };
        let partner = match map.get("name") {
            Some(name) => {
                (0..old.len()).find(|&i| mergeable(i) && old[i].get("name") == Some(name))
            }
            None => Some(j).filter(|&i| i < old.len() && mergeable(i)),
        };
        if let Some(i) = partner {
            used[i] = true;
            plan[j] = Source::Merged(i);
        }
    }
    plan
}

/// One new item's lines: `- value`, or a mapping as a block whose first key follows the dash.
fn render_item(value: &Value, layout: &Layout) -> String {
    let lead = format!("{}-{}", layout.indent, layout.gap);
    match value {
        Value::Object(map) if !map.is_empty() => {
            let col = lead.chars().count();
            let block: String = map.iter().map(|(k, v)| render_block(k, v, col)).collect();
            format!("{lead}{}", block.trim_start_matches(' '))
        }
        Value::String(s) => {
            let rendered = match layout.quotes {
                Some(ScalarStyle::DoubleQuoted) => double_quoted(s),
                // A line break in single quotes would read back as a space.
                Some(ScalarStyle::SingleQuoted) if !s.chars().any(char::is_control) => {
                    single_quoted(s)
                }
                _ => render_inline(value),
            };
            format!("{lead}{rendered}\n")
        }
        _ => format!("{lead}{}\n", render_inline(value)),
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The items' lines, their indentation and dash style, if every item starts its own line with
/// a dash at the same indentation.
fn layout(text: &str, items: &[Node]) -> Option<Layout> {
    let mut regions: Vec<Range<usize>> = Vec::with_capacity(items.len());
    let mut indent: Option<&str> = None;
    let mut gap: Option<&str> = None;
    for item in items {
        let (dash, content) = dash(text, item)?;
        let start = line_start(text, dash);
        let pad = &text[start..dash];
        if *indent.get_or_insert(pad) != pad {
            return None;
        }
        let between = &text[dash + 1..content];
        if gap.is_none() && !between.is_empty() && between.bytes().all(|b| b == b' ') {
            gap = Some(between);
        }
        // A block scalar's span runs on to the next token: its lines end where that line starts.
        let end = item.content_end().max(content);
        let end_line = line_start(text, end);
        let end = if text[end_line..end].bytes().all(|b| b == b' ') {
            end_line
        } else {
            text[end..].find('\n').map_or(text.len(), |i| end + i + 1)
        };
        let from = match regions.last() {
            Some(prev) if prev.end > start => return None,
            Some(prev) => prev.end,
            None => start,
        };
        regions.push(from..end);
    }
    Some(Layout {
        regions,
        indent: indent?.to_string(),
        gap: gap.unwrap_or(" ").to_string(),
        quotes: quotes(items),
    })
}

/// The quoting style shared by all the string items, if they are all quoted alike.
fn quotes(items: &[Node]) -> Option<ScalarStyle> {
    let mut styles = items.iter().filter_map(|item| match item {
        Node::Scalar {
            value: Value::String(_),
            style,
            ..
        } => Some(*style),
        _ => None,
    });
    let first = styles.next()?;
    (matches!(first, ScalarStyle::DoubleQuoted | ScalarStyle::SingleQuoted)
        && styles.all(|s| s == first))
    .then_some(first)
}

/// The offsets of an item's dash and of what follows it (the item, or its anchor, tag or block
/// scalar header), if the dash starts its line and only those come between it and the item.
fn dash(text: &str, item: &Node) -> Option<(usize, usize)> {
    let mut at = item.span().start;
    let block_scalar = matches!(
        item,
        Node::Scalar {
            style: ScalarStyle::Literal | ScalarStyle::Folded,
            ..
        }
    );
    if block_scalar {
        // The content starts below the header line (`- |`), maybe after blank lines.
        let header = text.get(..line_start(text, at))?.trim_end();
        at = header.len();
        let header = &header[line_start(text, at)..];
        if let Some(comment) = header.find(" #") {
            at = line_start(text, at) + header[..comment].trim_end().len();
        }
    }
    let start = line_start(text, at);
    let line = text.get(start..at)?;
    let d = line.len() - line.trim_start_matches(' ').len();
    let rest = line[d..].strip_prefix('-')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let properties =
        |t: &str| t.starts_with(['&', '!']) || (block_scalar && t.starts_with(['|', '>']));
    if !rest.split_whitespace().all(properties) {
        return None;
    }
    let content = start + d + 1 + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    Some((start + d, content))
}

/// Just past the `:` after the key at `key`, if only blanks or a comment follow it on its line.
fn after_colon(text: &str, key: Span) -> Option<usize> {
    let rest = text.get(key.end..)?;
    let colon = key.end + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    if text.as_bytes().get(colon) != Some(&b':') {
        return None;
    }
    let line = &text[colon + 1..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let line = line.trim_start_matches([' ', '\t']);
    (line.is_empty() || line.starts_with('#')).then_some(colon + 1)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::yaml::edit::set;
    use crate::yaml::parse;

    /// A list with a head comment, a comment above an item, trailing comments and a blank line.
    const LIST: &str = "gates:\n  # Labels a change needs.\n  approvals:\n    # head of the list\n    - security # sec\n    # above qa\n    - qa\n\n    # the release managers\n    - release   # rel\n  healthyWithinHours: 24\n";

    fn set_list(value: Value) -> String {
        let out = set(LIST, &["gates", "approvals"], &value).unwrap();
        assert_eq!(parse(&out).unwrap().value["gates"]["approvals"], value);
        out
    }

    #[test]
    fn the_same_list_changes_nothing() {
        assert_eq!(set_list(json!(["security", "qa", "release"])), LIST);
    }

    #[test]
    fn a_removed_item_goes_with_its_comments() {
        assert_eq!(
            set_list(json!(["security", "release"])),
            LIST.replace("    # above qa\n    - qa\n", "")
        );
        assert_eq!(
            set_list(json!(["qa"])),
            "gates:\n  # Labels a change needs.\n  approvals:\n    # head of the list\n    # above qa\n    - qa\n  healthyWithinHours: 24\n"
        );
    }

    #[test]
    fn a_new_item_is_added_in_place_with_the_same_dash() {
        assert_eq!(
            set_list(json!(["security", "qa", "release", "platform"])),
            LIST.replace("# rel\n", "# rel\n    - platform\n")
        );
        assert_eq!(
            set_list(json!(["security", "new", "qa", "release"])),
            LIST.replace("# sec\n", "# sec\n    - new\n")
        );
        let wide = "k:\n-   a # a\n-   b\n";
        assert_eq!(
            set(wide, &["k"], &json!(["a", "c"])).unwrap(),
            "k:\n-   a # a\n-   c\n"
        );
    }

    #[test]
    fn new_items_are_quoted_like_the_old_ones() {
        let out = set("k:\n  - \"a\"\n  - \"b\"\n", &["k"], &json!(["a", "c", 1])).unwrap();
        assert_eq!(out, "k:\n  - \"a\"\n  - \"c\"\n  - 1\n");
        let out = set("k:\n  - 'a'\n", &["k"], &json!(["a", "it's", "x\ny"])).unwrap();
        assert_eq!(out, "k:\n  - 'a'\n  - 'it''s'\n  - \"x\\ny\"\n");
        // Mixed styles: plain where plain reads back.
        let out = set("k:\n  - 'a'\n  - b\n", &["k"], &json!(["a", "c"])).unwrap();
        assert_eq!(out, "k:\n  - 'a'\n  - c\n");
    }

    #[test]
    fn reordered_items_keep_their_comments() {
        assert_eq!(
            set_list(json!(["release", "security", "qa"])),
            "gates:\n  # Labels a change needs.\n  approvals:\n    # head of the list\n\n    # the release managers\n    - release   # rel\n    - security # sec\n    # above qa\n    - qa\n  healthyWithinHours: 24\n"
        );
    }

    #[test]
    fn new_items_are_escaped_so_they_stay_scalars() {
        let odd = [
            "ünïcode ✓",
            "it's \"quoted\"",
            "- not an item",
            "a: b",
            "x # not a comment",
            "true",
            "[not, a, list]",
            "two\nlines",
            "",
        ];
        let value = json!(odd);
        let out = set_list(value);
        assert!(
            out.contains(
                "    # head of the list\n    - ünïcode ✓\n    - it's \"quoted\"\n    - \"- not an item\"\n    - \"a: b\"\n    - \"x # not a comment\"\n    - \"true\"\n    - \"[not, a, list]\"\n    - \"two\\nlines\"\n    - \"\"\n  healthyWithinHours: 24\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn an_empty_list_or_a_scalar_goes_after_the_key() {
        assert_eq!(
            set_list(json!([])),
            "gates:\n  # Labels a change needs.\n  approvals: []\n    # head of the list\n  healthyWithinHours: 24\n"
        );
        // An indentless list too (the span-replacing edit wrote `- x` here: a list again).
        let out = set("k: # the k\n- a\n- b\nz: 1\n", &["k"], &json!("x")).unwrap();
        assert_eq!(out, "k: x # the k\nz: 1\n");
        let out = set("k:\n- a\n- b\nz: 1\n", &["k"], &json!({})).unwrap();
        assert_eq!(out, "k: {}\nz: 1\n");
    }

    #[test]
    fn a_mapping_where_a_list_was_is_a_block() {
        let out = set(
            "k:\n- a\n- b\nz: 1\n",
            &["k"],
            &json!({"x": 1, "y": {"z": 2}}),
        )
        .unwrap();
        assert_eq!(out, "k:\n  x: 1\n  y:\n    z: 2\nz: 1\n");
    }

    #[test]
    fn a_list_inside_a_mapping_being_set_keeps_its_comments() {
        let out = set(
            LIST,
            &["gates"],
            &json!({"approvals": ["qa", "ops"], "healthyWithinHours": 12}),
        )
        .unwrap();
        assert_eq!(
            out,
            "gates:\n  # Labels a change needs.\n  approvals:\n    # head of the list\n    # above qa\n    - qa\n    - ops\n  healthyWithinHours: 12\n"
        );
        let out = set(LIST, &["gates"], &json!({"approvals": null})).unwrap();
        assert_eq!(
            out,
            "gates:\n  # Labels a change needs.\n  approvals: null\n    # head of the list\n"
        );
    }

    #[test]
    fn mapping_items_that_stay_are_kept_verbatim_and_changed_ones_merged() {
        let text = "images:\n  # the app\n  - name: api # api\n    newTag: v1 # pinned\n  - name: web\n    # web's tag\n    newTag: v2\n  - name: old\n    newTag: v0\n";
        let value = json!([
            {"name": "web", "newTag": "v3"},
            {"name": "api", "newTag": "v1"},
            {"name": "db", "newTag": "v9", "ports": [5432]},
        ]);
        let out = set(text, &["images"], &value).unwrap();
        assert_eq!(
            out,
            "images:\n  # the app\n  - name: web\n    # web's tag\n    newTag: v3\n  - name: api # api\n    newTag: v1 # pinned\n  - name: db\n    newTag: v9\n    ports: [5432]\n"
        );
    }

    #[test]
    fn a_changed_mapping_item_without_a_name_is_merged_at_its_position() {
        let text = "hosts:\n  - host: a.example # primary\n    # the port\n    port: 80\n    tls: false\n  - host: b.example\n";
        let out = set(
            text,
            &["hosts"],
            &json!([{"host": "a.example", "port": 443}, {"host": "b.example"}]),
        )
        .unwrap();
        assert_eq!(
            out,
            "hosts:\n  - host: a.example # primary\n    # the port\n    port: 443\n  - host: b.example\n"
        );
        // Without its first key the item is a new one: the old one goes with its comments.
        let out = set(
            text,
            &["hosts"],
            &json!([{"port": 443}, {"host": "b.example"}]),
        )
        .unwrap();
        assert_eq!(out, "hosts:\n  - port: 443\n  - host: b.example\n");
    }

    #[test]
    fn a_file_without_a_final_newline_keeps_it_that_way() {
        let out = set("k:\n  - a\n  - b", &["k"], &json!(["b", "c"])).unwrap();
        assert_eq!(out, "k:\n  - b\n  - c");
    }

    #[test]
    fn block_scalars_anchors_and_crlf_keep_their_lines() {
        let text = "k:\n  - | # literal\n    text\n\n    more\n  - b # b\n  # foot\nz: 1\n";
        let out = set(text, &["k"], &json!(["b", "text\n\nmore\n", "c"])).unwrap();
        assert_eq!(
            out,
            "k:\n  - b # b\n  - | # literal\n    text\n\n    more\n  - c\n  # foot\nz: 1\n"
        );
        let text = "k:\n  - &x a # anchored\n  - *x\nz: 1\n";
        let out = set(text, &["k"], &json!(["a", "a", "c"])).unwrap();
        assert_eq!(out, "k:\n  - &x a # anchored\n  - *x\n  - c\nz: 1\n");
        // Dropping the anchor its alias needs: the values are written out instead.
        let out = set(text, &["k"], &json!(["c", "a"])).unwrap();
        assert_eq!(parse(&out).unwrap().value["k"], json!(["c", "a"]), "{out}");
        let text = "k:\r\n  - a\r\n  - b\r\nz: 1\r\n";
        let out = set(text, &["k"], &json!(["a", "c", {"d": 1, "e": 2}])).unwrap();
        assert_eq!(
            out,
            "k:\r\n  - a\r\n  - c\r\n  - d: 1\r\n    e: 2\r\nz: 1\r\n"
        );
    }

    #[test]
    fn a_layout_it_does_not_know_falls_back_to_a_flow_list() {
        // A comment between a dash and its item.
        let text = "k:\n  - # first\n    a\n  - b\n";
        let out = set(text, &["k"], &json!(["c"])).unwrap();
        assert_eq!(parse(&out).unwrap().value["k"], json!(["c"]), "{out}");
        // A list in a list: the inner one shares its first dash's line.
        let text = "k:\n  - - a\n    - b\n";
        let out = set(text, &["k", "0"], &json!(["c"])).unwrap();
        assert_eq!(parse(&out).unwrap().value["k"], json!([["c"]]), "{out}");
    }
}
