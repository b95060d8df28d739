//! Every argument bounded and one line before any work, each named by its flag or its
//! positional name (`TITLE`), from clap's own parse: the clap side of
//! [`crate::input::check_arg_value`].

use crate::input::{check_arg_value, check_args};

/// Check `args` as parsed against `command`. Falls back to [`check_args`] when the parse fails
/// (it succeeded once already, so it should not).
pub fn check_command_args(mut command: clap::Command, args: &[String]) -> anyhow::Result<()> {
    match command.try_get_matches_from_mut(args) {
        Ok(matches) => check_matches(&command, &matches),
        Err(_) => check_args(args),
    }
}

fn check_matches(command: &clap::Command, matches: &clap::ArgMatches) -> anyhow::Result<()> {
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        let Ok(Some(values)) = matches.try_get_raw(id) else {
            continue;
        };
        let name = match arg.get_long() {
            Some(long) => format!("`--{long}`"),
            None => format!(
                "`{}`",
                arg.get_value_names()
                    .and_then(|v| v.first())
                    .map_or_else(|| id.to_ascii_uppercase(), |v| v.to_string())
            ),
        };
        for value in values {
            check_arg_value(&name, arg.get_long(), &value.to_string_lossy())?;
        }
    }
    if let Some((name, sub_matches)) = matches.subcommand()
        && let Some(sub) = command.find_subcommand(name)
    {
        check_matches(sub, sub_matches)?;
    }
    Ok(())
}
