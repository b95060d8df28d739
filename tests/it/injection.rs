//! Input never becomes code: values rendered into generated files are escaped for each file's
//! language (ADR-0030). Every case renders hostile values through `idp new-app`, then parses
//! the output with the language's own tool (`python3`'s `ast`, `bash -n` and bash itself, the
//! YAML and JSON parsers) and checks that the value reads back as the same data and that no
//! code ran.

use std::path::Path;
use std::process::Command;

use crate::harness::Test;

/// A file of the app repository `name` as the local forge holds it.
fn app_file(t: &Test, name: &str, rel: &str) -> String {
    let repo = t.path(&format!(".idp/repos/{name}.git"));
    t.git(&repo, &["show", &format!("main:{rel}")])
}

/// Run python3 on `code` with `arg` as `sys.argv[1]`: its stdout, or a panic with stderr.
fn python(code: &str, arg: &str, dir: &Path) -> String {
    let out = Command::new("python3")
        .args(["-c", code, arg])
        .current_dir(dir)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// see issue 19: the description was written unescaped into `service/__init__.py`.
#[test]
fn new_app_description_with_python_quotes_stays_a_docstring() {
    let t = Test::platform();
    let description = r#"x"""; __import__("os").system("touch pwned"); """y"#;
    t.idp([
        "new-app",
        "payments",
        "--owner",
        "platform",
        "--description",
        description,
        "--direct",
    ])
    .run()
    .success();
    let init = app_file(&t, "payments", "service/__init__.py");
    let dir = t.root.join("pkg");
    std::fs::create_dir_all(dir.join("service")).unwrap();
    std::fs::write(dir.join("service/__init__.py"), &init).unwrap();
    // It parses, it is one docstring and nothing else, and the docstring is the input.
    let doc = python(
        "import ast,sys\n\
         t = ast.parse(open('service/__init__.py').read())\n\
         assert len(t.body) == 1, ast.dump(t)\n\
         print(ast.get_docstring(t, clean=False), end='')",
        "",
        &dir,
    );
    assert_eq!(doc, format!("payments: {description}"));
    // Importing the package runs nothing.
    python("import service", "", &dir);
    assert!(
        !dir.join("pwned").exists(),
        "importing the package ran code"
    );
    // The other files that carry the description read it back as text.
    let catalog = app_file(&t, "payments", "catalog-info.yaml");
    let doc = idp::yaml::parse(&catalog).expect("catalog-info.yaml parses");
    assert_eq!(doc.value["metadata"]["description"], description);
    let readme = app_file(&t, "payments", "README.md");
    assert!(readme.contains(r#"x"""; \_\_import\_\_("os").system("touch pwned"); """y"#));
}

/// A golden path that renders `value` into a file of every language idp escapes for.
fn injection_golden_path(t: &Test) {
    let files: &[(&str, &str)] = &[
        (
            "golden-path.yaml",
            "name: inject\nversion: 1.0.0\ndescription: Every template language.\n\
             extends: stateless-app\nparameters:\n  properties:\n    value:\n      type: string\n",
        ),
        (
            "app/v.py",
            "VALUE = \"{{ app.value }}\"\nSINGLE = '{{ app.value }}'\nDOC = \"\"\"{{ app.value }}\"\"\"\n# {{ app.value }}\n",
        ),
        (
            "app/v.yaml",
            "plain: {{ app.value }}\nlist: [{{ app.value }}]\n# {{ app.value }}\nafter: end\n",
        ),
        (
            "app/v.json",
            "{\"v\": \"{{ app.value }}\", \"after\": \"end\"}\n",
        ),
        (
            "app/v.sh",
            "#!/bin/sh\n# {{ app.value }}\nV={{ app.value }}\nprintf '%s' \"$V\"\n",
        ),
        (
            "app/Dockerfile",
            "FROM scratch\n# {{ app.value }}\nLABEL v={{ app.value }}\n",
        ),
        ("app/v.tf", "v = \"{{ app.value }}\"\n"),
        ("app/v.md", "# Title\n\n{{ app.value }}\n\nend\n"),
    ];
    for (rel, text) in files {
        t.write(&format!("golden-paths/inject/{rel}"), text);
    }
    t.git(&t.platform, &["add", "-A"]);
    t.git(&t.platform, &["commit", "-qm", "an injection golden path"]);
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
}

/// Values that end strings, start comments, lines, substitutions or markup in some language.
const HOSTILE: &[&str] = &[
    r#"x"""; __import__("os").system("touch pwned"); """y"#,
    r#"'; __import__('os').system('touch pwned'); '"#,
    "a: b",
    "\"]} , {\"x\": 1",
    "$(touch pwned)",
    "`touch pwned`",
    "'; touch pwned; '",
    "${file(\"/etc/passwd\")} %{ if true }x%{ endif }",
    "<script>alert(1)</script> [x](javascript:alert(1)) # *b* _i_ |t|",
    "back\\slash \\\" \\' \\n end\\",
    "- item",
    "ünïcødé \u{2028} ✓",
    "&anchor *alias !!python/object {x: 1}",
];

fn check_outputs(t: &Test, name: &str, value: &str) {
    let dir = t.root.join(format!("out-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    for f in [
        "v.py",
        "v.yaml",
        "v.json",
        "v.sh",
        "Dockerfile",
        "v.tf",
        "v.md",
    ] {
        std::fs::write(dir.join(f), app_file(t, name, f)).unwrap();
    }
    // Python: parses, four statements (a comment is none), each string is the value.
    let got = python(
        "import ast,sys,json\n\
         t = ast.parse(open('v.py').read())\n\
         assert len(t.body) == 3, ast.dump(t)\n\
         print(json.dumps([ast.literal_eval(s.value) for s in t.body]))",
        "",
        &dir,
    );
    let got: Vec<String> = serde_json::from_str(&got).unwrap();
    assert_eq!(got, vec![value; 3], "v.py");
    // YAML: the same keys, the value as a string.
    let doc = idp::yaml::parse(&std::fs::read_to_string(dir.join("v.yaml")).unwrap())
        .unwrap_or_else(|e| panic!("v.yaml does not parse: {e}"));
    assert_eq!(doc.value["plain"], value, "v.yaml");
    assert_eq!(doc.value["list"], serde_json::json!([value]), "v.yaml");
    assert_eq!(doc.value["after"], "end");
    assert_eq!(doc.value.as_object().unwrap().len(), 3);
    // JSON.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("v.json")).unwrap()).unwrap();
    assert_eq!(json, serde_json::json!({"v": value, "after": "end"}));
    // Shell: valid, and running it prints the value and runs nothing else.
    let status = Command::new("bash")
        .args(["-n", "v.sh"])
        .current_dir(&dir)
        .status()
        .unwrap();
    assert!(status.success(), "bash -n v.sh");
    let out = Command::new("bash")
        .arg("v.sh")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), value, "v.sh");
    // Dockerfile: three lines, instructions as written; the label's word is the value.
    let docker = std::fs::read_to_string(dir.join("Dockerfile")).unwrap();
    let lines: Vec<&str> = docker.lines().collect();
    assert_eq!(lines.len(), 3, "{docker}");
    assert_eq!(lines[0], "FROM scratch");
    assert!(lines[1].starts_with("# "));
    let label = lines[2].strip_prefix("LABEL v=").expect("LABEL line");
    let out = Command::new("bash")
        .args(["-c", &format!("printf '%s' {label}")])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), value, "Dockerfile");
    // HCL: one string attribute; no interpolation or directive left unescaped.
    let tf = std::fs::read_to_string(dir.join("v.tf")).unwrap();
    let inner = tf
        .trim_end()
        .strip_prefix("v = \"")
        .and_then(|r| r.strip_suffix('"'))
        .expect("one attribute");
    let unescaped = inner.replace("$${", "").replace("%%{", "");
    assert!(
        !unescaped.contains("${") && !unescaped.contains("%{"),
        "{tf}"
    );
    let decoded: String = serde_json::from_str(&format!(
        "\"{}\"",
        inner.replace("$${", "${").replace("%%{", "%{")
    ))
    .expect("an HCL string with JSON escapes");
    assert_eq!(decoded, value, "v.tf");
    // Markdown: the heading and paragraphs as written, no raw markup from the value.
    let md = std::fs::read_to_string(dir.join("v.md")).unwrap();
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines.len(), 5, "{md}");
    assert_eq!(lines[0], "# Title");
    let para = lines[2];
    for c in ['<', '>', '[', ']', '`', '*', '_', '|', '#'] {
        let raw = para
            .char_indices()
            .filter(|(i, ch)| *ch == c && (*i == 0 || !para[..*i].ends_with('\\')))
            .count();
        assert_eq!(raw, 0, "unescaped `{c}` in {para}");
    }
    assert!(!dir.join("pwned").exists() && !t.root.join("pwned").exists());
}

#[test]
fn hostile_values_are_inert_data_in_every_template_language() {
    let t = Test::platform();
    injection_golden_path(&t);
    let mut failures = Vec::new();
    for (i, value) in HOSTILE.iter().enumerate() {
        let name = format!("inj-{i}");
        let values = t.root.join(format!("values-{i}.yaml"));
        std::fs::write(&values, serde_json::json!({ "value": value }).to_string()).unwrap();
        let out = t
            .idp([
                "new-app",
                &name,
                "--template",
                "inject",
                "--owner",
                "platform",
                "--values",
                values.to_str().unwrap(),
                "--direct",
            ])
            .run();
        if out.code != 0 {
            failures.push(format!("{value:?}: exit {}: {}", out.code, out.stderr));
            continue;
        }
        if let Err(e) = std::panic::catch_unwind(|| check_outputs(&t, &name, value)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{value:?}: {msg}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_line_break_cannot_be_written_into_a_shell_script_or_dockerfile() {
    let t = Test::platform();
    injection_golden_path(&t);
    let values = t.root.join("values.yaml");
    std::fs::write(&values, "value: \"ok\\nRUN touch pwned\"\n").unwrap();
    let before = t.state();
    t.idp([
        "new-app",
        "inj",
        "--template",
        "inject",
        "--owner",
        "platform",
        "--values",
        values.to_str().unwrap(),
    ])
    .run()
    .code(2)
    .stderr_has("refusing to write a value");
    assert_eq!(t.state(), before);
    assert!(!t.path(".idp/repos/inj.git").exists());
}

// Property tests: escaping round-trips for any string, in the languages whose parsers run
// in-process (YAML, JSON, HCL's JSON-style strings); Markdown and shell never let a line
// break through.
mod properties {
    use idp::render::escape::{Lang, escape};
    use proptest::prelude::*;

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[ -~\\n\\t\"'\\\\$%{}#:&*!|<>\\[\\]`-]{0,40}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn yaml_values_read_back_as_the_same_string(s in any_text()) {
            let out = escape(Lang::Yaml, &s).unwrap();
            let doc = idp::yaml::parse(&format!("k: {out}\nafter: 1\n"))
                .map_err(|e| TestCaseError::fail(format!("{out}: {e}")))?;
            prop_assert_eq!(doc.value["k"].as_str(), Some(s.as_str()));
            prop_assert_eq!(doc.value.as_object().unwrap().len(), 2);
        }

        #[test]
        fn json_and_hcl_strings_read_back(s in any_text()) {
            let out = escape(Lang::Json, &s).unwrap();
            let v: serde_json::Value = serde_json::from_str(&format!("\"{out}\"")).unwrap();
            prop_assert_eq!(v.as_str(), Some(s.as_str()));
            let hcl = escape(Lang::Hcl, &s).unwrap();
            let bare = hcl.replace("$${", "").replace("%%{", "");
            prop_assert!(!bare.contains("${") && !bare.contains("%{"), "{}", hcl);
            prop_assert!(!hcl.contains('\n'));
        }

        #[test]
        fn no_language_lets_a_line_break_through(s in any_text()) {
            for lang in [Lang::Yaml, Lang::Json, Lang::Python, Lang::Hcl, Lang::Markdown,
                         Lang::Shell, Lang::Dockerfile, Lang::Text] {
                if let Ok(out) = escape(lang, &s) {
                    // Shell quoting keeps a value's own line breaks only inside quotes, and
                    // shell refuses them: no output of any language has one.
                    prop_assert!(!out.contains('\n') && !out.contains('\r'), "{lang:?}: {out:?}");
                }
            }
        }

        #[test]
        fn yaml_parsing_never_panics(s in any_text()) {
            let _ = idp::yaml::parse(&s);
        }
    }
}

/// Hostile text for the platform's own templates: ends strings, lines, interpolations.
const NASTY: &str =
    "x\" }\nresource \"null_resource\" \"pwn\" { ${file(\"/etc/passwd\")} %{if 1}\n# \"";

/// Quotes of an HCL line that are not escaped (`\"`).
fn bare_quotes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => n += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    n
}

#[test]
fn the_terraform_root_keeps_hostile_values_inside_its_strings() {
    let path = "templates/terraform/main.tf.j2";
    let clean = idp::render::render_str(
        path,
        include_str!("../../templates/terraform/main.tf.j2"),
        serde_json::json!({"env": {"name": "dev", "region": "eu-west-1", "account": "1"}, "prefix": "acme"}),
    )
    .unwrap();
    let out = idp::render::render_str(
        path,
        include_str!("../../templates/terraform/main.tf.j2"),
        serde_json::json!({"env": {"name": NASTY, "region": NASTY, "account": NASTY}, "prefix": NASTY}),
    )
    .unwrap();
    // The same lines, each with its quotes balanced; no block or interpolation came in.
    assert_eq!(out.lines().count(), clean.lines().count(), "{out}");
    for (a, b) in out.lines().zip(clean.lines()) {
        assert_eq!(bare_quotes(a), bare_quotes(b), "{a}");
    }
    assert!(!out.contains("resource \"null_resource\""));
    assert!(!out.replace("$${", "").contains("${file"));
    assert!(!out.replace("%%{", "").contains("%{if"));
}

#[test]
fn the_platform_templates_write_hostile_values_as_data() {
    // idp.yaml: every value reads back as written, and no key came in.
    let clean_vars = serde_json::json!({"org": "acme", "prefix": "acme", "region": "eu-west-1",
        "domain": "acme.example.com", "actor": "ada@example.com", "action": "acme/idp@v1"});
    let mut vars = clean_vars.clone();
    for v in vars.as_object_mut().unwrap().values_mut() {
        *v = serde_json::json!(NASTY);
    }
    let path = "templates/platform/idp.yaml.j2";
    let text = include_str!("../../templates/platform/idp.yaml.j2");
    let clean = idp::yaml::parse(&idp::render::render_str(path, text, &clean_vars).unwrap())
        .unwrap()
        .value;
    let out = idp::render::render_str(path, text, &vars).unwrap();
    let doc = idp::yaml::parse(&out)
        .unwrap_or_else(|e| panic!("idp.yaml does not parse: {e}\n{out}"))
        .value;
    assert_eq!(doc["org"], NASTY);
    assert_eq!(doc["naming"]["prefix"], NASTY);
    assert_eq!(doc["rbac"]["roles"]["admin"]["members"][0], NASTY);
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&doc), keys(&clean));
    assert!(
        doc["gitops"]["repoURL"]
            .as_str()
            .unwrap()
            .contains("resource")
    );
    // An environment file: the same.
    let path = "templates/environment.yaml.j2";
    let text = include_str!("../../templates/environment.yaml.j2");
    let env = idp::yaml::parse(include_str!(
        "../../templates/defaults/environments/dev.yaml"
    ))
    .unwrap()
    .value;
    let mut hostile = env.clone();
    hostile["description"] = serde_json::json!(NASTY);
    hostile["cluster"] = serde_json::json!(NASTY);
    let out = idp::render::render_str(path, text, serde_json::json!({ "env": hostile })).unwrap();
    let doc = idp::yaml::parse(&out).unwrap().value;
    assert_eq!(doc["description"], NASTY);
    assert_eq!(doc["cluster"], NASTY);
    assert_eq!(keys(&doc), keys(&env));
}
