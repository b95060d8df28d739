//! Documents with metadata front matter (ADRs, runbooks): reading the `---` block with line
//! numbers, and the ADR model (see [`adr`]).

pub mod adr;

use crate::error::Finding;
use crate::yaml::{self, Document};

/// A document split into its front matter and body.
pub struct FrontMatter {
    pub meta: Document,
    /// Line (1-based) of the first front matter line, to shift YAML positions to file lines.
    pub offset: usize,
    pub body: String,
}

/// Split `---\n<yaml>\n---\n<body>`; errors name the file and line.
pub fn split(file: &str, text: &str) -> Result<FrontMatter, Finding> {
    let missing = || {
        Finding::error(file, 1, 1)
            .rule("docs/front-matter")
            .message("a document starts with a `---` front matter block")
    };
    let rest = text.strip_prefix("---\n").ok_or_else(missing)?;
    let end = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len()))
        .ok_or_else(|| {
            Finding::error(file, 1, 1)
                .rule("docs/front-matter")
                .message("the front matter block is not closed by a `---` line")
        })?;
    let meta_text = &rest[..end + 1];
    let body = rest.get(end + 5..).unwrap_or("").to_string();
    let meta = yaml::parse(meta_text).map_err(|e| {
        Finding::error(file, e.line + 1, e.col)
            .rule("yaml")
            .message(e.message)
    })?;
    Ok(FrontMatter {
        meta,
        offset: 2,
        body,
    })
}
