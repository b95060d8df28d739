// Strict validation of a batch of custom resources against the upstream CRD schemas that the
// @kubernetes-models/* packages are generated from (tests/it/manifests.rs, README.md).
//
//   node validate.mjs BATCH.json
//
// BATCH.json is `{"objects": [{"id", "module", "object"}]}` where `module` is the model's path,
// e.g. `@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application`; stdout is one JSON
// object `{id: [{"path", "message"}]}` with an entry for every id (empty when valid).
//
// Two checks, both needed:
// - `tsc --strict` on one generated TypeScript file per object,
//   `export const m: IKind = {...object...};` (type-only import, never run): object-literal
//   excess-property checks make every unknown field an error at any depth, and required
//   fields, types and enums are checked. All files are one in-memory program: one tsc run.
// - the model's `validate()` at run time (ajv, compiled from the CRD's OpenAPI schema):
//   patterns, formats and numeric bounds, which types cannot express. It does not reject
//   unknown fields, hence the first check.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const batch = JSON.parse(readFileSync(process.argv[2], "utf8"));

// A TypeScript literal of `value`, and for each line of it the JSON path it starts (so a
// diagnostic's line names the field).
function literal(value) {
  const lines = [];
  const paths = [];
  const ident = (k) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k);
  const key = (k) => (ident(k) ? `.${k}` : `[${JSON.stringify(k)}]`);
  function emit(v, at, indent, prefix, suffix) {
    const pad = "  ".repeat(indent);
    if (Array.isArray(v) && v.length > 0) {
      lines.push(`${pad}${prefix}[`);
      paths.push(at);
      v.forEach((x, i) => emit(x, `${at}[${i}]`, indent + 1, "", ","));
      lines.push(`${pad}]${suffix}`);
      paths.push(at);
    } else if (v !== null && typeof v === "object" && Object.keys(v).length > 0) {
      lines.push(`${pad}${prefix}{`);
      paths.push(at);
      for (const [k, x] of Object.entries(v)) {
        emit(x, `${at}${key(k)}`, indent + 1, `${ident(k) ? k : JSON.stringify(k)}: `, ",");
      }
      lines.push(`${pad}}${suffix}`);
      paths.push(at);
    } else {
      lines.push(`${pad}${prefix}${JSON.stringify(v)}${suffix}`);
      paths.push(at);
    }
  }
  emit(value, "", 0, "", "");
  return { lines, paths: paths.map((p) => (p.startsWith(".") ? p.slice(1) : p) || "(top level)") };
}

const results = {};
const files = new Map(); // virtual file name -> { id, text, paths, headerLines }
batch.objects.forEach((item, n) => {
  results[item.id] = [];
  const kind = item.module.split("/").pop();
  const header = [`import type { I${kind} } from ${JSON.stringify(item.module)};`];
  const { lines, paths } = literal(item.object);
  lines[0] = `export const m: I${kind} = ${lines[0]}`;
  lines[lines.length - 1] += ";";
  // Virtual files beside node_modules, so module resolution finds the packages.
  const name = path.join(here, "__virtual__", `m${n}.ts`);
  files.set(name, { id: item.id, text: [...header, ...lines].join("\n") + "\n", paths, header: header.length });
});

const options = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
};
const host = ts.createCompilerHost(options);
const { getSourceFile, fileExists, readFile } = host;
host.getSourceFile = (name, lang, ...rest) =>
  files.has(name) ? ts.createSourceFile(name, files.get(name).text, lang) : getSourceFile.call(host, name, lang, ...rest);
host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
host.readFile = (name) => (files.has(name) ? files.get(name).text : readFile.call(host, name));
const program = ts.createProgram([...files.keys()], options, host);
for (const d of ts.getPreEmitDiagnostics(program)) {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const f = d.file && files.get(d.file.fileName);
  if (!f) {
    // An error outside the generated files (a package's types): fail every object, loudly.
    for (const id of Object.keys(results)) results[id].push({ path: "", message: `tsc: ${message}` });
    continue;
  }
  const line = d.file.getLineAndCharacterOfPosition(d.start).line - f.header;
  const at = line < 0 ? "(model import)" : f.paths[line];
  results[f.id].push({ path: at, message });
}

for (const item of batch.objects) {
  let Model;
  try {
    const mod = await import(item.module);
    Model = mod[item.module.split("/").pop()];
  } catch (e) {
    results[item.id].push({ path: "(model import)", message: String(e.message ?? e) });
    continue;
  }
  try {
    new Model(item.object).validate();
  } catch (e) {
    // An ajv ValidationError: `errors` has each failure's JSON pointer.
    const errors = e.errors ?? [];
    if (errors.length === 0) results[item.id].push({ path: "(top level)", message: String(e.message ?? e) });
    for (const d of errors) {
      const at = (d.instancePath ?? "").replace(/^\//, "").replace(/\/(\d+)(?=\/|$)/g, "[$1]").replaceAll("/", ".");
      results[item.id].push({ path: at || "(top level)", message: `${d.message} (validate())` });
    }
  }
}

process.stdout.write(JSON.stringify(results));
