/**
 * Unit tests of `idp:run` against a fake idp (test/fake-idp.js): the argv it gets, dry runs,
 * the values file, output mapping, error mapping and redaction.
 */
import { test, beforeEach, afterEach } from 'node:test';
import * as assert from 'node:assert/strict';
import { promises as fs, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IdpRunError, RunContext, camelCase, mapOutputs, runIdp } from '../src/run';
import { createIdpRunAction } from '../src/action';
import moduleFeature from '../src/index';

// dist/test/ → test/fake-idp.js
const FAKE = path.resolve(__dirname, '..', '..', 'test', 'fake-idp.js');
const ENV_KEYS = ['FAKE_IDP_RECORD', 'FAKE_IDP_STDOUT', 'FAKE_IDP_STDERR', 'FAKE_IDP_EXIT', 'GH_TOKEN'];

let dir: string;
let record: string;
const saved: Record<string, string | undefined> = {};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'idp-run-'));
  record = path.join(dir, 'record.json');
  for (const k of ENV_KEYS) saved[k] = process.env[k];
  process.env.FAKE_IDP_RECORD = record;
  delete process.env.FAKE_IDP_STDOUT;
  delete process.env.FAKE_IDP_STDERR;
  delete process.env.FAKE_IDP_EXIT;
  delete process.env.GH_TOKEN;
});

afterEach(async () => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await fs.rm(dir, { recursive: true, force: true });
});

interface Fake {
  ctx: RunContext;
  outputs: Record<string, unknown>;
  logs: string[];
}

function fakeCtx(input: RunContext['input'], isDryRun = false): Fake {
  const outputs: Record<string, unknown> = {};
  const logs: string[] = [];
  return {
    outputs,
    logs,
    ctx: {
      input,
      isDryRun,
      workspacePath: dir,
      logger: { info: m => logs.push(m), warn: m => logs.push(m) },
      output: (k, v) => {
        outputs[k] = v;
      },
      createTemporaryDirectory: async () => fs.mkdtemp(path.join(dir, 'tmp-')),
    },
  };
}

async function recorded(): Promise<{ argv: string[]; values: unknown; mode: string | null; cwd: string; platform: string | null; ci: string | null }> {
  return JSON.parse(await fs.readFile(record, 'utf8'));
}

test('argv: command words, --values file, extra args, --output json; values as JSON', async () => {
  const f = fakeCtx({
    command: ['new-app', 'payments', '--template', 'stateless-app'],
    values: { owner: 'platform', replicas: 3, ingress: false },
    args: ['--no-push'],
  });
  await runIdp(f.ctx, { binary: FAKE, platform: '/srv/platform' });
  const r = await recorded();
  const i = r.argv.indexOf('--values');
  assert.ok(i > 0, `no --values in ${r.argv}`);
  assert.deepEqual(
    [...r.argv.slice(0, i), ...r.argv.slice(i + 2)],
    ['new-app', 'payments', '--template', 'stateless-app', '--no-push', '--output', 'json'],
  );
  assert.deepEqual(r.values, { owner: 'platform', replicas: 3, ingress: false });
  assert.equal(r.mode, '600');
  assert.equal(r.cwd, await fs.realpath(dir));
  assert.equal(r.platform, '/srv/platform');
  assert.equal(r.ci, 'true');
});

test('a string command is split on whitespace; no values means no --values', async () => {
  const f = fakeCtx({ command: ' provision  s3 --env dev ' });
  await runIdp(f.ctx, { binary: FAKE });
  assert.deepEqual((await recorded()).argv, ['provision', 's3', '--env', 'dev', '--output', 'json']);
});

test('a dry run adds --dry-run', async () => {
  const f = fakeCtx({ command: ['provision', 's3', '--env', 'dev'], values: {} }, true);
  await runIdp(f.ctx, { binary: FAKE });
  const argv = (await recorded()).argv;
  assert.equal(argv[argv.length - 1], '--dry-run');
  assert.ok(argv.includes('--output'));
});

test('options are flags (one element each, repeated for arrays, bare for true, empty ones left out); positionals go last after --', async () => {
  const f = fakeCtx(
    {
      command: ['adr', 'new'],
      options: { owner: 'payments', 'relates-to': ['ADR-0001', 'RB-0002'], direct: false, base: '', from: undefined, force: true, retries: 2 },
      positionals: ['-rm -rf; $(x)'],
    },
    true,
  );
  await runIdp(f.ctx, { binary: FAKE });
  assert.deepEqual((await recorded()).argv, [
    'adr',
    'new',
    '--owner=payments',
    '--relates-to=ADR-0001',
    '--relates-to=RB-0002',
    '--force',
    '--retries=2',
    '--output',
    'json',
    '--dry-run',
    '--',
    '-rm -rf; $(x)',
  ]);
  await assert.rejects(runIdp(fakeCtx({ command: ['promote'], options: { '--to': 'x' } }).ctx, { binary: FAKE }), /not a long flag name/);
  await assert.rejects(runIdp(fakeCtx({ command: ['promote'], options: { to: { a: 1 } } }).ctx, { binary: FAKE }), /must be a string or a number/);
});

test('the JSON result becomes outputs with camelCase keys, plus prUrl and prNumber', async () => {
  process.env.FAKE_IDP_STDOUT = JSON.stringify({
    status: 'opened',
    branch: 'idp/app/payments',
    entity_ref: 'component:default/payments',
    repository: 'https://github.com/acme/payments',
    pr: { number: 7, url: 'https://github.com/acme/platform/pull/7' },
    commit: null,
    app_files: ['Dockerfile'],
  });
  const f = fakeCtx({ command: ['new-app', 'payments'] });
  await runIdp(f.ctx, { binary: FAKE });
  assert.deepEqual(f.outputs, {
    status: 'opened',
    branch: 'idp/app/payments',
    entityRef: 'component:default/payments',
    repository: 'https://github.com/acme/payments',
    pr: { number: 7, url: 'https://github.com/acme/platform/pull/7' },
    appFiles: ['Dockerfile'],
    prUrl: 'https://github.com/acme/platform/pull/7',
    prNumber: 7,
  });
});

test('a non-zero exit fails the step with the exit code, its meaning and stderr', async () => {
  process.env.FAKE_IDP_EXIT = '2';
  process.env.FAKE_IDP_STDERR = 'error: values.json:1:9: unknown field `spec.colour`\n';
  const f = fakeCtx({ command: ['provision', 's3', '--env', 'dev'], values: { spec: { colour: 'blue' } } });
  await assert.rejects(runIdp(f.ctx, { binary: FAKE }), (e: unknown) => {
    assert.ok(e instanceof IdpRunError);
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /exited with 2 \(usage or bad input\)/);
    assert.match(e.message, /unknown field `spec.colour`/);
    return true;
  });
  assert.deepEqual(f.outputs, {});
  assert.ok(f.logs.some(l => l.includes('unknown field `spec.colour`')), 'stderr is streamed to the log');
});

test('an error reported as JSON on stdout is in the failure', async () => {
  process.env.FAKE_IDP_EXIT = '3';
  process.env.FAKE_IDP_STDOUT = JSON.stringify({
    ok: false,
    exit_code: 3,
    error: 'the change breaks 1 rule',
    findings: [{ file: 'requests/s3/prod/S3-0001.yaml', line: 9, column: 5, message: 'production buckets require sse-kms encryption' }],
  });
  await assert.rejects(runIdp(fakeCtx({ command: ['provision', 's3', '--env', 'prod'] }).ctx, { binary: FAKE }), (e: unknown) => {
    assert.match((e as Error).message, /exited with 3 \(validation or policy failure\)/);
    assert.match((e as Error).message, /requests\/s3\/prod\/S3-0001.yaml:9:5: production buckets require sse-kms/);
    return true;
  });
});

test('tokens never reach the log or the error', async () => {
  process.env.GH_TOKEN = 'ghs_supersecretvalue1234567890';
  process.env.FAKE_IDP_EXIT = '1';
  process.env.FAKE_IDP_STDERR = `pushing to https://x-access-token:${process.env.GH_TOKEN}@github.com/acme/platform.git\n`;
  const f = fakeCtx({ command: ['pr', 'list'] });
  await assert.rejects(runIdp(f.ctx, { binary: FAKE }), (e: unknown) => {
    assert.ok(!(e as Error).message.includes('supersecret'), (e as Error).message);
    return true;
  });
  assert.ok(f.logs.length > 0);
  for (const l of f.logs) assert.ok(!l.includes('supersecret'), l);
});

test('bad input to the action itself: an empty command, idp in the command, a directory outside the workspace', async () => {
  await assert.rejects(runIdp(fakeCtx({ command: '  ' }).ctx, { binary: FAKE }), /`command` is empty/);
  await assert.rejects(runIdp(fakeCtx({ command: ['idp', 'pr', 'list'] }).ctx, { binary: FAKE }), /without `idp` itself/);
  await assert.rejects(
    runIdp(fakeCtx({ command: ['pr', 'list'], workingDirectory: '../..' }).ctx, { binary: FAKE }),
    /outside the workspace/,
  );
  await assert.rejects(fs.stat(record), 'idp was not run');
});

test('a missing binary is a clear error', async () => {
  await assert.rejects(
    runIdp(fakeCtx({ command: ['pr', 'list'] }).ctx, { binary: path.join(dir, 'no-such-idp') }),
    /cannot run `.*no-such-idp`/,
  );
});

test('output that is not JSON fails the step', () => {
  assert.throws(() => mapOutputs('Planned 1 file'), /not JSON/);
  assert.deepEqual(mapOutputs(''), {});
  assert.equal(camelCase('golden_path'), 'goldenPath');
});

test('the action: id, dry-run support, schemas, and its handler runs idp', async () => {
  const action = createIdpRunAction({ binary: FAKE });
  assert.equal(action.id, 'idp:run');
  assert.equal(action.supportsDryRun, true);
  const input = action.schema?.input as { properties?: Record<string, unknown>; required?: string[] };
  assert.deepEqual(Object.keys(input.properties ?? {}).sort(), ['args', 'command', 'options', 'positionals', 'values', 'workingDirectory']);
  assert.deepEqual(input.required, ['command']);
  process.env.FAKE_IDP_STDOUT = JSON.stringify({ status: 'planned', entity_ref: 'resource:default/s3-0001' });
  const f = fakeCtx({ command: ['provision', 's3', '--env', 'dev'], values: { owner: 'platform' } }, true);
  await action.handler({ ...f.ctx, input: f.ctx.input } as unknown as Parameters<typeof action.handler>[0]);
  assert.equal(f.outputs.entityRef, 'resource:default/s3-0001');
  assert.ok((await recorded()).argv.includes('--dry-run'));
});

test('the module is a backend feature', () => {
  assert.equal((moduleFeature as unknown as { $$type: string }).$$type, '@backstage/BackendFeature');
});

// Run by `cargo test` (tests/it/backstage.rs), which sets IDP_BIN to the idp it built and
// IDP_E2E_PLATFORM to a fresh platform repo; skipped when `npm test` runs alone.
test('the real idp: a dry run, a pull request, and an unknown key refused', async t => {
  const binary = process.env.IDP_BIN;
  const platform = process.env.IDP_E2E_PLATFORM;
  if (!binary || !platform) {
    t.skip('IDP_BIN and IDP_E2E_PLATFORM are not set');
    return;
  }
  delete process.env.FAKE_IDP_RECORD;
  const values = { owner: 'platform', spec: { repositoryName: 'payments' } };
  const command = ['provision', 'ecr', '--env', 'dev'];
  const dry = fakeCtx({ command, values }, true);
  await runIdp(dry.ctx, { binary, platform });
  assert.equal(dry.outputs.status, 'planned');
  assert.equal(dry.outputs.entityRef, 'resource:default/ecr-0001');
  assert.equal(dry.outputs.prUrl, undefined);

  const real = fakeCtx({ command, values });
  await runIdp(real.ctx, { binary, platform });
  assert.equal(real.outputs.status, 'opened');
  assert.equal(real.outputs.prNumber, 1);
  assert.equal(real.outputs.branch, 'idp/ecr/dev-payments');

  const bad = fakeCtx({ command, values: { ...values, spec: { ...values.spec, colour: 'blue' } } });
  await assert.rejects(runIdp(bad.ctx, { binary, platform }), (e: unknown) => {
    assert.ok(e instanceof IdpRunError);
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /unknown field `spec.colour`/);
    return true;
  });
  assert.deepEqual(bad.outputs, {});
});
