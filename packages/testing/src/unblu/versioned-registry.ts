import { unbluRefused } from './fake-unblu-errors.js';

interface Versioned {
  id: string;
  version: number;
  name: string;
}

/**
 * Unblu's rules for named, versioned configuration entities (channels, webhook registrations):
 * names are unique (409), an update must carry the current version (409) and bumps it, an unknown
 * id is a 404. Reads return copies so a caller cannot change Unblu's state by mutating a result.
 */
export class VersionedRegistry<T extends Versioned> {
  private readonly entities = new Map<string, T>();
  private seq = 0;

  constructor(private readonly kind: string) {}

  create(fields: Omit<T, 'id' | 'version'>): T {
    this.requireFreeName(fields.name, undefined);
    this.seq += 1;
    const entity = { ...structuredClone(fields), id: `${this.kind}-${this.seq}`, version: 1 } as T;
    this.entities.set(entity.id, entity);
    return structuredClone(entity);
  }

  /** Replaces the entity; fields `keep` names are kept when the update leaves them undefined. */
  update(next: T, keep: readonly (keyof T)[] = []): T {
    const current = this.require(next.id);
    if (next.version !== current.version) {
      throw unbluRefused(409, `${this.kind} '${next.id}' was modified: update is based on version ${next.version}, current version is ${current.version}`);
    }
    this.requireFreeName(next.name, next.id);
    const updated = { ...structuredClone(next), version: current.version + 1 };
    for (const key of keep) if (updated[key] === undefined) updated[key] = current[key];
    this.entities.set(updated.id, updated);
    return structuredClone(updated);
  }

  read(id: string): T | undefined {
    const entity = this.entities.get(id);
    return entity && structuredClone(entity);
  }

  findByName(name: string): T | undefined {
    const entity = [...this.entities.values()].find((e) => e.name === name);
    return entity && structuredClone(entity);
  }

  list(): T[] {
    return structuredClone([...this.entities.values()]);
  }

  delete(id: string): void {
    this.require(id);
    this.entities.delete(id);
  }

  /** The entity, or a 404 naming it. */
  require(id: string): T {
    const entity = this.entities.get(id);
    if (!entity) throw unbluRefused(404, `${this.kind} '${id}' does not exist`);
    return entity;
  }

  private requireFreeName(name: string, ownId: string | undefined): void {
    const taken = [...this.entities.values()].some((e) => e.name === name && e.id !== ownId);
    if (taken) throw unbluRefused(409, `name: a ${this.kind} named '${name}' already exists`);
  }
}
