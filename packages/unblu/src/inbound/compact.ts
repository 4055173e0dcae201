/**
 * `value` without its `undefined` properties, so mapped events hold only what Unblu sent and
 * compare cleanly. The type is kept: removing an undefined optional property changes nothing.
 */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
