//! The prompts of `idp mcp`: guided tasks that tell an agent which resources to read and which
//! tools to call, in order, with a dry run before anything is applied.

use std::collections::BTreeMap;

/// One prompt: a name, what it is for, its arguments and the text it expands to (`{arg}` is
/// replaced by the argument's value).
pub struct PromptSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub arguments: &'static [Argument],
    template: &'static str,
}

/// `(name, description, what a missing one means: None when it is required)`.
pub type Argument = (&'static str, &'static str, Option<&'static str>);

/// The longest argument value a prompt takes.
const MAX_VALUE: usize = 200;

pub const PROMPTS: &[PromptSpec] = &[
    PromptSpec {
        name: "request_database",
        description: "Request a PostgreSQL database (RDS) for an app in an environment",
        arguments: &[
            ("app", "The app the database is for", None),
            ("env", "The environment", None),
            (
                "size",
                "small, medium, large or xlarge (default: small)",
                Some("small"),
            ),
        ],
        template: "Request a PostgreSQL database for the app `{app}` in the environment `{env}` \
(size: {size}).\n\
1. Read the resource `idp://schema/requests/rds` to see which fields a request has and which \
are required, and `idp://environment/{env}` for the environment's rules.\n\
2. Call `provision_list` with `env: \"{env}\"` and `kind: \"rds\"` to see whether the app \
already has one.\n\
3. Call `provision_rds` with `env: \"{env}\"`, `application: \"{app}\"`, `size`, a `name` and \
`description`, and any other field with `set: [\"key=value\"]`, without `apply`: it returns the \
plan and the diff and writes nothing. On an error, fix what the findings name (file:line, \
field, rule) and call it again.\n\
4. Show the plan to the user; only when they agree, call it again with `apply: true`. It opens \
a pull request; report its number and the approvals it needs (`pr_show`).",
    },
    PromptSpec {
        name: "promote_app",
        description: "Promote an app's image to the next environment, behind its gates",
        arguments: &[
            ("app", "The app", None),
            (
                "to",
                "The target environment (default: the next one in the promotion order)",
                Some("the next environment in the promotion order"),
            ),
        ],
        template: "Promote the app `{app}` to {to}.\n\
1. Call `env_list` for the promotion order and `status` with `app: \"{app}\"` to see which \
image runs where; the target is {to}.\n\
2. Call `history` with `app: \"{app}\"` for its recent promotions and rollbacks.\n\
3. Call `promote` with `app: \"{app}\"` and `to` without `apply`: it checks the gates (health, \
approvals, soak time) and returns the plan and diff, writing nothing. If a gate refuses, explain \
which and why, and stop.\n\
4. With the user's agreement, call `promote` again with `apply: true` and report the pull \
request (`pr_show`).",
    },
    PromptSpec {
        name: "investigate_environment",
        description: "Investigate an unhealthy environment using health, drift and the runbooks",
        arguments: &[("env", "The environment", None)],
        template: "Investigate why the environment `{env}` is unhealthy.\n\
1. Read `idp://environment/{env}` (its health settings, owner, tier).\n\
2. Call `health` with `env: \"{env}\"` (no `apply`: nothing is recorded): note each failed check \
and its tier.\n\
3. Call `drift` with `env: \"{env}\"` (no `apply`: nothing is remediated): note what differs \
between git, the render, the cluster and the cloud.\n\
4. Call `status` and `history` for the apps in `{env}` to find a recent promotion that matches \
the time the trouble started; `graph_why` with `node: \"env:{env}\"` shows what it depends on \
and the runbooks that cover it.\n\
5. Read the runbooks that apply (`resources/list`, `idp://runbook/RB-…`) and propose the next \
step they give, e.g. a `rollback` (dry run first). Change nothing without the user's \
agreement.",
    },
];

impl PromptSpec {
    /// The prompt's text with `args` filled in, or what is wrong with them.
    pub fn render(&self, args: &BTreeMap<String, String>) -> Result<String, String> {
        if let Some(unknown) = args
            .keys()
            .find(|k| !self.arguments.iter().any(|(n, _, _)| n == k))
        {
            return Err(format!("`{}` takes no argument `{unknown}`", self.name));
        }
        let mut text = self.template.to_string();
        for (name, _, missing) in self.arguments {
            let value = match (args.get(*name).map(|v| v.trim()), missing) {
                (Some(v), _) if !v.is_empty() => {
                    if v.len() > MAX_VALUE || v.chars().any(char::is_control) {
                        return Err(format!(
                            "`{name}` must be one line of at most {MAX_VALUE} bytes"
                        ));
                    }
                    v
                }
                (_, Some(default)) => default,
                (_, None) => return Err(format!("`{}` needs the argument `{name}`", self.name)),
            };
            text = text.replace(&format!("{{{name}}}"), value);
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_fill_their_arguments_and_need_the_required_ones() {
        let p = &PROMPTS[0];
        let args = BTreeMap::from([
            ("app".to_string(), "payments".to_string()),
            ("env".to_string(), "dev".to_string()),
        ]);
        let text = p.render(&args).unwrap();
        assert!(text.contains("`payments`"), "{text}");
        assert!(text.contains("env: \"dev\""), "{text}");
        assert!(text.contains("idp://environment/dev"), "{text}");
        assert!(text.contains("(size: small)"), "{text}");
        assert!(!text.contains('{'), "{text}");
        assert!(p.render(&BTreeMap::new()).is_err());
        let bad = BTreeMap::from([("app".to_string(), "a\nb".to_string())]);
        assert!(p.render(&bad).is_err());
        let unknown = BTreeMap::from([("nope".to_string(), "x".to_string())]);
        assert!(p.render(&unknown).is_err());
    }
}
