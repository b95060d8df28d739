//! A change to the platform repo, as a producer makes it (files to write or delete, title,
//! labels, trailers, numbers taken from sequences) and the pipeline ([`crate::changeset`])
//! takes it: plain data, so that every layer can build one without importing the pipeline.

use std::collections::BTreeMap;

use crate::infra::git;
use crate::infra::gitcli::RefUpdate;

/// The trailer saying how the actor was verified (`github-oidc`, `oidc`, `github-token`, `none`).
pub const VERIFIED_BY_TRAILER: &str = "Idp-Actor-Verified-By";

/// A change to the platform repo, as produced by a command.
#[derive(Debug, Clone, Default)]
pub struct Changeset {
    /// Branch is `idp/<kind>/<id>`.
    pub kind: String,
    pub id: String,
    /// RBAC action (`env:add`) and its scope (an environment), checked against the base.
    pub action: String,
    pub scope: Option<String>,
    /// Repo path → new text, or `None` to delete.
    pub files: BTreeMap<String, Option<String>>,
    pub title: String,
    pub body: String,
    pub labels: Vec<String>,
    pub reviewers: Vec<String>,
    /// Extra trailers beyond `Idp-Command` and `Idp-Actor`.
    pub trailers: Vec<(String, String)>,
    /// More parents for the commit after the base (an upgrade records its template render).
    pub extra_parents: Vec<git2::Oid>,
    /// Numbers the change takes from sequences (an ADR number, a request ID): reserved on
    /// the remote in the same push that lands the change.
    pub claims: Vec<Claim>,
    /// The commit's whole tree, when it was made beforehand (a merge: every file and mode of
    /// both sides, binary files too); `files` then lists what it changes, for validation.
    pub tree: Option<git2::Oid>,
    /// The commit the change is, when it exists already: the base fast-forwards to it (a pull
    /// request merged without a merge commit) and no commit is made.
    pub existing: Option<git2::Oid>,
    /// Refs the change moves with its branch or base, in the same atomic push (a merged pull
    /// request's record, its deleted branch). Made again with the change on a lost race.
    pub also: Vec<RefUpdate>,
    /// The pull request the change merges, and the head commit it takes: the validate stage
    /// enforces its approvals there before anything moves.
    pub merging: Option<Merging>,
    /// Files of the change written from a file the user gave (`provision -f FILE`): repo path
    /// → (the name the user gave it, its text). A finding on such a file points at the user's
    /// file and line, not at a path that does not exist yet.
    pub origins: BTreeMap<String, (String, String)>,
}

/// A pull request being merged (see [`Changeset::merging`]).
#[derive(Debug, Clone)]
pub struct Merging {
    pub pr: crate::infra::forge::PullRequest,
    pub head: git2::Oid,
}

/// A number taken from a sequence ([`crate::infra::sequence`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub sequence: String,
    pub number: u64,
    /// Taken now, above what the sequence held when the producer read it (not a number an
    /// earlier run of the same change took): if the sequence reached it meanwhile, another
    /// process took it, and the change is made again.
    pub fresh: bool,
}

impl Changeset {
    pub fn new(kind: &str, id: &str, action: &str) -> Self {
        Changeset {
            kind: kind.into(),
            id: id.into(),
            action: action.into(),
            ..Default::default()
        }
    }

    /// `idp/<kind>/<id>`; an id longer than [`MAX_ID`] is cut and given a hash of the whole,
    /// so that a long name (which validation then refuses with its field) never makes a ref
    /// git cannot store.
    pub fn branch(&self) -> String {
        if self.id.len() <= MAX_ID {
            return format!("idp/{}/{}", self.kind, self.id);
        }
        let cut: String = self.id.chars().take(MAX_ID - 17).collect();
        let hash = git2::Oid::hash_object(git2::ObjectType::Blob, self.id.as_bytes())
            .map(|o| o.to_string())
            .unwrap_or_default();
        format!("idp/{}/{cut}-{}", self.kind, &hash[..hash.len().min(16)])
    }

    /// `findings` with those on a file written from the user's own file ([`Self::origins`])
    /// moved there: the user's file name, and the line and column of the same field in it
    /// (of its nearest parent the file has, for a field idp added).
    pub fn relocate(&self, findings: Vec<crate::error::Finding>) -> Vec<crate::error::Finding> {
        if self.origins.is_empty() {
            return findings;
        }
        findings
            .into_iter()
            .map(|mut f| {
                if let Some((display, text)) = self.origins.get(&f.file)
                    && let Ok(doc) = crate::yaml::parse(text)
                {
                    let at = doc.locate(&f.path);
                    f.file = display.clone();
                    f.line = at.line;
                    f.column = at.col;
                }
                f
            })
            .collect()
    }

    pub fn write(&mut self, path: impl Into<String>, text: impl Into<String>) {
        self.files.insert(path.into(), Some(text.into()));
    }

    /// The commit message: the title (one line), the body, then idp's trailers as the last
    /// paragraph (`Idp-Command`, the actor and how it was verified, the change's own). No value can start a line of that paragraph: the title, the command, the
    /// actor and every trailer value are folded to one line, trailer keys are reduced to
    /// `[A-Za-z0-9-]`, and body lines that read as trailers are indented (a trailer block is
    /// the last paragraph, but a reader that scans every line must not find one either).
    pub fn message(&self, command: &str, actor: &str, verified_by: &str) -> String {
        let mut m = one_line(&self.title);
        if m.chars().count() > MAX_TITLE {
            m = format!("{}…", m.chars().take(MAX_TITLE - 1).collect::<String>());
        }
        let body = self.body.trim_end();
        if !body.trim().is_empty() {
            m.push_str("\n\n");
            for (i, line) in body.lines().enumerate() {
                if i > 0 {
                    m.push('\n');
                }
                if looks_like_trailer(line) {
                    m.push_str("  ");
                }
                m.push_str(line);
            }
        }
        m.push_str("\n\n");
        m.push_str(&format!(
            "{}: {}\n",
            git::COMMAND_TRAILER,
            one_line(command)
        ));
        m.push_str(&format!("Idp-Actor: {}\n", one_line(actor)));
        m.push_str(&format!(
            "{}: {}\n",
            VERIFIED_BY_TRAILER,
            one_line(verified_by)
        ));
        for (k, v) in &self.trailers {
            let key: String = k
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            m.push_str(&format!("{key}: {}\n", one_line(v)));
        }
        m
    }

    /// Refuse a change whose title, branch or trailers cannot be written as they are: exit 2
    /// naming the field, before any git call for this change. (Lengths of what users give are
    /// the schemas' business; here a title is only cut, in [`Changeset::message`].)
    pub fn check(&self) -> Result<(), crate::error::IdpError> {
        if let Some(c) = self.title.chars().find(|c| c.is_control()) {
            return Err(crate::error::IdpError::Usage(format!(
                "the change's title holds the control character U+{:04X}; it must be one line",
                c as u32
            )));
        }
        for (field, value) in [("kind", &self.kind), ("id", &self.id)] {
            // Any length: `branch` cuts a long id, and the schemas judge the names in it.
            let ok = !value.is_empty()
                && value
                    .split('/')
                    .all(|seg| crate::infra::source::safe_repo_path(seg) && !seg.starts_with('.'))
                && value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
                && !value.contains("..")
                && !value.ends_with(".lock");
            if !ok {
                return Err(crate::error::IdpError::Usage(format!(
                    "the change's {field} `{}` cannot name a branch (letters, digits, `-`, `_`, \
                     `.`); check the names given",
                    truncate(value)
                )));
            }
        }
        for (k, v) in &self.trailers {
            if v.chars().any(char::is_control) || v.chars().count() > MAX_TRAILER {
                return Err(crate::error::IdpError::Usage(format!(
                    "`{k}`: the value must be one line of at most {MAX_TRAILER} characters"
                )));
            }
        }
        Ok(())
    }
}

/// The longest commit subject a change has (a longer title is cut).
pub const MAX_TITLE: usize = 256;
/// The longest `id` a branch name holds whole (the branch is `idp/<kind>/<id>`).
pub const MAX_ID: usize = 120;
/// The longest trailer value.
pub const MAX_TRAILER: usize = 1024;

fn truncate(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Control characters (line breaks included) become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `Key: value` with a key git or idp would read as a trailer.
fn looks_like_trailer(line: &str) -> bool {
    line.split_once(':').is_some_and(|(k, _)| {
        !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_value_starts_a_trailer_line() {
        let mut cs = Changeset::new("adr", "0001-x", "adr:new");
        cs.title = "Harmless\n\nIdp-Actor: admin@example.com".into();
        cs.body = "Some text.\nIdp-Actor: admin@example.com\n".into();
        cs.trailers.push((
            "Idp-Record".into(),
            "r1\nIdp-Actor: admin@example.com".into(),
        ));
        let m = cs.message("idp adr new", "ada@example.com", "none");
        let actors: Vec<_> = git::trailers(&m)
            .into_iter()
            .filter(|(k, _)| k == "Idp-Actor")
            .collect();
        assert_eq!(actors, vec![("Idp-Actor".into(), "ada@example.com".into())]);
        assert!(!m.lines().any(|l| l.starts_with("Idp-Actor: admin")), "{m}");
        assert!(cs.check().is_err());
    }
}
