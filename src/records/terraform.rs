//! Resource counts read out of Terraform's human output, for records of steps idp did not run
//! (`idp records add --terraform-output FILE`): the summary line of `apply`, `destroy` or
//! `plan`, colours and all.

use super::pipeline::Resources;
use crate::error::{Finding, IdpError};

/// The counts of the last summary line in `text`; `file` names the input in errors.
///
/// Understood: `Apply complete! Resources: 3 added, 1 changed, 0 destroyed.`,
/// `Destroy complete! Resources: 5 destroyed.`, `Plan: 3 to add, 1 to change, 0 to destroy.`
/// and `No changes.` (all zero). A summary line that does not read as one is an error at its
/// line; no summary line at all is an error for the whole file.
pub fn parse(file: &str, text: &str) -> anyhow::Result<Resources> {
    let mut found = None;
    for (n, raw) in text.lines().enumerate() {
        let line = strip_ansi(raw);
        let line = line.trim();
        let bad = |what: &str| {
            IdpError::bad_input(
                Finding::error(file, n + 1, 1)
                    .rule("records/terraform")
                    .message(format!("cannot read the {what} summary `{line}`")),
            )
        };
        if let Some(rest) = line.strip_prefix("Apply complete! Resources:") {
            found =
                Some(counts(rest, &["added", "changed", "destroyed"]).ok_or_else(|| bad("apply"))?);
        } else if let Some(rest) = line.strip_prefix("Destroy complete! Resources:") {
            found = Some(
                counts(rest, &["added", "changed", "destroyed"]).ok_or_else(|| bad("destroy"))?,
            );
        } else if let Some(rest) = line.strip_prefix("Plan:") {
            found = Some(
                counts(rest, &["to add", "to change", "to destroy"]).ok_or_else(|| bad("plan"))?,
            );
        } else if line.starts_with("No changes.") {
            found = Some(Resources::default());
        }
    }
    found.ok_or_else(|| {
        IdpError::bad_input(
            Finding::error(file, 1, 1)
                .rule("records/terraform")
                .message(
                    "no Terraform summary line (`Apply complete! Resources: …`, `Destroy \
                     complete! Resources: …`, `Plan: …` or `No changes.`) in this output",
                ),
        )
    })
}

/// `3 added, 1 changed, 0 destroyed.` with `words` = the three labels in order; a label may be
/// missing (0), an unknown part fails.
fn counts(rest: &str, words: &[&str; 3]) -> Option<Resources> {
    let mut out = [0u64; 3];
    let rest = rest.trim().trim_end_matches('.');
    if rest.is_empty() {
        return None;
    }
    for part in rest.split(',') {
        let part = part.trim();
        let (n, label) = part.split_once(' ')?;
        let n: u64 = n.parse().ok()?;
        let i = words.iter().position(|w| *w == label.trim())?;
        out[i] = n;
    }
    Some(Resources {
        added: out[0],
        changed: out[1],
        destroyed: out[2],
    })
}

/// Drop ANSI colour sequences (`ESC [ … m`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries() {
        let r = parse("out", "x\n\u{1b}[0m\u{1b}[1m\u{1b}[32mApply complete! Resources: 3 added, 1 changed, 0 destroyed.\u{1b}[0m\n").unwrap();
        assert_eq!((r.added, r.changed, r.destroyed), (3, 1, 0));
        let r = parse("out", "Destroy complete! Resources: 5 destroyed.\n").unwrap();
        assert_eq!((r.added, r.changed, r.destroyed), (0, 0, 5));
        let r = parse("out", "Plan: 2 to add, 0 to change, 1 to destroy.\n").unwrap();
        assert_eq!((r.added, r.destroyed), (2, 1));
        assert_eq!(
            parse(
                "out",
                "No changes. Your infrastructure matches the configuration."
            )
            .unwrap(),
            Resources::default()
        );
        let e = parse("out", "a\nApply complete! Resources: three added.\n").unwrap_err();
        assert!(e.to_string().starts_with("out:2:1:"), "{e}");
        assert!(parse("out", "Error: nope\n").is_err());
    }
}
