//! The network is the user's git: remotes idp reaches only because it runs the `git` CLI (an
//! SSH remote through `GIT_SSH_COMMAND`), and the error when there is no git to run. https
//! remotes are in `https.rs`, the GitHub forge's token in `github.rs`.

use std::path::{Path, PathBuf};

use crate::harness::Test;

/// A stand-in for `ssh`: git runs it as `ssh [options] git@host "git-receive-pack 'path'"`;
/// it runs that command in `root` (where the "host" keeps its repositories), and writes each
/// call's last argument to `ssh.log`.
fn fake_ssh(t: &Test) -> PathBuf {
    let script = t.root.join("fake-ssh.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n\
             for last; do :; done\n\
             printf '%s\\n' \"$last\" >> '{root}/ssh.log'\n\
             cd '{root}' && exec sh -c \"$last\"\n",
            root = t.root.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// A platform whose `origin` is `git@git.example.invalid:remote.git`, reached through
/// [`fake_ssh`].
fn ssh_platform() -> (Test, PathBuf) {
    let t = Test::platform();
    t.git(
        &t.platform,
        &[
            "remote",
            "set-url",
            "origin",
            "git@git.example.invalid:remote.git",
        ],
    );
    let ssh = fake_ssh(&t);
    (t, ssh)
}

#[test]
fn an_ssh_remote_git_at_host_path_is_pushed_to_through_git_ssh_command() {
    // See issue 18: `git@host:org/platform.git` failed with "unsupported URL protocol".
    let (t, ssh) = ssh_platform();
    t.idp(["env", "add", "qa", "--after", "dev"])
        .env("GIT_SSH_COMMAND", &ssh)
        .env("GIT_SSH_VARIANT", "simple")
        .run()
        .success();
    let branches = t.git(&t.remote, &["branch", "--list"]);
    assert!(branches.contains("idp/env/"), "{branches}");
    let calls = std::fs::read_to_string(t.root.join("ssh.log")).expect("ssh ran");
    assert!(calls.contains("git-receive-pack 'remote.git'"), "{calls}");
    // The remote-tracking ref moved with the push, as `git push origin` moves it.
    let tracking = t.git(&t.platform, &["branch", "-r"]);
    assert!(tracking.contains("origin/idp/env/"), "{tracking}");
    t.git(&t.remote, &["fsck", "--full", "--no-dangling"]);
}

#[test]
fn a_direct_change_lands_on_main_over_ssh() {
    let (t, ssh) = ssh_platform();
    t.idp(["env", "add", "qa", "--after", "dev", "--direct"])
        .env("GIT_SSH_COMMAND", &ssh)
        .env("GIT_SSH_VARIANT", "simple")
        .run()
        .success();
    let local = t.git(&t.platform, &["rev-parse", "main"]);
    assert_eq!(t.git(&t.remote, &["rev-parse", "main"]), local);
    assert!(
        t.git(
            &t.remote,
            &["ls-tree", "--name-only", "main", "environments/"]
        )
        .contains("environments/qa.yaml")
    );
}

#[test]
fn an_ssh_remote_that_refuses_the_key_is_exit_4_and_nothing_moves() {
    let (t, _) = ssh_platform();
    let refuse = t.root.join("refuse-ssh.sh");
    std::fs::write(
        &refuse,
        "#!/bin/sh\necho 'git@git.example.invalid: Permission denied (publickey).' >&2\nexit 255\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&refuse, std::fs::Permissions::from_mode(0o755)).unwrap();
    let before = t.refs(&t.remote);
    t.idp(["env", "add", "qa", "--after", "dev"])
        .env("GIT_SSH_COMMAND", &refuse)
        .env("GIT_SSH_VARIANT", "simple")
        .run()
        .code(4)
        .stderr_has("Permission denied (publickey)")
        .stderr_has("git ls-remote");
    assert_eq!(t.refs(&t.remote), before);
}

/// A directory holding nothing, for a `PATH` without git.
fn empty_dir(t: &Test) -> PathBuf {
    let dir = t.root.join("empty-bin");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn assert_names_what_to_install(stderr: &str) {
    assert!(stderr.contains("install git"), "{stderr}");
    assert!(stderr.contains("apt-get install git"), "{stderr}");
}

#[test]
fn no_git_on_path_is_exit_2_naming_what_to_install_and_the_remote_is_untouched() {
    let t = Test::platform();
    let before = t.refs(&t.remote);
    let out = t
        .idp(["env", "add", "qa", "--after", "dev"])
        .env("PATH", empty_dir(&t))
        .run()
        .code(2);
    assert_names_what_to_install(&out.stderr);
    assert!(out.stderr.contains("no `git` on PATH"), "{}", out.stderr);
    assert_eq!(t.refs(&t.remote), before);
}

#[test]
fn an_idp_git_that_does_not_exist_is_exit_2_naming_it() {
    let t = Test::platform();
    let before = t.refs(&t.remote);
    let out = t
        .idp(["env", "add", "qa", "--after", "dev"])
        .env("IDP_GIT", "/nonexistent/git")
        .run()
        .code(2)
        .stderr_has("`/nonexistent/git`");
    assert_names_what_to_install(&out.stderr);
    assert_eq!(t.refs(&t.remote), before);
}

#[test]
fn a_command_without_a_remote_needs_no_git() {
    // Only fetch and push run git: a platform without `origin` works on a machine without it.
    let t = Test::platform();
    t.git(&t.platform, &["remote", "remove", "origin"]);
    t.idp(["env", "add", "qa", "--after", "dev", "--direct"])
        .env("PATH", empty_dir(&t))
        .run()
        .success();
    assert!(Path::new(&t.platform.join("environments/qa.yaml")).exists());
}
