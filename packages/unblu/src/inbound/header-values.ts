/**
 * HTTP headers as Node hands them over (`IncomingHttpHeaders`): names in lowercase, a value may
 * be repeated. Other callers (tests, a host that is not express) may use any case.
 */
export type UnbluHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The trimmed value of header `name` (case-insensitive), or undefined when absent or blank.
 * A repeated header yields its first value; Node already joins most repeated custom headers with
 * `, `, which makes a doubled signature header fail its format check rather than pass.
 */
export function headerValue(headers: UnbluHeaders, name: string): string | undefined {
  const lower = name.toLowerCase();
  let raw = headers[lower];
  if (raw === undefined) {
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === lower);
    raw = key === undefined ? undefined : headers[key];
  }
  const first = typeof raw === 'string' ? raw : raw?.[0];
  const trimmed = first?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
