//! `idp man`: one page per subcommand with `--out-dir`, each listing the options its `--help`
//! lists, valid roff (checked with groff when it is installed), and no page naming an
//! `idp-*(1)` page that is not written.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::Test;

/// Every subcommand path (`["adr", "new"]`, …) as `--help` lists them, recursively (`help`
/// left out: it has no page).
fn subcommands(t: &Test, path: &[String], out: &mut Vec<Vec<String>>) {
    let mut args = path.to_vec();
    args.push("--help".into());
    let help = t.idp(&args).run().success().stdout;
    let mut listing = false;
    for line in help.lines() {
        if line == "Commands:" {
            listing = true;
            continue;
        }
        if listing && line.is_empty() {
            break;
        }
        // A command starts two spaces in; a wrapped description is indented further.
        if listing && line.starts_with("  ") && !line.starts_with("   ") {
            let name = line.split_whitespace().next().unwrap_or_default();
            if name != "help" {
                let mut sub = path.to_vec();
                sub.push(name.to_string());
                out.push(sub.clone());
                subcommands(t, &sub, out);
            }
        }
    }
}

/// The long options (`--dry-run`) a `--help` text lists.
pub(crate) fn long_options(help: &str) -> BTreeSet<String> {
    help.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            // `-o, --output <OUTPUT>`: the long one (not a `, ` in the description after it).
            let l = match l.as_bytes() {
                [b'-', c, b',', b' ', ..] if *c != b'-' => &l[4..],
                _ => l,
            };
            l.strip_prefix("--").map(|r| {
                let name: String = r
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                format!("--{name}")
            })
        })
        .filter(|o| o.len() > 2)
        .collect()
}

/// A page's text with roff's escaped hyphens (`\-`) as plain ones.
fn plain(page: &str) -> String {
    page.replace("\\-", "-")
}

/// Every `idp…(1)` a page names.
fn references(page: &str) -> BTreeSet<String> {
    let text = plain(page);
    let mut refs = BTreeSet::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("(1)") {
        let before = &rest[..i];
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |j| j + 1);
        let name = &before[start..];
        if name.starts_with("idp") {
            refs.insert(format!("{name}.1"));
        }
        rest = &rest[i + 3..];
    }
    refs
}

fn groff() -> Option<std::path::PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join("groff"))
        .find(|p| p.is_file())
}

/// groff's complaints about a page (`-ww`: every warning; `-k`: UTF-8 input, as `man` reads it),
/// or none.
fn roff_warnings(groff: &Path, page: &Path) -> String {
    let out = std::process::Command::new(groff)
        .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
        .arg(page)
        .output()
        .expect("groff runs");
    assert!(out.status.success(), "groff failed on {}", page.display());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn man_out_dir_writes_a_page_per_subcommand_listing_its_options() {
    let t = Test::new();
    let out = t
        .idp(["man", "--out-dir", "pages", "-o", "json"])
        .run()
        .success();
    let listed: BTreeSet<String> = serde_json::from_value(out.json()).unwrap();
    let dir = t.root.join("pages");
    let written: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(listed, written, "`-o json` lists the files written");
    assert!(written.contains("idp.1"));
    assert!(!written.iter().any(|f| f.contains("help")), "{written:?}");

    let mut subs = Vec::new();
    subcommands(&t, &[], &mut subs);
    assert!(subs.len() > 60, "{subs:?}");
    let mut expected: BTreeSet<String> = subs
        .iter()
        .map(|p| format!("idp-{}.1", p.join("-")))
        .collect();
    expected.insert("idp.1".into());
    assert_eq!(written, expected, "one page per subcommand, no other");

    for path in &subs {
        let file = format!("idp-{}.1", path.join("-"));
        let page = plain(&std::fs::read_to_string(dir.join(&file)).unwrap());
        let mut args = path.clone();
        args.push("--help".into());
        let help = t.idp(&args).run().success().stdout;
        let options = long_options(&help);
        assert!(options.contains("--help"), "{file}: {options:?}");
        for o in &options {
            assert!(page.contains(o.as_str()), "{file} does not list `{o}`");
        }
    }
    // A spot check that the option parser above reads real flags.
    let new = plain(&std::fs::read_to_string(dir.join("idp-adr-new.1")).unwrap());
    assert!(
        new.contains("--dry-run") && new.contains("--supersedes"),
        "{new}"
    );

    for f in &written {
        let page = std::fs::read_to_string(dir.join(f)).unwrap();
        for r in references(&page) {
            assert!(written.contains(&r), "{f} names {r}, which is not written");
        }
    }
    assert!(
        references(&std::fs::read_to_string(dir.join("idp-adr.1")).unwrap())
            .contains("idp-adr-new.1"),
        "a noun's page names its verbs' pages"
    );

    match groff() {
        Some(groff) => {
            for f in &written {
                let warnings = roff_warnings(&groff, &dir.join(f));
                assert!(warnings.is_empty(), "{f}: {warnings}");
            }
        }
        None => eprintln!("groff is not installed: the pages' roff is not checked"),
    }
}

#[test]
fn man_prints_the_top_page_naming_only_pages_that_out_dir_writes() {
    let t = Test::new();
    let top = t.idp(["man"]).run().success().stdout;
    assert!(top.starts_with(".ie") || top.contains(".TH idp 1"), "{top}");
    t.idp(["man", "--out-dir", "pages"])
        .run()
        .success()
        .stderr_has("man pages into `pages`");
    let refs = references(&top);
    assert!(refs.contains("idp-provision.1"), "{refs:?}");
    assert!(!refs.contains("idp-help.1"), "{refs:?}");
    for r in refs {
        assert!(
            t.root.join("pages").join(&r).is_file(),
            "`idp man` names {r}"
        );
    }
    let written = std::fs::read_to_string(t.root.join("pages/idp.1")).unwrap();
    assert_eq!(top, written, "the printed page is the written `idp.1`");
}
