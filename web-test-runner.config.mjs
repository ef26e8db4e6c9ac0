// One test-runner config for the repository: real headless Chromium (Debian's package), a
// group per package so one part can run alone (`npx wtr --group core`), TypeScript through
// esbuild, and the `source` export condition so tests run the packages' sources, not builds.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { countReporter, cspHeaders } from './tests/support/wtr-plugins.mjs';

export default {
  rootDir: '.',
  nodeResolve: { exportConditions: ['source', 'browser', 'import'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }), cspHeaders()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
      },
    }),
  ],
  concurrency: 1,
  browserStartTimeout: 120_000,
  testsStartTimeout: 180_000,
  testsFinishTimeout: 900_000,
  testFramework: { config: { timeout: 120_000 } },
  groups: [
    { name: 'core', files: 'packages/core/test/**/*.test.ts' },
    { name: 'elements', files: 'packages/elements/src/**/*.test.ts' },
    { name: 'e2e', files: ['tests/**/*.test.ts', '!tests/node/**'] },
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter('test-results/browser.json')],
};
