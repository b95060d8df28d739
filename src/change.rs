//! A change to the platform repo, as a producer makes it (files to write or delete, title,
//! labels, trailers, numbers taken from sequences) and the pipeline ([`crate::changeset`])
//! takes it: plain data, so that every layer can build one without importing the pipeline.

use std::collections::BTreeMap;

use crate::infra::git;

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
}

/// A number taken from a sequence ([`crate::infra::sequence`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub sequence: String,
    pub number: u64,
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

    pub fn branch(&self) -> String {
        format!("idp/{}/{}", self.kind, self.id)
    }

    pub fn write(&mut self, path: impl Into<String>, text: impl Into<String>) {
        self.files.insert(path.into(), Some(text.into()));
    }

    /// The commit message: title, body, then the trailers (`Idp-Command`, the actor and how it
    /// was verified, the change's own).
    pub fn message(&self, command: &str, who: &crate::identity::Identity) -> String {
        let mut m = self.title.clone();
        if !self.body.trim().is_empty() {
            m.push_str("\n\n");
            m.push_str(self.body.trim_end());
        }
        m.push_str("\n\n");
        m.push_str(&format!("{}: {command}\n", git::COMMAND_TRAILER));
        m.push_str(&format!("Idp-Actor: {}\n", who.actor));
        m.push_str(&format!(
            "{}: {}\n",
            crate::identity::VERIFIED_BY_TRAILER,
            who.verified_by
        ));
        for (k, v) in &self.trailers {
            m.push_str(&format!("{k}: {v}\n"));
        }
        m
    }
}
