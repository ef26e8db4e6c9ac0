#!/usr/bin/env node
// Sets up a fresh clone: installs the npm packages from the lockfile when they are missing or
// older than it, and with `--browser` makes sure Debian's Chromium is there for the tests
// (installing it with apt-get when running as root, as CI does).
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
const marker = 'node_modules/.package-lock.json';
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs) {
  // `npm install`, not `npm ci`: npm 11 here leaves other platforms' optional packages (rollup's
  // and DuckDB's native builds) out of the lockfile and `npm ci` then refuses it as out of sync.
  // With the lockfile present, `npm install` installs the locked versions.
  console.log('setup: installing npm packages (npm install)…');
  run('npm install --no-audit --no-fund');
}

if (process.argv.includes('--browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const asRoot = process.getuid?.() === 0;
    const sudo = asRoot ? '' : 'sudo ';
    console.log(`setup: ${chromium} is missing; installing Debian's chromium package…`);
    run(`${sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq chromium`);
  }
}
