/** `{ [key]: value }` when value is defined, else `{}`: keeps `undefined` out of wire bodies and core objects. */
export function optional<K extends string, V>(key: K, value: V | undefined | null): { [P in K]?: V } {
  return value === undefined || value === null ? {} : ({ [key]: value } as { [P in K]?: V });
}
