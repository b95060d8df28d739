/**
 * Running the idp binary for a scaffolder step: the argv (always `--output json`, `--dry-run`
 * on a dry run, the step's values as a `--values` file), the child process (execFile, no shell),
 * stderr streamed to the step's log with secrets redacted, and stdout's JSON mapped to step
 * outputs with camelCase keys. No Backstage types here, so it is tested with a fake idp alone.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** What a step asks for (the `idp:run` action's input). */
export interface IdpRunInput {
  /** idp's subcommand words: `["new-app", "payments"]`, or one string split on whitespace. */
  command: string | string[];
  /** Written to a JSON file passed as `--values FILE`. */
  values?: Record<string, unknown>;
  /** More arguments, after the command (and `--values`). */
  args?: string[];
  /** Where idp runs, relative to the step's workspace (default: the workspace). */
  workingDirectory?: string;
  /**
   * Flags by long name, without `--` (`{to: 'test', 'relates-to': ['ADR-0001']}`): a string or
   * number is one `--name=value` element, an array repeats the flag, `true` is a bare `--name`.
   * `false`, `null`, `undefined` and `''` (an optional form field left empty) are left out.
   */
  options?: Record<string, unknown>;
  /** Positional arguments, last and after `--`, so a value starting with `-` stays a value. */
  positionals?: unknown[];
}

/** Where and how idp runs (the module's configuration). */
export interface IdpRunSettings {
  /** The idp binary: `idp.binary` in app-config, else `IDP_BIN`, else `idp` on PATH. */
  binary: string;
  /** The platform repo, passed as `IDP_PLATFORM` (`idp.platform` in app-config). */
  platform?: string;
}

/** The parts of a scaffolder action context this needs. */
export interface RunContext {
  input: IdpRunInput;
  isDryRun?: boolean;
  workspacePath: string;
  logger: { info(message: string): void; warn(message: string): void };
  output(name: string, value: unknown): void;
  createTemporaryDirectory(): Promise<string>;
  signal?: AbortSignal;
}

/** idp's exit codes (README, "Exit codes"). */
const EXIT_MEANING: Record<number, string> = {
  1: 'unexpected error',
  2: 'usage or bad input',
  3: 'validation or policy failure',
  4: 'not authorised',
  5: 'changes pending',
  6: 'a run failed',
};

/** A non-zero exit of idp, with its code and (redacted) stderr. */
export class IdpRunError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    const meaning = exitCode !== null ? EXIT_MEANING[exitCode] : undefined;
    const last = stderr.trim().split('\n').slice(-20).join('\n');
    super(
      `idp exited with ${exitCode ?? 'a signal'}${meaning ? ` (${meaning})` : ''}${last ? `:\n${last}` : ''}`,
    );
    this.name = 'IdpRunError';
  }
}

/** `entity_ref` → `entityRef` */
export function camelCase(key: string): string {
  return key.replace(/[_-]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The command words of an input. */
export function commandWords(command: string | string[]): string[] {
  const words = typeof command === 'string' ? command.split(/\s+/) : command;
  const out = words.map(w => String(w)).filter(w => w.length > 0);
  if (out.length === 0) {
    throw new Error('idp:run: `command` is empty');
  }
  if (out[0] === 'idp') {
    throw new Error('idp:run: `command` holds idp\'s subcommand words, without `idp` itself');
  }
  return out;
}

/**
 * Values of secret-looking environment variables (tokens, passwords, keys), to blank out of
 * anything logged or raised.
 */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([k, v]) => /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|_KEY$/i.test(k) && !!v && v.length >= 6)
    .map(([, v]) => v as string);
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) {
    out = out.split(s).join('***');
  }
  // Token shapes idp or git could echo (GitHub tokens, basic auth in URLs).
  return out
    .replace(/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '***')
    .replace(/(https?:\/\/)[^/@\s:]+:[^/@\s]+@/g, '$1***@');
}

/** A scalar option or positional value as one argv element. */
function scalar(what: string, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') {
    return String(value);
  }
  throw new Error(`idp:run: ${what} must be a string or a number, not ${JSON.stringify(value)}`);
}

/** `options` as flags: `--name=value` (one element each), repeated for arrays, bare for `true`. */
export function optionArgs(options: Record<string, unknown> = {}): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(options)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) {
      throw new Error(`idp:run: option \`${name}\` is not a long flag name (a-z, 0-9, -)`);
    }
    if (value === undefined || value === null || value === false || value === '') {
      continue;
    }
    if (value === true) {
      out.push(`--${name}`);
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      out.push(`--${name}=${scalar(`option \`${name}\``, v)}`);
    }
  }
  return out;
}

/**
 * The argv idp gets: the command, `--values`, the options, the extra args, `--output json`,
 * `--dry-run`, then `--` and the positionals.
 */
export function buildArgv(
  words: string[],
  valuesFile: string | undefined,
  args: string[],
  dryRun: boolean,
  options: Record<string, unknown> = {},
  positionals: unknown[] = [],
): string[] {
  const argv = [...words];
  if (valuesFile) {
    argv.push('--values', valuesFile);
  }
  argv.push(...optionArgs(options), ...args, '--output', 'json');
  if (dryRun) {
    argv.push('--dry-run');
  }
  if (positionals.length > 0) {
    argv.push('--', ...positionals.map((p, i) => scalar(`positional ${i + 1}`, p)));
  }
  return argv;
}

/** Run idp for one step and map its JSON result to the step's outputs. */
export async function runIdp(ctx: RunContext, settings: IdpRunSettings): Promise<Record<string, unknown>> {
  const words = commandWords(ctx.input.command);
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  if (settings.platform) {
    env.IDP_PLATFORM = settings.platform;
  }
  const secrets = secretValues(env);
  let valuesFile: string | undefined;
  if (ctx.input.values !== undefined) {
    const dir = await ctx.createTemporaryDirectory();
    valuesFile = path.join(dir, 'values.json');
    await fs.writeFile(valuesFile, JSON.stringify(ctx.input.values), { mode: 0o600 });
  }
  const argv = buildArgv(
    words,
    valuesFile,
    ctx.input.args ?? [],
    ctx.isDryRun === true,
    ctx.input.options,
    ctx.input.positionals,
  );
  const cwd = ctx.input.workingDirectory
    ? safeChild(ctx.workspacePath, ctx.input.workingDirectory)
    : ctx.workspacePath;
  ctx.logger.info(redact(`running ${settings.binary} ${argv.join(' ')}`, secrets));

  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      let errText = '';
      let partial = '';
      const child = execFile(
        settings.binary,
        argv,
        { cwd, env, maxBuffer: 64 * 1024 * 1024, signal: ctx.signal, encoding: 'utf8' },
        (error, out) => {
          if (partial.trim()) {
            ctx.logger.info(redact(partial, secrets));
          }
          if (error && typeof (error as NodeJS.ErrnoException).code === 'string') {
            // Not an exit status: the binary is missing, not executable, or the step was aborted.
            reject(new Error(`idp:run: cannot run \`${settings.binary}\`: ${redact(error.message, secrets)}`));
            return;
          }
          resolve({ code: child.exitCode ?? (error ? 1 : 0), stdout: out, stderr: errText });
        },
      );
      child.stderr?.on('data', (chunk: string | Buffer) => {
        const text = chunk.toString();
        errText += text;
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (line.trim()) {
            ctx.logger.info(redact(line, secrets));
          }
        }
      });
    },
  );
  if (code !== 0) {
    // With `--output json`, idp reports an error as JSON on stdout: its message and findings.
    throw new IdpRunError(code, redact([stderr.trim(), errorReport(stdout)].filter(Boolean).join('\n'), secrets));
  }
  const outputs = mapOutputs(stdout);
  for (const [k, v] of Object.entries(outputs)) {
    ctx.output(k, v);
  }
  return outputs;
}

/** idp's JSON error report (`{"error", "findings", "hint"}`) as lines of text, if stdout holds one. */
export function errorReport(stdout: string): string {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    return stdout.trim();
  }
  if (doc === null || typeof doc !== 'object') {
    return '';
  }
  const lines: string[] = [];
  if (typeof doc.error === 'string') lines.push(`error: ${doc.error}`);
  const findings = Array.isArray(doc.findings) ? doc.findings : [];
  for (const f of findings as Array<Record<string, unknown>>) {
    lines.push(`${f.file}:${f.line}:${f.column}: ${f.message}`);
  }
  if (typeof doc.hint === 'string') lines.push(`hint: ${doc.hint}`);
  return lines.join('\n');
}

/** idp's JSON result as step outputs: top-level keys in camelCase, plus `prUrl`/`prNumber`. */
export function mapOutputs(stdout: string): Record<string, unknown> {
  if (!stdout.trim()) {
    return {};
  }
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch (e) {
    throw new Error(`idp:run: idp's output is not JSON: ${(e as Error).message}`);
  }
  const out: Record<string, unknown> = {};
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    out.result = doc;
    return out;
  }
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    if (v !== null && v !== undefined) {
      out[camelCase(k)] = v;
    }
  }
  const pr = (doc as Record<string, unknown>).pr as Record<string, unknown> | null | undefined;
  if (pr && typeof pr === 'object') {
    if (pr.url !== undefined) out.prUrl = pr.url;
    if (pr.number !== undefined) out.prNumber = pr.number;
  }
  return out;
}

/** `child` under `base`, refusing `..` and absolute paths that leave it. */
export function safeChild(base: string, child: string): string {
  const resolved = path.resolve(base, child);
  const rel = path.relative(base, resolved);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new Error(`idp:run: workingDirectory \`${child}\` is outside the workspace`);
  }
  return resolved;
}
