import { badRequest, conflict } from '../unblu-error.js';

/**
 * Enforces Unblu's optimistic locking: an update must name the entity's current `version`.
 * A missing version is a malformed request (400); an outdated one is a conflict (409).
 */
export function checkVersion(kind: string, current: { id: string; version: number }, given: number | null | undefined): void {
  if (given === null || given === undefined) {
    throw badRequest(`version: required to update ${kind} '${current.id}'`);
  }
  if (given !== current.version) {
    throw conflict(`${kind} '${current.id}' was modified: update is based on version ${given}, current version is ${current.version}`);
  }
}
