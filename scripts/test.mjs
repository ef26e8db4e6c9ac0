#!/usr/bin/env node
// The test command: builds, type-checks, runs the core's tests under Node (the core must work
// there unchanged), then every test in headless Chromium, and ends with one line
// `N passed, N failed`. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

rmSync('test-results', { recursive: true, force: true });
const step = (name, cmd, args) => {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  return r.status === 0;
};
const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);

const build = step('build', 'npm', ['run', 'build', '--silent']);
const types = build && step('type-check', 'npx', ['tsc', '-p', 'tsconfig.json']);
step('core and CLI tests under Node', 'npx', ['mocha', '--import=tsx', '--reporter', './tests/support/mocha-count-reporter.cjs', '--timeout', '180000', 'packages/core/test/**/*.test.ts', 'tests/node/**/*.test.ts']);
if (build) step('all tests in headless Chromium', 'npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs']);

const node = read('test-results/node.json');
const browser = read('test-results/browser.json');
let passed = (node?.passed ?? 0) + (browser?.passed ?? 0);
let failed = (node?.failed ?? 0) + (browser?.failed ?? 0) + (browser?.sessionErrors ?? 0);
// A stage that could not run at all counts as a failure, never as silence.
for (const [ok, what] of [[build, 'build'], [types, 'type-check'], [node, 'node tests'], [browser, 'browser tests']]) {
  if (!ok) {
    failed++;
    console.log(`✗ ${what} did not complete`);
  } else if (what === 'build' || what === 'type-check') passed++;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
