#!/usr/bin/env node
// The `gualian` command (`npx gualian check …`): a launcher for the built CLI in ../dist/cli.js,
// which `npm run build` makes from src/cli/main.ts. Exit status 0, 1 or 2 as main() says.
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('cli.js')) throw e;
  process.stderr.write('gualian: dist/cli.js is missing; run `npm run build` first (or run src/cli/main.ts with `node --import tsx`).\n');
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
