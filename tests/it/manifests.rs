//! Every Kubernetes manifest in a platform repo, validated strictly against upstream schemas
//! (issue 20, "Tests"): unknown fields, wrong types, missing required fields and API versions
//! that are no longer served are errors.
//!
//! Files are found by walking the repo, so manifests that later commands write are validated
//! without changing this test: a directory with a `kustomization.yaml` that no other
//! kustomization references (an overlay) is built with `kubectl kustomize` and its output
//! validated; every other `*.yaml` document with `apiVersion` and `kind` is validated as it
//! is. [`check_for`] says which validator checks which kind; a kind it does not know fails.
//! The validators are in `tests/support/manifests/` (its README says which package and
//! version validates which kinds, and how strictness is achieved):
//! - core kinds: `kubernetes-validate --strict` (PyPI) for [`KUBERNETES_VERSION`];
//! - Argo CD, External Secrets, cert-manager and prometheus-operator kinds: the
//!   `@kubernetes-models/*` npm packages, type-checked with `tsc --strict` and their `validate()`;
//! - Kyverno: `cloudcoil-models-kyverno` (PyPI) pydantic models, strict, unknown fields errors;
//! - Kong: the upstream CRDs vendored from Kong/kubernetes-configuration (no maintained
//!   package ships them), their OpenAPI schema with unknown fields made errors;
//! - the values idp generates for a chart that ships a `values.schema.json` (Backstage's):
//!   that schema, vendored in `tests/support/manifests/charts/` ([`CHART_SCHEMAS`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::harness::Test;

/// The Kubernetes version core kinds are validated for: 1.34, in EKS standard support (on EKS
/// since late 2025). An API removed by then (e.g. `policy/v1beta1`, `extensions/v1beta1`) has
/// no schema for it and fails; raise this as EKS moves on.
pub const KUBERNETES_VERSION: &str = "1.34";

/// Kinds idp writes today on an API version that is no longer served, known and tracked:
/// `(apiVersion, kind, why)`. Their objects are still validated strictly against the schema
/// of that version; only "not served" is excused. The test fails when an entry matches no
/// object any more: remove the entry when the migration lands.
pub const KNOWN_UNSERVED: &[(&str, &str, &str)] = &[];

/// What `KNOWN_UNSERVED` held until `idp migrate external-secrets` landed: the negative cases
/// use it to show that such an entry excuses only "not served".
const LEGACY_UNSERVED: &[(&str, &str, &str)] = &[(
    "external-secrets.io/v1beta1",
    "ExternalSecret",
    "a fixture on the API idp wrote before it moved to external-secrets.io/v1",
)];

/// API versions whose upstream models still exist in the schema packages but that the
/// controller no longer serves: `(apiVersion, why)`.
const UNSERVED: &[(&str, &str)] = &[
    (
        "external-secrets.io/v1beta1",
        "External Secrets Operator serves only external-secrets.io/v1 since v0.17",
    ),
    (
        "external-secrets.io/v1alpha1",
        "External Secrets Operator serves only external-secrets.io/v1 since v0.17",
    ),
];

/// API groups of documents that have `apiVersion` and `kind` but are not Kubernetes objects.
const NOT_KUBERNETES: &[(&str, &str)] = &[
    (
        "backstage.io",
        "Backstage catalog entities (catalog/), checked by `idp validate`",
    ),
    (
        "kustomize.config.k8s.io",
        "kustomize's own files: `kubectl kustomize` builds them",
    ),
    ("idp", "idp's own configuration, checked by `idp validate`"),
];

/// Directories that hold no manifests to validate: git's, idp's state, installed packages,
/// and ejected golden paths (templates, rendered by `idp new-app`).
const SKIP_DIRS: &[&str] = &[".git", ".idp", "node_modules", "golden-paths"];

/// Core API groups: kubernetes-validate has their schemas (and none for removed versions).
const CORE_GROUPS: &[&str] = &[
    "",
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "apps",
    "autoscaling",
    "batch",
    "certificates.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "events.k8s.io",
    "extensions",
    "flowcontrol.apiserver.k8s.io",
    "networking.k8s.io",
    "node.k8s.io",
    "policy",
    "rbac.authorization.k8s.io",
    "resource.k8s.io",
    "scheduling.k8s.io",
    "storage.k8s.io",
];

/// Charts whose generated values (`addons/<addon>/generated/<env>.yaml`) are checked against
/// the chart's own `values.schema.json`, vendored for the version idp pins: `(addon, file)`.
pub const CHART_SCHEMAS: &[(&str, &str)] = &[("backstage", "backstage-2.8.2.values.schema.json")];

/// Validate the generated values of every add-on in [`CHART_SCHEMAS`] under `root`: one line
/// per problem, and how many files were checked.
pub fn validate_chart_values(root: &Path, work: &Path) -> (Vec<String>, usize) {
    let mut objects = Vec::new();
    let mut files = Vec::new();
    for (addon, schema) in CHART_SCHEMAS {
        let dir = root.join("addons").join(addon).join("generated");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            let values = idp::yaml::parse(&text)
                .unwrap_or_else(|e| panic!("{}: not YAML: {e}", p.display()))
                .value;
            objects.push(json!({
                "id": files.len().to_string(),
                "validator": format!("values:{schema}"),
                "object": values,
            }));
            files.push(rel(root, &p));
        }
    }
    std::fs::create_dir_all(work).unwrap();
    let batch = work.join("chart-values.json");
    std::fs::write(
        &batch,
        json!({"kubernetes_version": KUBERNETES_VERSION, "objects": objects}).to_string(),
    )
    .unwrap();
    let results = finish(start(&python(), "validate.py", &batch), "validate.py");
    let mut problems = Vec::new();
    for (n, file) in files.iter().enumerate() {
        let errors = results
            .get(&n.to_string())
            .unwrap_or_else(|| panic!("validate.py gave no answer for {file}"));
        for e in errors {
            problems.push(format!(
                "{file}: {}: {}",
                e["path"].as_str().unwrap_or_default(),
                e["message"].as_str().unwrap_or_default()
            ));
        }
    }
    (problems, files.len())
}

/// Which validator checks an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// kubernetes-validate --strict (validate.py).
    Kubernetes,
    /// An `@kubernetes-models/*` model, by module path (validate.mjs).
    Model(String),
    /// cloudcoil-models-kyverno (validate.py).
    Kyverno,
    /// A CRD vendored in `tests/support/manifests/crds/` (validate.py).
    Crd(&'static str),
    /// Not a Kubernetes object (the reason).
    NotKubernetes(&'static str),
}

/// The validator of `apiVersion`/`kind`, or why there is none.
pub fn check_for(api_version: &str, kind: &str) -> Result<Check, String> {
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    let model =
        |package: &str| Check::Model(format!("@kubernetes-models/{package}/{api_version}/{kind}"));
    Ok(match group {
        g if CORE_GROUPS.contains(&g) => Check::Kubernetes,
        "argoproj.io" => model("argo-cd"),
        "external-secrets.io" => model("external-secrets"),
        "cert-manager.io" | "acme.cert-manager.io" => model("cert-manager"),
        "monitoring.coreos.com" => model("prometheus-operator"),
        "kyverno.io" => Check::Kyverno,
        "configuration.konghq.com" if kind == "KongPlugin" => {
            Check::Crd("configuration.konghq.com_kongplugins.yaml")
        }
        "configuration.konghq.com" if kind == "KongClusterPlugin" => {
            Check::Crd("configuration.konghq.com_kongclusterplugins.yaml")
        }
        g => match NOT_KUBERNETES.iter().find(|(n, _)| *n == g) {
            Some((_, why)) => Check::NotKubernetes(why),
            None => {
                return Err(format!(
                    "no validator for {api_version} {kind}: add one to `check_for` in \
                     tests/it/manifests.rs"
                ));
            }
        },
    })
}

/// One object to validate and where it came from.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The file (relative to the repo), or the overlay directory and `(kubectl kustomize)`.
    pub source: String,
    /// The YAML document, when the object is a file's as is (for line numbers).
    pub doc: Option<idp::yaml::Document>,
    pub object: Value,
}

impl Manifest {
    fn what(&self) -> String {
        let s = |k: &str| self.object[k].as_str().unwrap_or("?").to_string();
        format!(
            "{} {}/{}",
            s("apiVersion"),
            s("kind"),
            self.object["metadata"]["name"].as_str().unwrap_or("?")
        )
    }

    fn line_of(&self, dotted: &str) -> Option<usize> {
        let doc = self.doc.as_ref()?;
        let mut pointer = String::new();
        for part in dotted
            .split('.')
            .filter(|p| !p.is_empty() && !p.starts_with('('))
        {
            let (key, rest) = part.split_once('[').unwrap_or((part, ""));
            if !key.is_empty() {
                pointer.push('/');
                pointer.push_str(&idp::yaml::pointer_segment(key));
            }
            for idx in rest.split('[') {
                let idx = idx.trim_end_matches(']');
                if !idx.is_empty() {
                    pointer.push('/');
                    pointer.push_str(idx);
                }
            }
        }
        Some(doc.locate_key(&pointer).line)
    }
}

/// kubectl from PATH (or `IDP_KUBECTL`); `.ci/run` installs it when the machine lacks it.
fn kubectl() -> PathBuf {
    if let Some(k) = std::env::var_os("IDP_KUBECTL") {
        return PathBuf::from(k);
    }
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join("kubectl"))
        .find(|p| p.is_file())
        .expect("kubectl is needed to build the overlays: install it (`.ci/run` does) or set IDP_KUBECTL")
}

/// `kubectl kustomize DIR`: the built objects as YAML text (a failure fails the test).
pub fn kustomize(dir: &Path) -> String {
    let built = Command::new(kubectl())
        .arg("kustomize")
        .arg(dir)
        .output()
        .expect("kubectl runs");
    assert!(
        built.status.success(),
        "kubectl kustomize {} failed:\n{}",
        dir.display(),
        String::from_utf8_lossy(&built.stderr)
    );
    String::from_utf8_lossy(&built.stdout).into_owned()
}

/// `kubectl kustomize DIR`, parsed: one value per object.
pub fn kustomize_dir(dir: &Path) -> Vec<Value> {
    idp::yaml::parse_all(&kustomize(dir))
        .expect("kustomize output is YAML")
        .into_iter()
        .map(|d| d.value)
        .collect()
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            if !SKIP_DIRS.contains(&name.as_str()) {
                yaml_files(&p, out);
            }
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(p);
        }
    }
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

fn is_kustomization(p: &Path) -> bool {
    matches!(
        p.file_name().and_then(|n| n.to_str()),
        Some("kustomization.yaml" | "kustomization.yml")
    )
}

/// Paths a kustomization names: `(built into it, used by it but not objects of their own)`.
fn kustomization_refs(dir: &Path, k: &Value) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().or_else(|| x["path"].as_str()))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let local = |s: &str| !s.contains("://") && !s.starts_with("github.com/");
    let mut built = Vec::new();
    for key in ["resources", "components", "bases", "crds"] {
        built.extend(
            strings(&k[key])
                .iter()
                .filter(|s| local(s))
                .map(|s| dir.join(s)),
        );
    }
    let mut used = Vec::new();
    for key in ["patches", "patchesStrategicMerge", "patchesJson6902"] {
        used.extend(strings(&k[key]).iter().map(|s| dir.join(s)));
    }
    for generator in ["configMapGenerator", "secretGenerator"] {
        for g in k[generator].as_array().into_iter().flatten() {
            for f in strings(&g["files"]).into_iter().chain(strings(&g["envs"])) {
                let f = f
                    .rsplit_once('=')
                    .map_or(f.as_str(), |(_, p)| p)
                    .to_string();
                used.push(dir.join(f));
            }
        }
    }
    let canon = |v: Vec<PathBuf>| {
        v.into_iter()
            .map(|p| p.canonicalize().unwrap_or(p))
            .collect()
    };
    (canon(built), canon(used))
}

/// Every Kubernetes object in the repo at `root`: the overlays built with `kubectl kustomize`,
/// every other YAML document with `apiVersion` and `kind` as it is.
pub fn manifests(root: &Path) -> Vec<Manifest> {
    let root = root.canonicalize().expect("repo path");
    let mut files = Vec::new();
    yaml_files(&root, &mut files);
    let parse = |p: &Path| -> Vec<idp::yaml::Document> {
        let text =
            std::fs::read_to_string(p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
        idp::yaml::parse_all(&text)
            .unwrap_or_else(|e| panic!("{}:{}: not YAML: {e}", rel(&root, p), e.line))
    };

    // Kustomizations: what they build or use is not validated on its own; a kustomization
    // directory that none of them references is an overlay, built.
    let mut covered: BTreeSet<PathBuf> = BTreeSet::new();
    let mut kustomizations: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for k in files.iter().filter(|p| is_kustomization(p)) {
        let dir = k.parent().unwrap().to_path_buf();
        let value = parse(k).pop().map(|d| d.value).unwrap_or(Value::Null);
        let (built, used) = kustomization_refs(&dir, &value);
        covered.extend(built.iter().cloned());
        covered.extend(used);
        kustomizations.insert(dir, built);
    }
    // The files an overlay's objects come from (through its bases), to name them in problems.
    fn origin_files(
        dir: &Path,
        kustomizations: &BTreeMap<PathBuf, Vec<PathBuf>>,
        out: &mut Vec<PathBuf>,
    ) {
        for p in kustomizations.get(dir).into_iter().flatten() {
            if p.is_dir() {
                origin_files(p, kustomizations, out);
            } else {
                out.push(p.clone());
            }
        }
    }
    let kind_name = |v: &Value| {
        (
            v["kind"].as_str().unwrap_or_default().to_string(),
            v["metadata"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        )
    };
    let mut out = Vec::new();
    for dir in kustomizations.keys() {
        if covered.contains(dir) {
            continue;
        }
        let mut origins = Vec::new();
        origin_files(dir, &kustomizations, &mut origins);
        let origins: Vec<((String, String), String)> = origins
            .iter()
            .filter(|f| f.is_file())
            .flat_map(|f| {
                parse(f)
                    .into_iter()
                    .map(|d| (kind_name(&d.value), rel(&root, f)))
            })
            .collect();
        let text = kustomize(dir);
        for (n, doc) in idp::yaml::parse_all(&text)
            .expect("kustomize output is YAML")
            .into_iter()
            .enumerate()
        {
            let from = origins
                .iter()
                .find(|(kn, _)| *kn == kind_name(&doc.value))
                .map(|(_, f)| format!(" from {f}"))
                .unwrap_or_default();
            out.push(Manifest {
                source: format!(
                    "{} (kubectl kustomize, object {}{from})",
                    rel(&root, dir),
                    n + 1
                ),
                doc: None,
                object: doc.value,
            });
        }
    }
    for f in &files {
        if is_kustomization(f) || covered.contains(f) {
            continue;
        }
        for doc in parse(f) {
            let v = &doc.value;
            if v["apiVersion"].is_string() && v["kind"].is_string() {
                out.push(Manifest {
                    source: rel(&root, f),
                    object: doc.value.clone(),
                    doc: Some(doc),
                });
            }
        }
    }
    out
}

fn support() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/manifests")
}

/// The Python with kubernetes-validate and cloudcoil-models-kyverno: `IDP_PYTHON`, or
/// `.ci/run`'s venv.
fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("IDP_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/.venv/bin/python");
    assert!(
        venv.is_file(),
        "{} is missing: `.ci/run` installs kubernetes-validate and cloudcoil-models-kyverno \
         there (or set IDP_PYTHON)",
        venv.display()
    );
    venv
}

fn start(program: &Path, script: &str, batch: &Path) -> std::process::Child {
    Command::new(program)
        .arg(support().join(script))
        .arg(batch)
        .current_dir(support())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} {script}: {e}", program.display()))
}

fn finish(child: std::process::Child, what: &str) -> BTreeMap<String, Vec<Value>> {
    let out = child.wait_with_output().expect("validator runs");
    assert!(
        out.status.success(),
        "{what} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{what} printed no JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// What validation found.
#[derive(Debug, Default)]
pub struct Report {
    /// One line per problem: `file[:line]: apiVersion kind/name: field: message`.
    pub problems: Vec<String>,
    /// The `(apiVersion, kind)` of `allow` entries that excused at least one object.
    pub allowed: BTreeSet<(String, String)>,
    /// How many objects each validator checked.
    pub checked: BTreeMap<String, usize>,
}

impl Report {
    /// The entries of `allow` that excused nothing: fixed, to be removed.
    pub fn stale<'a>(
        &self,
        allow: &'a [(&'a str, &'a str, &'a str)],
    ) -> Vec<&'a (&'a str, &'a str, &'a str)> {
        allow
            .iter()
            .filter(|(v, k, _)| !self.allowed.contains(&(v.to_string(), k.to_string())))
            .collect()
    }
}

/// Validate `manifests` strictly, in one run of each validator (batch files under `work`);
/// an unserved API version listed in `allow` (like [`KNOWN_UNSERVED`]) is excused.
pub fn validate(manifests: &[Manifest], work: &Path, allow: &[(&str, &str, &str)]) -> Report {
    let mut report = Report::default();
    let mut py = Vec::new();
    let mut node = Vec::new();
    let problem = |m: &Manifest, path: &str, message: &str| {
        let at = match m.line_of(path) {
            Some(line) => format!("{}:{line}", m.source),
            None => m.source.clone(),
        };
        format!("{at}: {}: {path}: {message}", m.what())
    };
    for (n, m) in manifests.iter().enumerate() {
        let api_version = m.object["apiVersion"].as_str().unwrap_or_default();
        let kind = m.object["kind"].as_str().unwrap_or_default();
        let id = n.to_string();
        if let Some((_, why)) = UNSERVED.iter().find(|(v, _)| *v == api_version) {
            if allow
                .iter()
                .any(|(v, k, _)| *v == api_version && *k == kind)
            {
                report
                    .allowed
                    .insert((api_version.to_string(), kind.to_string()));
            } else {
                report.problems.push(problem(
                    m,
                    "apiVersion",
                    &format!("{api_version} is not served: {why}"),
                ));
            }
        }
        let check = match check_for(api_version, kind) {
            Ok(c) => c,
            Err(e) => {
                report.problems.push(problem(m, "apiVersion", &e));
                continue;
            }
        };
        let name = match &check {
            Check::Kubernetes => {
                py.push(json!({"id": id, "validator": "kubernetes", "object": m.object}));
                "kubernetes-validate"
            }
            Check::Kyverno => {
                py.push(json!({"id": id, "validator": "kyverno", "object": m.object}));
                "cloudcoil-models-kyverno"
            }
            Check::Crd(file) => {
                py.push(json!({"id": id, "validator": format!("crd:{file}"), "object": m.object}));
                "vendored CRD"
            }
            Check::Model(module) => {
                node.push(json!({"id": id, "module": module, "object": m.object}));
                "@kubernetes-models"
            }
            Check::NotKubernetes(_) => continue,
        };
        *report.checked.entry(name.to_string()).or_default() += 1;
    }
    std::fs::create_dir_all(work).unwrap();
    let py_batch = work.join("manifests-py.json");
    let node_batch = work.join("manifests-node.json");
    std::fs::write(
        &py_batch,
        json!({"kubernetes_version": KUBERNETES_VERSION, "objects": py}).to_string(),
    )
    .unwrap();
    std::fs::write(&node_batch, json!({"objects": node}).to_string()).unwrap();
    assert!(
        support().join("node_modules/typescript").is_dir(),
        "run `npm ci` in tests/support/manifests (`.ci/run` does)"
    );
    let py_child = start(&python(), "validate.py", &py_batch);
    let node_child = start(Path::new("node"), "validate.mjs", &node_batch);
    let mut results = finish(py_child, "validate.py");
    results.extend(finish(node_child, "validate.mjs"));
    // Every object sent has an answer: none passes by being left out.
    let sent: BTreeSet<&str> = py
        .iter()
        .chain(&node)
        .filter_map(|o| o["id"].as_str())
        .collect();
    let answered: BTreeSet<&str> = results.keys().map(String::as_str).collect();
    assert_eq!(
        sent, answered,
        "the validators answered for other objects than were sent"
    );
    for (id, errors) in results {
        let m = &manifests[id.parse::<usize>().expect("ids are indexes")];
        for e in errors {
            let p = problem(
                m,
                e["path"].as_str().unwrap_or_default(),
                e["message"].as_str().unwrap_or_default(),
            );
            report.problems.push(p);
        }
    }
    report.problems.sort();
    report
}

/// Every Argo CD Application (and ApplicationSet) under `argocd/<env>/` of the repo, by
/// environment: `(file, object)`. For graph tests (every Application reachable from its
/// environment's root app).
pub fn applications(root: &Path) -> BTreeMap<String, Vec<(String, Value)>> {
    argocd_objects(root, &["Application", "ApplicationSet"])
}

/// Every `argoproj.io` object of one of `kinds` under `argocd/` (at any depth), by the
/// directory right under `argocd/` (the environment; `""` for files directly in `argocd/`):
/// `(file, object)`, sorted by file. E.g. `&["AppProject"]` for the projects.
pub fn argocd_objects(root: &Path, kinds: &[&str]) -> BTreeMap<String, Vec<(String, Value)>> {
    let argocd = root.join("argocd");
    let mut files = Vec::new();
    if argocd.is_dir() {
        yaml_files(&argocd, &mut files);
    }
    let mut out: BTreeMap<String, Vec<(String, Value)>> = BTreeMap::new();
    for f in files {
        let under = f.strip_prefix(&argocd).unwrap();
        let env = match under.components().count() {
            1 => String::new(),
            _ => under
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .into_owned(),
        };
        let text = std::fs::read_to_string(&f).unwrap();
        let docs = idp::yaml::parse_all(&text)
            .unwrap_or_else(|e| panic!("{}:{}: not YAML: {e}", rel(root, &f), e.line));
        for doc in docs {
            let v = doc.value;
            if v["apiVersion"]
                .as_str()
                .is_some_and(|a| a.starts_with("argoproj.io/"))
                && v["kind"].as_str().is_some_and(|k| kinds.contains(&k))
            {
                out.entry(env.clone()).or_default().push((rel(root, &f), v));
            }
        }
    }
    out
}

fn fixture(kind: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requests")
        .join(kind)
        .join("valid.yaml")
        .to_string_lossy()
        .into_owned()
}

/// A platform repo with everything idp can write today: every golden path, an added
/// environment, and one request of each kind that writes files.
fn everything() -> Test {
    let t = Test::platform();
    // Backstage in dev and prod (ADR-0040), through the github forge's discovery in neither:
    // the local forge's catalog is the platform repo's.
    let config = t.read("idp.yaml");
    t.commit_file(
        "idp.yaml",
        &format!("{config}backstage:\n  environments: [dev, prod]\n  image: {{tag: '1.0.0'}}\n"),
        "Backstage in dev and prod",
    );
    t.idp(["env", "add", "qa", "--after", "test", "--direct"])
        .run()
        .success();
    for (app, path, owner) in [
        ("web", "stateless-app", "platform"),
        ("ledger", "stateful-app", "platform"),
        ("payments", "backend-app-rds", "team-payments"),
    ] {
        let mut args = vec![
            "new-app",
            app,
            "--template",
            path,
            "--owner",
            owner,
            "--direct",
        ];
        // An internal app: its host joins the realm's `kong` client (ADR-0033).
        if path == "stateless-app" {
            args.extend(["--set", "internal=true"]);
        }
        t.idp(args).run().success();
    }
    for kind in ["s3", "ebs", "ec2", "ecr", "eks", "secrets"] {
        t.idp([
            "provision",
            kind,
            "--env",
            "dev",
            "-f",
            &fixture(kind),
            "--direct",
        ])
        .run()
        .success();
    }
    t
}

#[test]
fn every_manifest_idp_writes_validates_strictly_against_upstream_schemas() {
    let t = everything();
    let found = manifests(&t.platform);
    let sources: BTreeSet<&str> = found.iter().map(|m| m.source.as_str()).collect();
    // The realm validated below redirects Kong's sign-in to the internal app's host.
    let realm = t.read("addons/keycloak/config/prod/configmap-keycloak-realm.yaml");
    assert!(realm.contains("- https://web."), "{realm}");
    // Discovery found what the commands wrote: every overlay built, every Application.
    for app in ["web", "ledger", "payments"] {
        for env in ["dev", "test", "qa", "staging", "prod"] {
            let overlay = format!("apps/{app}/{env} (kubectl kustomize, object ");
            let base = format!(" from apps/{app}/base/");
            assert!(
                sources
                    .iter()
                    .any(|s| s.starts_with(&overlay) && s.contains(&base)),
                "{overlay} not built: {sources:#?}"
            );
            let argo = format!("argocd/{env}/{app}.yaml");
            assert!(
                sources.contains(argo.as_str()),
                "{argo} not found: {sources:#?}"
            );
        }
    }
    for f in [
        "observability/idp-pipeline-rules.yaml",
        "envs/dev/secrets/generated/SEC-0001.externalsecret.yaml",
        "envs/prod/rds/generated/RDS-0005.externalsecret.yaml",
        "addons/kube-prometheus-stack/config/qa/dashboard-health.yaml",
        "addons/kube-prometheus-stack/config/prod/dashboard-performance.yaml",
        "addons/kube-prometheus-stack/config/dev/dashboard-control.yaml",
        // The add-ons' objects (ADR-0025, ADR-0033), the realm's ConfigMap and Job included.
        "addons/kong/config/dev/kongclusterplugin-keycloak-oidc.yaml",
        "addons/kong/config/prod/kongclusterplugin-correlation-id.yaml",
        "addons/kong/config/prod/externalsecret-kong-oidc.yaml",
        "addons/keycloak/config/prod/configmap-keycloak-realm.yaml",
        "addons/keycloak/config/prod/job-keycloak-config-cli.yaml",
        "addons/keycloak/config/prod/externalsecret-keycloak-clients.yaml",
        "addons/argo-cd/config/prod/externalsecret-argocd-oidc.yaml",
        "addons/kube-prometheus-stack/config/prod/externalsecret-grafana-oidc.yaml",
        // Backstage where idp.yaml places it (ADR-0040).
        "argocd/prod/addons/backstage.yaml",
        "addons/backstage/config/prod/externalsecret-backstage-db.yaml",
        "addons/backstage/config/prod/externalsecret-backstage-secrets.yaml",
        "addons/backstage/config/dev/configmap-backstage-rbac-policy.yaml",
        "addons/backstage/config/dev/clusterrole-backstage-kubernetes-reader.yaml",
        "addons/backstage/config/dev/clusterrolebinding-backstage-kubernetes-reader.yaml",
    ] {
        assert!(sources.contains(f), "{f} not found: {sources:#?}");
    }
    for env in ["test", "qa", "staging"] {
        let f = format!("argocd/{env}/addons/backstage.yaml");
        assert!(
            !sources.contains(f.as_str()),
            "{f}: idp.yaml does not place Backstage in {env}"
        );
    }
    let (problems, checked) = validate_chart_values(&t.platform, &t.root.join("work"));
    assert_eq!(checked, 2, "the Backstage values of dev and prod");
    assert!(
        problems.is_empty(),
        "the generated chart values break the chart's schema:\n{}",
        problems.join("\n")
    );

    let report = validate(&found, &t.root.join("work"), KNOWN_UNSERVED);
    eprintln!(
        "{} objects; checked by: {:?}; allowlisted: {:?}",
        found.len(),
        report.checked,
        report.allowed
    );
    assert!(
        report.problems.is_empty(),
        "{} problem(s) in the manifests idp writes:\n{}",
        report.problems.len(),
        report.problems.join("\n")
    );
    let stale = report.stale(KNOWN_UNSERVED);
    assert!(
        stale.is_empty(),
        "KNOWN_UNSERVED lists what no manifest uses any more: remove the entries {stale:#?}"
    );
    for validator in ["kubernetes-validate", "@kubernetes-models", "vendored CRD"] {
        assert!(
            report.checked.get(validator).copied().unwrap_or(0) > 0,
            "{validator} checked nothing: {:?}",
            report.checked
        );
    }

    // Every environment has an Application per app, each pointing at its overlay.
    let apps = applications(&t.platform);
    for env in ["dev", "test", "qa", "staging", "prod"] {
        let paths: BTreeSet<&str> = apps[env]
            .iter()
            .map(|(_, a)| a["spec"]["source"]["path"].as_str().unwrap_or_default())
            .collect();
        for app in ["web", "ledger", "payments"] {
            assert!(
                paths.contains(format!("apps/{app}/{env}").as_str()),
                "{env}: no Application of {app}: {paths:?}"
            );
        }
    }
}

/// One object per case: `(file, YAML, what the problems must name; empty when valid)`. Each
/// validator gets a valid object (no false positives) and the kinds of error it must catch.
const CASES: &[(&str, &str, &[&str])] = &[
    // Core kinds: kubernetes-validate --strict.
    (
        "core/deployment-ok.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ok}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: i}]\n",
        &[],
    ),
    (
        "core/deployment-unknown.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: unknown}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n        - name: c\n          image: i\n          imagePullPolicyy: Always\n",
        &[
            "core/deployment-unknown.yaml:10: apps/v1 Deployment/unknown: spec.template.spec.containers[0]:",
            "'imagePullPolicyy' was unexpected",
        ],
    ),
    (
        "core/deployment-type.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: type}\nspec:\n  replicas: two\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{image: i}]\n",
        // Every error of the object, not only the first.
        &[
            "Deployment/type: spec.replicas: 'two' is not of type 'integer'",
            "Deployment/type: spec.template.spec.containers[0]: 'name' is a required property",
        ],
    ),
    (
        "core/service-missing.yaml",
        "apiVersion: v1\nkind: Service\nmetadata: {name: missing}\nspec:\n  ports: [{name: http}]\n",
        &["v1 Service/missing: spec.ports[0]: 'port' is a required property"],
    ),
    (
        "core/ingress-unserved.yaml",
        "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: old}\nspec: {}\n",
        &[
            "extensions/v1beta1 Ingress/old: apiVersion: extensions/v1beta1 Ingress is not served by Kubernetes 1.34",
        ],
    ),
    (
        "core/pdb-unserved.yaml",
        "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: old}\nspec: {minAvailable: 1}\n",
        &["PodDisruptionBudget is not served by Kubernetes 1.34"],
    ),
    // Argo CD: tsc --strict on @kubernetes-models/argo-cd types, and validate().
    (
        "argocd/app-ok.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: ok, namespace: argocd}\nspec:\n  project: default\n  source: {repoURL: 'https://example.com/p.git', path: apps/x/dev, targetRevision: main}\n  destination: {name: c, namespace: x-dev}\n  syncPolicy:\n    automated: {prune: true, selfHeal: true}\n    syncOptions: [CreateNamespace=true]\n",
        &[],
    ),
    (
        "argocd/app-unknown.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: unknown}\nspec:\n  project: default\n  source:\n    repoURL: 'https://example.com/p.git'\n    path: apps/x/dev\n    branch: main\n  destination: {name: c, namespace: x-dev}\n",
        &[
            "argocd/app-unknown.yaml:9: argoproj.io/v1alpha1 Application/unknown: spec.source.branch: Object literal may only specify known properties, and 'branch' does not exist",
        ],
    ),
    (
        "argocd/app-type.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: type}\nspec:\n  project: default\n  source: {repoURL: 'https://example.com/p.git', path: apps/x/dev}\n  destination: {name: c, namespace: x-dev}\n  syncPolicy: {automated: {prune: 'yes'}}\n",
        &[
            "Application/type: spec.syncPolicy.automated.prune: Type 'string' is not assignable to type 'boolean",
        ],
    ),
    (
        "argocd/app-missing.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: missing}\nspec:\n  project: default\n  source: {repoURL: 'https://example.com/p.git', path: apps/x/dev}\n",
        &["Application/missing: spec: Property '\"destination\"' is missing"],
    ),
    (
        "argocd/project-ok.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: team-a, namespace: argocd}\nspec:\n  sourceRepos: ['https://example.com/p.git']\n  destinations: [{name: c, namespace: 'a-*'}]\n  clusterResourceWhitelist: [{group: '', kind: Namespace}]\n",
        &[],
    ),
    (
        "argocd/project-unknown.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: team-b}\nspec:\n  sourceRepos: ['https://example.com/p.git']\n  destinations: [{name: c, namespaces: ['b-*']}]\n",
        &[
            "AppProject/team-b: spec.destinations[0].namespaces: Object literal may only specify known properties",
        ],
    ),
    (
        "argocd/appset-ok.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: dev, namespace: argocd}\nspec:\n  generators:\n    - git: {repoURL: 'https://example.com/p.git', revision: main, files: [{path: 'argocd/dev/*.yaml'}]}\n  template:\n    metadata: {name: '{{name}}'}\n    spec:\n      project: default\n      source: {repoURL: 'https://example.com/p.git', path: '{{path}}'}\n      destination: {name: c, namespace: '{{namespace}}'}\n",
        &[],
    ),
    // External Secrets: v1 models; v1beta1 is not served.
    (
        "eso/externalsecret-ok.yaml",
        "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: ok}\nspec:\n  refreshInterval: 1h\n  secretStoreRef: {kind: ClusterSecretStore, name: aws-secrets-manager}\n  target: {name: ok, creationPolicy: Owner}\n  data: [{secretKey: A, remoteRef: {key: a/b, property: p}}]\n",
        &[],
    ),
    (
        "eso/externalsecret-enum.yaml",
        "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: enum}\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: aws-secrets-manager}\n  target: {name: enum, creationPolicy: Sometimes}\n  data: [{secretKey: A, remoteRef: {property: p}}]\n",
        &[
            "ExternalSecret/enum: spec.target.creationPolicy: Type '\"Sometimes\"' is not assignable",
            "ExternalSecret/enum: spec.data[0].remoteRef: Property '\"key\"' is missing",
        ],
    ),
    (
        "eso/externalsecret-v1beta1.yaml",
        "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: old}\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: aws-secrets-manager}\n  target: {name: old}\n  dataFrom: [{extract: {key: a/b}}]\n",
        &[
            "external-secrets.io/v1beta1 ExternalSecret/old: apiVersion: external-secrets.io/v1beta1 is not served",
        ],
    ),
    (
        "eso/clustersecretstore-ok.yaml",
        "apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata: {name: aws-secrets-manager}\nspec:\n  provider:\n    aws:\n      service: SecretsManager\n      region: eu-west-1\n      auth: {jwt: {serviceAccountRef: {name: external-secrets, namespace: external-secrets}}}\n",
        &[],
    ),
    (
        "eso/clustersecretstore-unknown.yaml",
        "apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata: {name: bad}\nspec:\n  provider:\n    aws: {service: SecretsManager, region: eu-west-1, roleArn: arn}\n",
        &[
            "ClusterSecretStore/bad: spec.provider.aws.roleArn: Object literal may only specify known properties",
        ],
    ),
    // cert-manager.
    (
        "cert-manager/issuer-ok.yaml",
        "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: letsencrypt}\nspec:\n  acme:\n    server: 'https://acme-v02.api.letsencrypt.org/directory'\n    email: ops@example.com\n    privateKeySecretRef: {name: letsencrypt}\n    solvers: [{http01: {ingress: {ingressClassName: kong}}}]\n",
        &[],
    ),
    (
        "cert-manager/certificate-bad.yaml",
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: bad}\nspec:\n  secretName: tls\n  dnsNames: [a.example.com]\n  issuerRef: {name: letsencrypt, kind: ClusterIssuer}\n  duration: 90 days\n  commonNames: [a]\n",
        &["Certificate/bad: spec.commonNames: Object literal may only specify known properties"],
    ),
    (
        "cert-manager/certificate-v1alpha2.yaml",
        "apiVersion: cert-manager.io/v1alpha2\nkind: Certificate\nmetadata: {name: old}\nspec: {secretName: tls, issuerRef: {name: letsencrypt}}\n",
        &["cert-manager.io/v1alpha2 Certificate/old: (model import): Cannot find module"],
    ),
    // prometheus-operator: types and, through validate(), patterns.
    (
        "monitoring/rule-ok.yaml",
        "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: ok}\nspec:\n  groups: [{name: g, rules: [{alert: Down, expr: up == 0, for: 5m, labels: {severity: page}, annotations: {runbook_url: 'https://example.com/rb'}}]}]\n",
        &[],
    ),
    (
        "monitoring/rule-pattern.yaml",
        "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: pattern}\nspec:\n  groups: [{name: g, rules: [{alert: Down, expr: up == 0, for: 5 minutes}]}]\n",
        &["PrometheusRule/pattern: spec.groups[0].rules[0].for: must match pattern"],
    ),
    (
        "monitoring/servicemonitor.yaml",
        "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: sm}\nspec:\n  selector: {matchLabels: {app: x}}\n  endpoints: [{port: http, path: /metrics, scrapeInterval: 30s}]\n",
        &[
            "ServiceMonitor/sm: spec.endpoints[0].scrapeInterval: Object literal may only specify known properties",
        ],
    ),
    // Kyverno: cloudcoil-models-kyverno.
    (
        "kyverno/policy-ok.yaml",
        "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: require-labels}\nspec:\n  validationFailureAction: Audit\n  background: true\n  rules:\n    - name: labels\n      match: {any: [{resources: {kinds: [Pod]}}]}\n      validate: {message: labels, pattern: {metadata: {labels: {team: '?*'}}}}\n",
        &[],
    ),
    (
        "kyverno/policy-unknown.yaml",
        "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: unknown}\nspec:\n  rules:\n    - name: labels\n      match: {any: [{resources: {kinds: [Pod]}}]}\n      validate: {messages: labels, pattern: {metadata: {labels: {team: '?*'}}}}\n",
        &[
            "kyverno/policy-unknown.yaml:8: kyverno.io/v1 ClusterPolicy/unknown: spec.rules[0].validate.messages: unknown field",
        ],
    ),
    (
        "kyverno/policy-type.yaml",
        "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: type}\nspec:\n  background: 'yes'\n  rules: [{name: r, match: {any: [{resources: {kinds: [Pod]}}]}}]\n",
        &["ClusterPolicy/type: spec.background: Input should be a valid boolean"],
    ),
    // Kong: the vendored upstream CRDs.
    (
        "kong/plugin-ok.yaml",
        "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: ok}\nplugin: rate-limiting\nconfig: {minute: 600, policy: local}\n",
        &[],
    ),
    (
        "kong/plugin-unknown.yaml",
        "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: unknown}\nplugin: rate-limiting\nspec: {config: {minute: 600}}\n",
        &[
            "KongPlugin/unknown: (top level): Additional properties are not allowed ('spec' was unexpected)",
        ],
    ),
    (
        "kong/plugin-metadata.yaml",
        "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: meta\n  label: {a: b}\nplugin: cors\n",
        &[
            "kong/plugin-metadata.yaml:3: configuration.konghq.com/v1 KongPlugin/meta: metadata: Additional properties are not allowed ('label' was unexpected)",
        ],
    ),
    (
        "kong/plugin-missing.yaml",
        "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: missing}\nconfig: {minute: 600}\n",
        &["KongPlugin/missing: (top level): 'plugin' is a required property"],
    ),
    (
        "kong/clusterplugin-type.yaml",
        "apiVersion: configuration.konghq.com/v1\nkind: KongClusterPlugin\nmetadata: {name: type}\nplugin: openid-connect\ndisabled: 'no'\nconfigFrom: {secretKeyRef: {name: oidc, key: config, namespace: kong}}\n",
        &["KongClusterPlugin/type: disabled: 'no' is not of type 'boolean'"],
    ),
    // No validator at all: a kind this test does not know fails rather than passing unchecked.
    (
        "unknown/widget.yaml",
        "apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata: {name: w}\n",
        &[
            "widgets.example.com/v1 Widget/w: apiVersion: no validator for widgets.example.com/v1 Widget",
        ],
    ),
    // Not Kubernetes objects: skipped.
    (
        "catalog/component.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: c}\nspec: {whatever: 1}\n",
        &[],
    ),
];

#[test]
fn each_validator_rejects_unknown_fields_wrong_types_missing_fields_and_unserved_apis() {
    let t = Test::new();
    let repo = t.root.join("repo");
    for (file, text, _) in CASES {
        let p = repo.join(file);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    // An overlay: its built output is validated (the unknown field is in the base), and the
    // base's files are not validated on their own.
    std::fs::create_dir_all(repo.join("apps/x/base")).unwrap();
    std::fs::create_dir_all(repo.join("apps/x/dev")).unwrap();
    std::fs::write(
        repo.join("apps/x/base/kustomization.yaml"),
        "resources: [service.yaml]\n",
    )
    .unwrap();
    std::fs::write(
        repo.join("apps/x/base/service.yaml"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  ports: [{port: 80, targetPorts: 8080}]\n",
    )
    .unwrap();
    std::fs::write(
        repo.join("apps/x/dev/kustomization.yaml"),
        "namespace: x-dev\nresources: [../base]\n",
    )
    .unwrap();

    let found = manifests(&repo);
    let sources: Vec<&str> = found.iter().map(|m| m.source.as_str()).collect();
    assert!(
        sources.contains(&"apps/x/dev (kubectl kustomize, object 1 from apps/x/base/service.yaml)")
            && !sources.iter().any(|s| s.starts_with("apps/x/base")),
        "{sources:#?}"
    );

    // No allowlist: every error counts.
    let report = validate(&found, &t.root.join("work"), &[]);
    let all = report.problems.join("\n");
    let mut misses = Vec::new();
    for (file, _, expected) in CASES {
        let mine: Vec<&String> = report
            .problems
            .iter()
            .filter(|p| p.starts_with(&format!("{file}:")))
            .collect();
        if expected.is_empty() && !mine.is_empty() {
            misses.push(format!("{file} is valid, yet:\n{mine:#?}"));
        }
        for e in *expected {
            if !mine.iter().any(|p| p.contains(e)) {
                misses.push(format!(
                    "{file}: no problem containing {e:?}; its problems:\n{mine:#?}"
                ));
            }
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    assert!(
        all.contains(
            "apps/x/dev (kubectl kustomize, object 1 from apps/x/base/service.yaml): v1 Service/x: \
             spec.ports[0]: \
             Additional properties are not allowed ('targetPorts' was unexpected)"
        ),
        "{all}"
    );

    // KNOWN_UNSERVED excuses "not served", and nothing else: the same object's fields are
    // still checked against that version's schema.
    let old = [
        Manifest {
            source: "old-ok.yaml".into(),
            doc: None,
            object: json!({"apiVersion": "external-secrets.io/v1beta1", "kind": "ExternalSecret",
                "metadata": {"name": "ok"}, "spec": {"secretStoreRef": {"kind": "ClusterSecretStore",
                "name": "s"}, "target": {"name": "t"}, "dataFrom": [{"extract": {"key": "k"}}]}}),
        },
        Manifest {
            source: "old-bad.yaml".into(),
            doc: None,
            object: json!({"apiVersion": "external-secrets.io/v1beta1", "kind": "ExternalSecret",
                "metadata": {"name": "bad"}, "spec": {"secretStoreRef": {"name": "s"},
                "target": {"name": "t", "owner": "me"}}}),
        },
    ];
    let report = validate(&old, &t.root.join("work-old"), LEGACY_UNSERVED);
    assert_eq!(
        report.allowed,
        BTreeSet::from([(
            "external-secrets.io/v1beta1".to_string(),
            "ExternalSecret".to_string()
        )])
    );
    let fixed = (
        "cert-manager.io/v1alpha2",
        "Certificate",
        "migrated long ago",
    );
    let allow = [LEGACY_UNSERVED, &[fixed]].concat();
    assert_eq!(
        report.stale(&allow),
        vec![&fixed],
        "an entry that excused nothing is stale"
    );
    assert!(
        report.problems.len() == 1
            && report.problems[0].starts_with("old-bad.yaml: external-secrets.io/v1beta1 ExternalSecret/bad: spec.target.owner: Object literal may only specify known properties"),
        "{:#?}",
        report.problems
    );
}

/// The chart-values check can fail: an unknown value and a wrong type in Backstage's generated
/// values are errors that name the file and the path (ADR-0040).
#[test]
fn chart_values_outside_the_charts_schema_are_errors() {
    let t = Test::new();
    let repo = t.root.join("repo");
    let dir = repo.join("addons/backstage/generated");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("dev.yaml"),
        "backstage:\n  replicas: two\n  imag: {tag: '1'}\ningress: {enabled: true, host: b.example.com}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("prod.yaml"),
        "backstage: {replicas: 2}\ningress: {enabled: true, host: b.example.com}\n",
    )
    .unwrap();
    let (problems, checked) = validate_chart_values(&repo, &t.root.join("work"));
    assert_eq!(checked, 2);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("addons/backstage/generated/dev.yaml: backstage.replicas:")),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(
            |p| p.starts_with("addons/backstage/generated/dev.yaml: backstage:")
                && p.contains("imag")
        ),
        "{problems:#?}"
    );
}
