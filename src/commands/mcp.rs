//! `idp mcp [--list]`: the MCP server over stdio. This file is the command layer's half: it
//! picks the commands that are tools and reads their arguments from the CLI's own clap
//! definitions into plain [`ToolSpec`]s (so a tool's schema is the CLI's flags, never a hand
//! copy); `crate::mcp` serves them.

use std::any::TypeId;

use clap::{ArgAction, CommandFactory};

use crate::cli::Cli;
use crate::ctx::Ctx;
use crate::mcp::tools::{Kind, Param, ToolSpec};

/// The tools: `(name, subcommand path)`. A name is the path in snake_case, but `graph_query`:
/// `idp graph` has no neighbours query, so it returns the whole graph (nodes and edges) and
/// `graph_why` gives one node's neighbours (what it depends on, its dependents).
const TOOLS: &[(&str, &[&str])] = &[
    // reads
    ("status", &["status"]),
    ("history", &["history"]),
    ("graph_why", &["graph", "why"]),
    ("graph_query", &["graph"]),
    ("provision_list", &["provision", "list"]),
    ("provision_show", &["provision", "show"]),
    ("env_list", &["env", "list"]),
    ("env_show", &["env", "show"]),
    ("pr_list", &["pr", "list"]),
    ("pr_show", &["pr", "show"]),
    ("pr_diff", &["pr", "diff"]),
    ("docs_lint", &["docs", "lint"]),
    ("validate", &["validate"]),
    ("drift", &["drift"]),
    ("health", &["health"]),
    ("whoami", &["whoami"]),
    // changes
    ("new_app", &["new-app"]),
    ("provision_s3", &["provision", "s3"]),
    ("provision_rds", &["provision", "rds"]),
    ("provision_ebs", &["provision", "ebs"]),
    ("provision_ec2", &["provision", "ec2"]),
    ("provision_ecr", &["provision", "ecr"]),
    ("provision_eks", &["provision", "eks"]),
    ("provision_secrets", &["provision", "secrets"]),
    ("promote", &["promote"]),
    ("rollback", &["rollback"]),
    ("adr_new", &["adr", "new"]),
    ("env_add", &["env", "add"]),
];

/// Tools whose command writes only with one of its flags, and takes `--dry-run` only with it.
const WRITES_WITH: &[(&str, &str)] = &[("health", "record")];

/// Arguments the server decides: `--dry-run` is the tool's `apply` (inverted), a pending
/// change is a plan and not an exit code, and `idp graph --format` means nothing under `-o json`.
const SERVER_ARGS: &[&str] = &["dry_run", "detailed_exitcode", "format", "help", "version"];

#[derive(Debug, clap::Args)]
pub struct McpArgs {
    /// Print the tool catalogue (names, commands, input schemas with `-o json`) and exit
    #[arg(long)]
    pub list: bool,
    /// Let tools read files in DIR too (repeatable). Tools read paths inside the platform repo
    /// and these directories only; any other path an agent passes is refused
    #[arg(long, value_name = "DIR")]
    pub allow_dir: Vec<std::path::PathBuf>,
}

pub fn run(ctx: &Ctx, args: McpArgs) -> anyhow::Result<()> {
    let tools = tool_specs()?;
    if args.list {
        return ctx
            .printer
            .data(&catalogue(&tools), || list_text(ctx, &tools));
    }
    let root = ctx.root()?.to_path_buf();
    // Each directory as given and with its links resolved: a path is compared as written,
    // then resolved.
    let mut readable = Vec::new();
    for dir in std::iter::once(&root).chain(&args.allow_dir) {
        let dir = ctx.cwd.join(dir);
        let real = std::fs::canonicalize(&dir).map_err(|e| {
            crate::error::IdpError::usage(format!("--allow-dir {}: {e}", dir.display()))
        })?;
        readable.extend([dir, real]);
    }
    let exe = std::env::current_exe()?;
    crate::mcp::serve(crate::mcp::Settings {
        tools,
        root,
        readable,
        cwd: ctx.cwd.clone(),
        exe,
    })
}

/// Every tool, read from the CLI's clap definitions.
pub(crate) fn tool_specs() -> anyhow::Result<Vec<ToolSpec>> {
    let root = Cli::command();
    TOOLS
        .iter()
        .map(|(name, path)| {
            let mut cmd = &root;
            for p in *path {
                cmd = cmd
                    .find_subcommand(p)
                    .ok_or_else(|| anyhow::anyhow!("`idp {}` is not a command", path.join(" ")))?;
            }
            Ok(spec(name, path, cmd))
        })
        .collect()
}

fn spec(name: &str, path: &[&str], cmd: &clap::Command) -> ToolSpec {
    let args: Vec<&clap::Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_global_set() && !a.is_hide_set())
        .collect();
    let change = args.iter().any(|a| a.get_id() == "dry_run");
    let mut positionals: Vec<&clap::Arg> =
        args.iter().copied().filter(|a| a.is_positional()).collect();
    positionals.sort_by_key(|a| a.get_index());
    let flags = args.iter().copied().filter(|a| !a.is_positional());
    let params = positionals
        .into_iter()
        .chain(flags)
        .filter(|a| !SERVER_ARGS.contains(&a.get_id().as_str()))
        .map(param)
        .collect();
    let about = cmd.get_about().map(|s| s.to_string()).unwrap_or_default();
    let description = if let Some((_, flag)) = WRITES_WITH.iter().find(|(t, _)| *t == name) {
        format!(
            "{about}. `idp {}`: writes only with `{flag}`, and then as a dry run unless \
             `apply: true`.",
            path.join(" ")
        )
    } else if change {
        format!(
            "{about}. `idp {}`: a dry run by default (the plan and the diff, nothing written); \
             `apply: true` writes it as the CLI would, under your identity and roles.",
            path.join(" ")
        )
    } else {
        format!("{about}. `idp {}`.", path.join(" "))
    };
    ToolSpec {
        name: name.to_string(),
        command: path.iter().map(|s| s.to_string()).collect(),
        description,
        change,
        writes_with: WRITES_WITH
            .iter()
            .find(|(tool, _)| *tool == name)
            .map(|(_, flag)| flag.to_string()),
        params,
    }
}

fn param(a: &clap::Arg) -> Param {
    let id = a.get_id().as_str();
    let flag = a.get_long().map(str::to_string);
    let name = flag.as_deref().unwrap_or(id).replace('-', "_");
    let action = a.get_action();
    let parser = a.get_value_parser().type_id();
    let is = |t: TypeId| parser == t;
    let kind = match action {
        ArgAction::SetTrue | ArgAction::SetFalse => Kind::Boolean,
        ArgAction::Count => Kind::Integer,
        _ if [
            TypeId::of::<u8>(),
            TypeId::of::<u16>(),
            TypeId::of::<u32>(),
            TypeId::of::<u64>(),
            TypeId::of::<usize>(),
            TypeId::of::<i32>(),
            TypeId::of::<i64>(),
        ]
        .into_iter()
        .any(is) =>
        {
            Kind::Integer
        }
        _ if is(TypeId::of::<f64>()) => Kind::Number,
        _ => {
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if values.is_empty() {
                Kind::String
            } else {
                Kind::Enum(values)
            }
        }
    };
    let multiple =
        matches!(action, ArgAction::Append) || a.get_num_args().is_some_and(|n| n.max_values() > 1);
    let default = match (a.get_default_values(), &kind) {
        (_, Kind::Boolean) | ([], _) => None,
        ([one], _) => Some(one.to_string_lossy().into_owned()),
        _ => None,
    };
    Param {
        name,
        flag,
        kind,
        multiple,
        required: a.is_required_set(),
        help: a.get_help().map(|h| h.to_string()).unwrap_or_default(),
        default,
        path: is(TypeId::of::<std::path::PathBuf>()),
    }
}

/// `idp mcp --list -o json`: each tool with the command it runs and its input schema.
fn catalogue(tools: &[ToolSpec]) -> Vec<serde_json::Value> {
    tools
        .iter()
        .map(|t| {
            serde_json::json!({
                "name": t.name,
                "command": format!("idp {}", t.command.join(" ")),
                "change": t.change,
                "description": t.description,
                "input_schema": t.input_schema(),
            })
        })
        .collect()
}

fn list_text(ctx: &Ctx, tools: &[ToolSpec]) -> String {
    let rows = tools
        .iter()
        .map(|t| {
            let args: Vec<String> = t
                .params
                .iter()
                .map(|p| {
                    if p.required {
                        p.name.clone()
                    } else {
                        format!("[{}]", p.name)
                    }
                })
                .chain(t.change.then(|| "[apply]".to_string()))
                .collect();
            vec![
                t.name.clone(),
                format!("idp {}", t.command.join(" ")),
                args.join(" "),
            ]
        })
        .collect();
    ctx.printer.table(&["TOOL", "RUNS", "ARGUMENTS"], rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_is_a_command_and_its_arguments_are_the_clis() {
        let tools = tool_specs().unwrap();
        assert_eq!(tools.len(), TOOLS.len());
        let by_name = |n: &str| tools.iter().find(|t| t.name == n).unwrap();
        let adr = by_name("adr_new");
        assert!(adr.change);
        let names: Vec<&str> = adr.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "title",
                "domain",
                "owner",
                "supersedes",
                "relates_to",
                "direct",
                "base",
                "no_push"
            ]
        );
        let title = &adr.params[0];
        assert!(title.flag.is_none() && title.required);
        let relates = &adr.params[4];
        assert!(relates.multiple && relates.flag.as_deref() == Some("relates-to"));
        assert_eq!(adr.params[1].default.as_deref(), Some("platform"));
        let health = by_name("health");
        assert!(health.change, "health --record writes: it takes apply");
        assert_eq!(health.writes_with.as_deref(), Some("record"));
        let tier = health.params.iter().find(|p| p.name == "tier").unwrap();
        assert_eq!(tier.kind, Kind::Integer);
        let pr = by_name("pr_list");
        assert!(!pr.change);
        assert!(matches!(&pr.params[0].kind, Kind::Enum(v) if v.contains(&"merged".to_string())));
        let graph = by_name("graph_query");
        assert!(graph.params.is_empty(), "--format is the server's");
        let s3 = by_name("provision_s3");
        let file = s3.params.iter().find(|p| p.name == "file").unwrap();
        assert_eq!(file.flag.as_deref(), Some("file"));
        assert!(s3.params.iter().all(|p| p.name != "dry_run"));
    }
}
