#!/usr/bin/env node
// A stand-in for the idp binary in the unit tests: records its argv, cwd, IDP_PLATFORM and the
// --values file it was given (to FAKE_IDP_RECORD), writes FAKE_IDP_STDERR to stderr, prints
// FAKE_IDP_STDOUT and exits with FAKE_IDP_EXIT.
'use strict';
const fs = require('node:fs');
const argv = process.argv.slice(2);
const i = argv.indexOf('--values');
const values = i >= 0 ? JSON.parse(fs.readFileSync(argv[i + 1], 'utf8')) : null;
const mode = i >= 0 ? (fs.statSync(argv[i + 1]).mode & 0o777).toString(8) : null;
if (process.env.FAKE_IDP_RECORD) {
  fs.writeFileSync(
    process.env.FAKE_IDP_RECORD,
    JSON.stringify({ argv, values, mode, cwd: process.cwd(), platform: process.env.IDP_PLATFORM ?? null, ci: process.env.CI ?? null }),
  );
}
if (process.env.FAKE_IDP_STDERR) process.stderr.write(process.env.FAKE_IDP_STDERR);
if (process.env.FAKE_IDP_STDOUT) process.stdout.write(process.env.FAKE_IDP_STDOUT);
process.exitCode = Number(process.env.FAKE_IDP_EXIT ?? '0');
