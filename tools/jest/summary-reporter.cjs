/**
 * Writes each jest project's counts to reports/jest/<project>.json so that
 * tools/ci/summary.cjs can print one closing line for the whole run.
 */
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const project = (process.env.NX_TASK_TARGET_PROJECT || path.basename(this.rootDir)).replace(/[^\w.-]+/g, '_');
    const dir = path.join(__dirname, '..', '..', 'reports', 'jest');
    fs.mkdirSync(dir, { recursive: true });
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(path.join(dir, `${project}.json`), JSON.stringify(summary));
  }
}

module.exports = SummaryReporter;
