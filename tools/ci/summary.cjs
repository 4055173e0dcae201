#!/usr/bin/env node
/**
 * Adds up the per-project jest counts and prints the closing line CI reads:
 * `N passed, N failed, N skipped`. Exits 1 when a test failed or none ran.
 */
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', '..', 'reports', 'jest');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const counts = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  console.log(`  ${path.basename(file, '.json')}: ${counts.passed} passed, ${counts.failed} failed`);
}
console.log(`jest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
