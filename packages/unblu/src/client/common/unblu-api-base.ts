import { type ApiRoute, route, type UnbluHttp } from '../unblu-http.js';
import type { WireGlobalPingResponse, WirePersonData } from './wire-common.js';

export type QueryParams = Readonly<Record<string, string | undefined>>;

/** Fields Unblu only fills when asked (`metadata`, `configuration`, …), sent as `expand=a,b`. */
export type UnbluExpand = readonly string[];

/** The `expand` query parameter, left out when nothing is to be expanded. */
export function expandQuery(expand: UnbluExpand | undefined): QueryParams {
  return { expand: expand === undefined || expand.length === 0 ? undefined : expand.join(',') };
}

/** Verb helpers and the endpoints that are the same in the v3 and v4 endpoint classes. */
export abstract class UnbluApiBase {
  constructor(readonly http: UnbluHttp) {}

  protected get<T>(to: ApiRoute, query?: QueryParams): Promise<T> {
    return this.http.request<T>({ operation: to.operation, method: 'GET', path: to.path, query });
  }

  protected post<T>(to: ApiRoute, body?: unknown, query?: QueryParams): Promise<T> {
    return this.http.request<T>({ operation: to.operation, method: 'POST', path: to.path, body, query });
  }

  protected delete(to: ApiRoute, query?: QueryParams): Promise<void> {
    return this.http.request<void>({ operation: to.operation, method: 'DELETE', path: to.path, query });
  }

  /** `/persons/*`, the same in v3 and v4. */
  readonly persons = {
    /** Creates the virtual person identified by `sourceId`, or updates it with the given fields. */
    createOrUpdateVirtual: (person: WirePersonData) =>
      this.post<WirePersonData>(route`/persons/createOrUpdateVirtual`, person),
    getBySource: (personSource: 'VIRTUAL' | 'USER_DB', sourceId: string) =>
      this.get<WirePersonData>(route`/persons/getBySource`, { personSource, sourceId }),
  };

  /** `/global/*`, the same in v3 and v4. */
  readonly global = {
    /** Anonymous: proves Unblu answers, not that Parley's credentials work. */
    ping: () => this.get<WireGlobalPingResponse>(route`/global/ping`),
  };
}
