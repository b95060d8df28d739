// A real Backstage backend (the new backend system from npm: @backstage/backend-defaults with
// the catalog, the catalog's Template kind and the scaffolder) with idp's scaffolder module, on
// 127.0.0.1, for idp's end-to-end scaffolder tests (tests/it/backstage.rs). One backend serves
// every case of a run:
//
//   node run.js SPEC.json
//
// SPEC.json: {"module": the module's built index.js, "binary": idp, "platform": the platform
// repo, "workdir": a scratch directory, "templates": [template names the catalog must accept],
// "cases": [{"name", "template", "values"}], "org": optional, see keycloakOrgStandIn}. The
// catalog reads `<platform>/catalog/**/*.yaml` (its templates' Location included); each case is a task created through the scaffolder's REST
// API (POST /api/scaffolder/v2/tasks) and followed to its end. Writes one JSON document to
// `<workdir>/result.json`: {"templates": {name: {"entity": bool, "parameterSchema": bool}},
// "org": {"groups": [{"ref", "managedBy", "relations"}], "system", "errors": [entities the
// catalog could not process], "conflicts": [the catalog's conflict events]},
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

// What the Keycloak org provider (`@backstage-community/plugin-catalog-backend-module-keycloak`,
// `catalog.providers.keycloakOrg` of the platform's app-config) brings into the catalog from the
// platform's realm, without a Keycloak: its groups as Group entities (type `group`, annotated
// and located as that provider does), applied in full when the catalog connects the provider.
// SPEC.org: {"baseUrl", "realm", "groups": [names], "system": the platform's System}.
function keycloakOrgStandIn(org) {
  const { createBackendModule } = require('@backstage/backend-plugin-api');
  const { catalogProcessingExtensionPoint } = require('@backstage/plugin-catalog-node');
  const name = 'KeycloakOrgEntityProvider:default';
  const provider = {
    getProviderName: () => name,
    async connect(connection) {
      const entities = org.groups.map((group, i) => {
        const location = `url:${org.baseUrl}/admin/realms/${org.realm}/groups/${i}`;
        return {
          locationKey: `keycloak-org-provider:default`,
          entity: {
            apiVersion: 'backstage.io/v1beta1',
            kind: 'Group',
            metadata: {
              name: group,
              annotations: {
                'backstage.io/managed-by-location': location,
                'backstage.io/managed-by-origin-location': location,
                'keycloak.org/id': String(i),
                'keycloak.org/realm': org.realm,
              },
            },
            spec: { type: 'group', profile: { displayName: group }, children: [], members: [] },
          },
        };
      });
      await connection.applyMutation({ type: 'full', entities });
    },
  };
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'idp-e2e-keycloak-org',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider(provider);
        },
      });
    },
  });
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
  // The catalog's conflicts (two sources of one entity ref), as the catalog publishes them.
  const conflicts = [];
  const { createBackendModule } = require('@backstage/backend-plugin-api');
  const { eventsServiceRef } = require('@backstage/plugin-events-node');
  const { CATALOG_CONFLICTS_TOPIC } = require('@backstage/plugin-catalog-backend');
  backend.add(
    createBackendModule({
      pluginId: 'catalog',
      moduleId: 'idp-e2e-conflicts',
      register(reg) {
        reg.registerInit({
          deps: { events: eventsServiceRef },
          async init({ events }) {
            await events.subscribe({
              id: 'idp-e2e-conflicts',
              topics: [CATALOG_CONFLICTS_TOPIC],
              async onEvent(e) {
                conflicts.push({
                  entityRef: e.eventPayload.entityRef,
                  existingLocationKey: e.eventPayload.existingLocationKey,
                  newLocationKey: e.eventPayload.newLocationKey,
                });
              },
            });
          },
        });
      },
    }),
  );
  if (spec.org) backend.add(keycloakOrgStandIn(spec.org));
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

  // The organisation: once the catalog's files and the org provider's groups are in, every
  // Group the catalog holds, the entities it could not process, and the conflicts it saw.
  if (spec.org) {
    const system = `/api/catalog/entities/by-name/system/default/${spec.org.system}`;
    while (Date.now() < deadline) {
      const s = await api('GET', system);
      const owner = s.status === 200 && (s.body.relations ?? []).some(r => r.type === 'ownedBy');
      const groups = await api('GET', '/api/catalog/entities?filter=kind=group');
      if (owner && Array.isArray(groups.body) && groups.body.length >= spec.org.groups.length) break;
      await sleep(250);
    }
    // Processing is continuous: a second pass over every entity, where a conflict would show.
    await sleep(3000);
    const groups = await api('GET', '/api/catalog/entities?filter=kind=group');
    const all = await api('GET', '/api/catalog/entities');
    result.org = {
      groups: (Array.isArray(groups.body) ? groups.body : []).map(g => ({
        ref: `group:${g.metadata.namespace ?? 'default'}/${g.metadata.name}`,
        managedBy: g.metadata.annotations?.['backstage.io/managed-by-location'] ?? null,
        relations: (g.relations ?? []).map(r => `${r.type} ${r.targetRef}`),
      })),
      system: (await api('GET', system)).body,
      errors: (Array.isArray(all.body) ? all.body : [])
        .filter(e => (e.status?.items ?? []).some(i => i.level === 'error'))
        .map(e => ({ ref: `${e.kind}:${e.metadata.name}`, status: e.status })),
      conflicts,
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
