/* Printing for the host benches: an aligned table, and the warnings a host wrote to its log. */
const { readFileSync } = require('node:fs');

/** Lines of a table: first column left-aligned, the others right-aligned, a rule under the header. */
function formatTable(header, rows) {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** Messages of warn level and above in a pino JSON log, with how often each occurred. */
function logWarnings(file) {
  const warnings = new Map();
  for (const l of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    try {
      const { level, msg } = JSON.parse(l);
      if (level >= 40) warnings.set(msg, (warnings.get(msg) ?? 0) + 1);
    } catch {
      warnings.set(l.slice(0, 100), (warnings.get(l.slice(0, 100)) ?? 0) + 1);
    }
  }
  return warnings;
}

module.exports = { formatTable, logWarnings };
