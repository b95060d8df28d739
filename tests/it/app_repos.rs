//! The local forge's app repositories appear whole or not at all: made in a temporary
//! directory and renamed into place, so a `new-app` killed at any point and run again
//! converges (issue 18).

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::harness::Test;

fn repos(t: &Test) -> PathBuf {
    t.path(".idp/repos")
}

fn new_app(t: &Test) -> crate::harness::Run {
    t.idp(["new-app", "payments", "--owner", "platform", "-o", "json"])
}

/// The names in `dir` that a finished run must not leave: temporary and trash directories.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default()
}

/// The files of the app repository's `main`, and how many commits it has.
fn app_repo(t: &Test) -> (String, String) {
    let repo = repos(t).join("payments.git");
    t.git(&repo, &["fsck", "--full", "--no-dangling"]);
    (
        t.git(&repo, &["ls-tree", "-r", "--name-only", "main"]),
        t.git(&repo, &["rev-list", "--count", "main"]),
    )
}

#[test]
fn a_half_made_app_repository_is_made_again_by_the_rerun() {
    // See issue 18: a half-created app repository blocked new-app with "exists but is not a
    // git repository". What an interrupted run of an older idp left: an empty directory, or a
    // repository with no ref at all; what this one can leave: a temporary directory.
    for leave in ["empty dir", "repository without refs", "temporary dir"] {
        let t = Test::platform();
        let dir = repos(&t);
        std::fs::create_dir_all(&dir).unwrap();
        match leave {
            "empty dir" => std::fs::create_dir(dir.join("payments.git")).unwrap(),
            "repository without refs" => {
                t.git(&dir, &["init", "-q", "--bare", "payments.git"]);
            }
            _ => {
                let tmp = dir.join(".payments.git.tmp-Xy12ab");
                std::fs::create_dir_all(tmp.join("objects/pack")).unwrap();
                std::fs::write(tmp.join("objects/pack/pack_git2_123"), "half").unwrap();
            }
        }
        new_app(&t)
            .run()
            .success()
            .stderr_has("Created app repository `payments`");
        let (files, commits) = app_repo(&t);
        assert!(files.contains("Dockerfile"), "{leave}: {files}");
        assert_eq!(commits.trim(), "1", "{leave}");
        assert!(leftovers(&dir).is_empty(), "{leave}: {:?}", leftovers(&dir));
    }
}

#[test]
fn a_directory_that_is_not_a_repository_idp_made_is_still_refused() {
    let t = Test::platform();
    let path = repos(&t).join("payments.git");
    std::fs::create_dir_all(&path).unwrap();
    std::fs::write(path.join("notes.txt"), "someone's files").unwrap();
    t.idp(["new-app", "payments", "--owner", "platform"])
        .run()
        .code(2)
        .stderr_has("exists and is not a git repository");
    assert_eq!(
        std::fs::read_to_string(path.join("notes.txt")).unwrap(),
        "someone's files"
    );
}

#[test]
fn new_app_killed_at_any_point_then_rerun_converges() {
    // An uninterrupted run: what every killed-then-rerun one must end as, and how long it takes.
    let reference = Test::platform();
    let start = Instant::now();
    new_app(&reference).run().success();
    let took = start.elapsed();
    let (files, commits) = app_repo(&reference);
    let kills = 10u32;
    for i in 0..kills {
        let t = Test::platform();
        // Spread over the whole run, from before the repository exists to after it is made.
        let at = took * i / (kills - 1);
        let mut child = new_app(&t).spawn();
        std::thread::sleep(at);
        let _ = child.kill();
        let _ = child.wait();
        new_app(&t).run().success();
        assert_eq!(
            app_repo(&t),
            (files.clone(), commits.clone()),
            "killed at {at:?}"
        );
        assert!(
            leftovers(&repos(&t)).is_empty(),
            "killed at {at:?}: {:?}",
            leftovers(&repos(&t))
        );
        // Converged: one more run changes nothing.
        let again = new_app(&t).run().success().json();
        assert_eq!(again["status"], "up-to-date", "killed at {at:?}: {again}");
    }
}
