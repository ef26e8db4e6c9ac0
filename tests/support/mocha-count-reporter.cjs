// Mocha's spec reporter, which also writes the pass/fail counts for scripts/test.mjs.
const Mocha = require('mocha');
const { mkdirSync, writeFileSync } = require('node:fs');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      mkdirSync('test-results', { recursive: true });
      const { passes, failures, pending } = this.stats;
      writeFileSync('test-results/node.json', JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
    });
  }
}
module.exports = CountReporter;
