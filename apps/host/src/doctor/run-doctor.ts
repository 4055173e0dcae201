import type { DoctorCheck } from './doctor-check.js';

export interface DoctorLine {
  name: string;
  ok: boolean;
  /** The check's detail on success (may be empty), the reason on failure. */
  detail: string;
}

export interface DoctorReport {
  /** True when every check passed. */
  ok: boolean;
  /** One per check, in the order given. */
  lines: DoctorLine[];
}

export interface RunDoctorOptions {
  /** Per check unless the check names its own (default 10,000 ms). */
  timeoutMs?: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/**
 * Runs the checks one after the other, in order, each bounded by a timeout, and collects the
 * results. Never rejects: a failing or hanging check becomes a failed line, and the checks after
 * it still run, so one report shows every problem at once.
 */
export async function runDoctor(checks: readonly DoctorCheck[], options: RunDoctorOptions = {}): Promise<DoctorReport> {
  const lines: DoctorLine[] = [];
  for (const check of checks) {
    lines.push(await runCheck(check, check.timeoutMs ?? options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS));
  }
  return { ok: lines.every((line) => line.ok), lines };
}

async function runCheck(check: DoctorCheck, timeoutMs: number): Promise<DoctorLine> {
  try {
    const detail = await withTimeout(startCheck(check), timeoutMs);
    return { name: check.name, ok: true, detail: detail ?? '' };
  } catch (error) {
    return { name: check.name, ok: false, detail: reasonOf(error) };
  }
}

/** A check that throws synchronously fails like one that rejects. */
async function startCheck(check: DoctorCheck): Promise<string | void> {
  return check.run();
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  // A check abandoned after its timeout may still fail later; that must not surface as an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
