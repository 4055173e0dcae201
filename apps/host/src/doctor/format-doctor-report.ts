import type { DoctorReport } from './run-doctor.js';

/**
 * The lines `parley doctor` prints, one per check (a multi-line reason continues indented):
 * `✔ store: sqlite ./data/parley.db reachable`, `✖ unblu: … 401 Unauthorized — check unblu.auth`.
 */
export function formatDoctorReport(report: DoctorReport): string[] {
  return report.lines.flatMap(({ name, ok, detail }) => {
    const [first = '', ...rest] = detail.split('\n');
    return [`${ok ? '✔' : '✖'} ${name}${first === '' ? '' : `: ${first}`}`, ...rest.map((line) => `  ${line}`)];
  });
}
