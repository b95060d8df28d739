// A real Backstage backend (the new backend system from npm: @backstage/backend-defaults with
// the catalog, the catalog's Template kind and the scaffolder) with idp's scaffolder module, on
// 127.0.0.1, for idp's end-to-end scaffolder tests (tests/it/backstage.rs). One backend serves
// every case of a run:
//
//   node run.js SPEC.json
//
// SPEC.json: {"module": the module's built index.js, "binary": idp, "platform": the platform
// repo, "workdir": a scratch directory, "templates": [template names the catalog must accept],
// "cases": [{"name", "template", "values"}]}. The catalog reads `<platform>/catalog/**/*.yaml`
// (its templates' Location included); each case is a task created through the scaffolder's REST
// API (POST /api/scaffolder/v2/tasks) and followed to its end. Writes one JSON document to
// `<workdir>/result.json`: {"templates": {name: {"entity": bool, "parameterSchema": bool}},
// "cases": {name: {"status", "output", "log": [messages], "error"}}}. The backend logs to stdout.
//
// Auth: a static external-access token (backend.auth.externalAccess), as a service calling
// Backstage would; SQLite in memory through better-sqlite3.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

function yamlString(s) {
  return JSON.stringify(String(s));
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const port = await freePort();
  const token = crypto.randomBytes(24).toString('hex');
  const base = `http://127.0.0.1:${port}`;
  fs.mkdirSync(spec.workdir, { recursive: true });
  const configFile = path.join(spec.workdir, 'app-config.yaml');
  fs.writeFileSync(
    configFile,
    [
      'app:',
      `  baseUrl: ${base}`,
      'backend:',
      `  baseUrl: ${base}`,
      '  listen:',
      '    host: 127.0.0.1',
      `    port: ${port}`,
      `  workingDirectory: ${yamlString(path.join(spec.workdir, 'tasks'))}`,
      '  database:',
      '    client: better-sqlite3',
      "    connection: ':memory:'",
      '  auth:',
      '    externalAccess:',
      '      - type: static',
      '        options:',
      `          token: ${token}`,
      '          subject: idp-e2e',
      'catalog:',
      '  rules:',
      '    - allow: [Component, System, API, Resource, Location, Template, Group, User, Domain]',
      '  locations:',
      '    - type: file',
      `      target: ${yamlString(path.join(spec.platform, 'catalog', '**', '*.yaml'))}`,
      'idp:',
      `  binary: ${yamlString(spec.binary)}`,
      `  platform: ${yamlString(spec.platform)}`,
      '',
    ].join('\n'),
  );
  fs.mkdirSync(path.join(spec.workdir, 'tasks'), { recursive: true });
  process.argv.push('--config', configFile);

  const { createBackend } = require('@backstage/backend-defaults');
  const backend = createBackend();
  backend.add(require('@backstage/plugin-catalog-backend'));
  backend.add(require('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));
  backend.add(require('@backstage/plugin-scaffolder-backend'));
  // idp's module, as `backend.add(import('@idp/backstage-plugin-scaffolder-backend-module-idp'))`.
  backend.add(require(spec.module));
  await backend.start();

  const api = async (method, url, body) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  };

  const result = { templates: {}, cases: {} };
  // The catalog reads the platform repo's catalog/ and, through its Location, every template.
  const deadline = Date.now() + 90_000;
  for (const name of spec.templates) {
    let entity = false;
    while (Date.now() < deadline) {
      const r = await api('GET', `/api/catalog/entities/by-name/template/default/${name}`);
      if (r.status === 200) {
        entity = true;
        break;
      }
      await sleep(250);
    }
    const schema = entity
      ? await api('GET', `/api/scaffolder/v2/templates/default/template/${name}/parameter-schema`)
      : { status: 0 };
    result.templates[name] = {
      entity,
      parameterSchema: schema.status === 200 && Array.isArray(schema.body.steps),
    };
  }

  for (const c of spec.cases) {
    const created = await api('POST', '/api/scaffolder/v2/tasks', {
      templateRef: `template:default/${c.template}`,
      values: c.values,
    });
    if (created.status !== 201) {
      result.cases[c.name] = { status: `not created (${created.status})`, error: created.body };
      continue;
    }
    const id = created.body.id;
    const events = [];
    let after;
    const end = Date.now() + 120_000;
    let status = 'timeout';
    while (Date.now() < end) {
      const r = await api('GET', `/api/scaffolder/v2/tasks/${id}/events${after === undefined ? '' : `?after=${after}`}`);
      for (const e of Array.isArray(r.body) ? r.body : []) {
        events.push(e);
        after = e.id;
      }
      const done = events.find(e => e.type === 'completion');
      if (done) {
        const task = await api('GET', `/api/scaffolder/v2/tasks/${id}`);
        status = task.body.status;
        break;
      }
    }
    const completion = events.find(e => e.type === 'completion');
    result.cases[c.name] = {
      id,
      status,
      output: completion?.body?.output ?? null,
      error: completion?.body?.error ?? null,
      log: events.filter(e => e.type === 'log').map(e => e.body.message),
    };
  }

  fs.writeFileSync(path.join(spec.workdir, 'result.json'), `${JSON.stringify(result)}\n`);
  await backend.stop();
  process.exit(0);
}

main().catch(e => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
