//! YAML reading: one parser (granit-parser, the event parser under serde-saphyr) turned into a
//! spanned tree, a `serde_json::Value` for schemas and policies, and a map from JSON pointer to
//! line/column so every finding can say where it is. Limits (document size, node expansion
//! through aliases, nesting depth) refuse hostile documents before they cost memory.
//!
//! Writing YAML as output goes through serde-saphyr (`to_string`); editing an existing file in
//! place lives in [`edit`], so comments and formatting survive.

pub mod edit;
mod scalar;
mod seq_edit;

use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle, Span as GSpan, StructureStyle};
use serde_json::{Map, Value};

pub use scalar::{render_inline, resolve_plain};

/// Refuse documents larger than this (bytes).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Refuse documents that expand (through aliases) past this many nodes.
pub const MAX_NODES: usize = 100_000;
/// Refuse documents nested deeper than this (counting what aliases expand to).
pub const MAX_DEPTH: usize = 64;
/// Refuse documents whose scalars, with aliases expanded, add up to more bytes than this: an
/// alias costs what it expands to, not one node (a 1 MB string aliased 3,000 times is 3 GB).
pub const MAX_EXPANDED_BYTES: usize = 2 * MAX_BYTES;

/// Where something is in a YAML source: 1-based line and column, plus the byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub col: usize,
}

/// A YAML parse failure with its position.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// A node of the spanned tree.
#[derive(Debug, Clone)]
pub enum Node {
    Scalar {
        value: Value,
        style: ScalarStyle,
        span: Span,
    },
    Map {
        entries: Vec<Entry>,
        flow: bool,
        span: Span,
    },
    Seq {
        items: Vec<Node>,
        flow: bool,
        span: Span,
    },
    /// An alias, already expanded; edits refuse to go through it.
    Alias { target: Box<Node>, span: Span },
}

/// One `key: value` pair of a mapping.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    pub fn span(&self) -> Span {
        match self {
            Node::Scalar { span, .. }
            | Node::Map { span, .. }
            | Node::Seq { span, .. }
            | Node::Alias { span, .. } => *span,
        }
    }

    /// The byte offset just past the last character of this node's content.
    pub fn content_end(&self) -> usize {
        match self {
            Node::Scalar { span, .. } | Node::Alias { span, .. } => span.end,
            Node::Map {
                entries,
                flow,
                span,
            } => {
                if *flow {
                    span.end
                } else {
                    entries
                        .iter()
                        .map(|e| e.value.content_end().max(e.key_span.end))
                        .max()
                        .unwrap_or(span.end)
                }
            }
            Node::Seq { items, flow, span } => {
                if *flow {
                    span.end
                } else {
                    items
                        .iter()
                        .map(Node::content_end)
                        .max()
                        .unwrap_or(span.end)
                }
            }
        }
    }

    /// What the node costs expanded: nodes, scalar bytes (keys included) and height.
    fn cost(&self) -> Cost {
        match self {
            Node::Scalar { value, .. } => Cost {
                nodes: 1,
                bytes: scalar_bytes(value),
                height: 1,
            },
            Node::Map { entries, .. } => entries
                .iter()
                .fold(Cost::one(), |c, e| c.add(e.value.cost(), e.key.len())),
            Node::Seq { items, .. } => items.iter().fold(Cost::one(), |c, i| c.add(i.cost(), 0)),
            Node::Alias { target, .. } => target.cost(),
        }
    }

    /// Convert to a JSON value.
    pub fn to_value(&self) -> Value {
        match self {
            Node::Scalar { value, .. } => value.clone(),
            Node::Map { entries, .. } => Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_value()))
                    .collect::<Map<_, _>>(),
            ),
            Node::Seq { items, .. } => Value::Array(items.iter().map(Node::to_value).collect()),
            Node::Alias { target, .. } => target.to_value(),
        }
    }

    /// The entry for `key` if this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        match self {
            Node::Map { entries, .. } => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }
}

/// The expanded cost of a node (see [`Node::cost`]).
#[derive(Debug, Clone, Copy)]
struct Cost {
    nodes: usize,
    bytes: usize,
    height: usize,
}

impl Cost {
    fn one() -> Cost {
        Cost {
            nodes: 1,
            bytes: 0,
            height: 1,
        }
    }

    fn add(self, child: Cost, key_bytes: usize) -> Cost {
        Cost {
            nodes: self.nodes.saturating_add(child.nodes),
            bytes: self
                .bytes
                .saturating_add(child.bytes)
                .saturating_add(key_bytes),
            height: self.height.max(child.height + 1),
        }
    }
}

fn scalar_bytes(value: &Value) -> usize {
    match value {
        Value::String(s) => s.len(),
        _ => 8,
    }
}

/// A parsed document: its tree (with positions) and its value.
#[derive(Debug, Clone)]
pub struct Document {
    pub root: Node,
    pub value: Value,
}

/// The segments of a JSON pointer (RFC 6901), unescaped.
fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
}

impl Node {
    /// The child at one pointer segment: a mapping's entry, or a sequence's item.
    fn child(&self, segment: &str) -> Option<(&Node, Option<Span>)> {
        match self {
            Node::Map { entries, .. } => entries
                .iter()
                .find(|e| e.key == segment)
                .map(|e| (&e.value, Some(e.key_span))),
            Node::Seq { items, .. } => segment
                .parse::<usize>()
                .ok()
                .and_then(|i| items.get(i))
                .map(|n| (n, None)),
            Node::Alias { target, .. } => target.child(segment),
            Node::Scalar { .. } => None,
        }
    }
}

impl Document {
    /// A document of `value` with no source positions (every lookup answers the start), for
    /// values idp made itself and that were checked when they were made.
    pub fn unlocated(value: Value) -> Document {
        Document {
            root: Node::Map {
                entries: Vec::new(),
                flow: false,
                span: Span::default(),
            },
            value,
        }
    }

    /// The line/column of the value at `pointer` (RFC 6901), or of its nearest ancestor.
    /// (Positions are looked up by walking the tree: parsing builds no index, since almost
    /// every document is read without ever reporting a position.)
    pub fn locate(&self, pointer: &str) -> Span {
        let mut node = &self.root;
        for seg in segments(pointer) {
            match node.child(&seg) {
                Some((child, _)) => node = child,
                None => break,
            }
        }
        node.span()
    }

    /// The line/column of the key at `pointer`, falling back to the value's position.
    pub fn locate_key(&self, pointer: &str) -> Span {
        let mut node = &self.root;
        let mut key = None;
        for seg in segments(pointer) {
            match node.child(&seg) {
                Some((child, k)) => {
                    node = child;
                    key = k;
                }
                None => return self.locate(pointer),
            }
        }
        key.unwrap_or_else(|| node.span())
    }
}

/// Escape one JSON pointer segment.
pub fn pointer_segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Parse one YAML document with the default limits.
///
/// A command reads the same few files (`idp.yaml`, the environments) at several steps; each
/// text is parsed once per process and copied after that.
pub fn parse(text: &str) -> Result<Document, YamlError> {
    thread_local! {
        static PARSED: std::cell::RefCell<std::collections::HashMap<String, Document>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    /// Texts worth keeping: small (files read again and again are), and not too many.
    const MAX_TEXT: usize = 64 * 1024;
    const MAX_ENTRIES: usize = 256;
    if let Some(doc) = PARSED.with(|p| p.borrow().get(text).cloned()) {
        return Ok(doc);
    }
    let mut docs = parse_stream(text, false)?;
    let doc = docs.pop().unwrap_or_else(|| document(empty_node()));
    if text.len() <= MAX_TEXT {
        PARSED.with(|p| {
            let mut p = p.borrow_mut();
            if p.len() < MAX_ENTRIES {
                p.insert(text.to_string(), doc.clone());
            }
        });
    }
    Ok(doc)
}

/// Parse every document of a YAML stream (`---`-separated), with the default limits shared
/// across the stream. Empty documents are dropped.
pub fn parse_all(text: &str) -> Result<Vec<Document>, YamlError> {
    parse_stream(text, true)
}

fn empty_node() -> Node {
    Node::Scalar {
        value: Value::Null,
        style: ScalarStyle::Plain,
        span: Span {
            line: 1,
            col: 1,
            ..Span::default()
        },
    }
}

fn document(root: Node) -> Document {
    Document {
        value: root.to_value(),
        root,
    }
}

fn parse_stream(text: &str, many: bool) -> Result<Vec<Document>, YamlError> {
    if text.len() > MAX_BYTES {
        return Err(YamlError {
            line: 1,
            col: 1,
            message: format!(
                "document is {} bytes, more than the limit of {} bytes",
                text.len(),
                MAX_BYTES
            ),
        });
    }
    let mut builder = Builder {
        parser: Parser::new_from_str(text),
        text,
        anchors: HashMap::new(),
        nodes: 0,
        bytes: 0,
        peeked: None,
    };
    let roots = builder.stream(many)?;
    Ok(roots
        .into_iter()
        .filter(|r| {
            !(many
                && matches!(
                    r,
                    Node::Scalar {
                        value: Value::Null,
                        ..
                    }
                ))
        })
        .map(document)
        .collect())
}

struct Builder<'a> {
    parser: Parser<'a, granit_parser::StrInput<'a>>,
    text: &'a str,
    /// Anchored nodes with their expanded cost, computed once.
    anchors: HashMap<usize, (Node, Cost)>,
    nodes: usize,
    /// Scalar bytes so far, aliases expanded.
    bytes: usize,
    peeked: Option<(Event<'a>, GSpan)>,
}

impl<'a> Builder<'a> {
    fn span(&self, s: &GSpan) -> Span {
        let start = s.start.byte_offset().unwrap_or(0).min(self.text.len());
        let end = s.end.byte_offset().unwrap_or(start).min(self.text.len());
        Span {
            start,
            end: end.max(start),
            line: s.start.line(),
            col: s.start.col() + 1,
        }
    }

    fn next(&mut self) -> Result<(Event<'a>, GSpan), YamlError> {
        if let Some(p) = self.peeked.take() {
            return Ok(p);
        }
        loop {
            match self.parser.next() {
                None => {
                    return Err(YamlError {
                        line: 1,
                        col: 1,
                        message: "unexpected end of the YAML stream".into(),
                    });
                }
                Some(Err(e)) => {
                    return Err(YamlError {
                        line: e.marker().line(),
                        col: e.marker().col() + 1,
                        message: e.info(),
                    });
                }
                Some(Ok((Event::Comment(..), _))) | Some(Ok((Event::Anchor(..), _))) => continue,
                Some(Ok(ev)) => return Ok(ev),
            }
        }
    }

    fn stream(&mut self, many: bool) -> Result<Vec<Node>, YamlError> {
        let mut roots: Vec<Node> = Vec::new();
        loop {
            let (ev, span) = self.next()?;
            match ev {
                Event::StreamStart | Event::DocumentEnd => {}
                Event::StreamEnd => break,
                Event::DocumentStart(..) => {
                    if !roots.is_empty() && !many {
                        let s = self.span(&span);
                        return Err(YamlError {
                            line: s.line,
                            col: s.col,
                            message: "expected one YAML document, found a second one".into(),
                        });
                    }
                    roots.push(self.node(0)?);
                }
                other => {
                    let s = self.span(&span);
                    return Err(YamlError {
                        line: s.line,
                        col: s.col,
                        message: format!("unexpected YAML event {other:?}"),
                    });
                }
            }
        }
        Ok(roots)
    }

    fn count_bytes(&mut self, n: usize, at: Span) -> Result<(), YamlError> {
        self.bytes = self.bytes.saturating_add(n);
        if self.bytes > MAX_EXPANDED_BYTES {
            return Err(YamlError {
                line: at.line,
                col: at.col,
                message: format!(
                    "document expands past {MAX_EXPANDED_BYTES} bytes (alias expansion?); \
                     refusing it"
                ),
            });
        }
        Ok(())
    }

    fn count(&mut self, n: usize, at: Span) -> Result<(), YamlError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            return Err(YamlError {
                line: at.line,
                col: at.col,
                message: format!(
                    "document expands past {MAX_NODES} nodes (alias expansion?); refusing it"
                ),
            });
        }
        Ok(())
    }

    fn node(&mut self, depth: usize) -> Result<Node, YamlError> {
        let (ev, gspan) = self.next()?;
        let span = self.span(&gspan);
        if depth > MAX_DEPTH {
            return Err(YamlError {
                line: span.line,
                col: span.col,
                message: format!("document is nested deeper than {MAX_DEPTH} levels"),
            });
        }
        self.count(1, span)?;
        let (node, anchor) = match ev {
            Event::Scalar(text, style, anchor, tag) => {
                let value =
                    scalar::resolve(&text, style, tag.as_deref()).map_err(|m| YamlError {
                        line: span.line,
                        col: span.col,
                        message: m,
                    })?;
                self.count_bytes(scalar_bytes(&value), span)?;
                (Node::Scalar { value, style, span }, anchor)
            }
            Event::Alias(id) => {
                let Some(cost) = self.anchors.get(&id).map(|(_, c)| *c) else {
                    return Err(YamlError {
                        line: span.line,
                        col: span.col,
                        message: "alias to an unknown anchor".into(),
                    });
                };
                // Limits first: the expansion is only copied once it is known to fit.
                self.count(cost.nodes, span)?;
                self.count_bytes(cost.bytes, span)?;
                if depth + cost.height > MAX_DEPTH + 1 {
                    return Err(YamlError {
                        line: span.line,
                        col: span.col,
                        message: format!(
                            "document is nested deeper than {MAX_DEPTH} levels (through an alias)"
                        ),
                    });
                }
                let target = self.anchors[&id].0.clone();
                (
                    Node::Alias {
                        target: Box::new(target),
                        span,
                    },
                    0,
                )
            }
            Event::SequenceStart(style, anchor, _) => {
                let mut items = Vec::new();
                let end;
                loop {
                    let (ev, s) = self.next()?;
                    if matches!(ev, Event::SequenceEnd) {
                        // A flow sequence ends after its `]`; a block one where the next begins.
                        let e = self.span(&s);
                        end = if style == StructureStyle::Flow {
                            e.end
                        } else {
                            e.start
                        };
                        break;
                    }
                    self.peeked = Some((ev, s));
                    items.push(self.node(depth + 1)?);
                }
                let span = Span {
                    end: end.max(span.start),
                    ..span
                };
                (
                    Node::Seq {
                        items,
                        flow: style == StructureStyle::Flow,
                        span,
                    },
                    anchor,
                )
            }
            Event::MappingStart(style, anchor, _) => {
                let mut entries: Vec<Entry> = Vec::new();
                let end;
                loop {
                    let (ev, s) = self.next()?;
                    if matches!(ev, Event::MappingEnd) {
                        let e = self.span(&s);
                        end = if style == StructureStyle::Flow {
                            e.end
                        } else {
                            e.start
                        };
                        break;
                    }
                    self.peeked = Some((ev, s));
                    let key_node = self.node(depth + 1)?;
                    let key_span = key_node.span();
                    let key = match key_node.to_value() {
                        Value::String(s) => s,
                        Value::Null => String::new(),
                        Value::Bool(b) => b.to_string(),
                        Value::Number(n) => n.to_string(),
                        _ => {
                            return Err(YamlError {
                                line: key_span.line,
                                col: key_span.col,
                                message: "mapping keys must be scalars".into(),
                            });
                        }
                    };
                    if entries.iter().any(|e| e.key == key) {
                        return Err(YamlError {
                            line: key_span.line,
                            col: key_span.col,
                            message: format!("duplicate key `{key}`"),
                        });
                    }
                    let value = self.node(depth + 1)?;
                    entries.push(Entry {
                        key,
                        key_span,
                        value,
                    });
                }
                let span = Span {
                    end: end.max(span.start),
                    ..span
                };
                (
                    Node::Map {
                        entries,
                        flow: style == StructureStyle::Flow,
                        span,
                    },
                    anchor,
                )
            }
            other => {
                return Err(YamlError {
                    line: span.line,
                    col: span.col,
                    message: format!("unexpected YAML event {other:?}"),
                });
            }
        };
        if anchor != 0 {
            let cost = node.cost();
            self.anchors.insert(anchor, (node.clone(), cost));
        }
        Ok(node)
    }
}

/// Serialize a value as YAML text (for `--output yaml`).
pub fn to_string<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_saphyr::to_string(value)?)
}

/// The strings of a list value (`[a, b]`); anything else, or non-string items, give nothing.
pub fn strings(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(serde_json::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_values_and_keys() {
        let doc = parse("a: 1\nb:\n  c: [x, y]\n  d: \"q\"\n").unwrap();
        assert_eq!(doc.value["b"]["c"][1], "y");
        assert_eq!(doc.locate("/b/d").line, 4);
        assert_eq!(doc.locate("/b/d").col, 6);
        assert_eq!(doc.locate_key("/b/d").col, 3);
        assert_eq!(doc.locate("/b/zzz").line, 3);
    }

    #[test]
    fn refuses_alias_bombs() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("expands past"), "{err}");
    }

    #[test]
    fn refuses_aliases_by_expanded_bytes_and_depth() {
        // One big string aliased many times: few nodes, many bytes (was 14.7 GB).
        let big = "x".repeat(1 << 20);
        let mut text = format!("a: &a \"{big}\"\nb: [");
        for _ in 0..3000 {
            text.push_str("*a, ");
        }
        text.push_str("]\n");
        let started = std::time::Instant::now();
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("expands past"), "{err}");
        assert_eq!(err.line, 2);
        assert!(started.elapsed().as_secs() < 5);
        // Nesting through aliases counts as nesting.
        let mut deep = String::from("a0: &a0 [x]\n");
        for i in 1..40 {
            deep.push_str(&format!("a{i}: &a{i} [[*a{}]]\n", i - 1));
        }
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("nested deeper"), "{err}");
    }

    #[test]
    fn parses_streams() {
        let docs = parse_all("a: 1\n---\nb: 2\n---\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].value["b"], 2);
        assert_eq!(docs[1].locate("/b").line, 3);
        assert!(parse("a: 1\n---\nb: 2\n").is_err());
    }

    #[test]
    fn refuses_duplicate_keys() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!((err.line, err.col), (3, 1));
        assert!(err.message.contains("duplicate key `a`"));
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let err = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }
}
