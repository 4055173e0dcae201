import type { ApiRoute, UnbluHttp } from '../unblu-http.js';

export type QueryParams = Readonly<Record<string, string | undefined>>;

/** Fields Unblu only fills when asked (`metadata`, `configuration`, …), sent as `expand=a,b`. */
export type UnbluExpand = readonly string[];

/** The `expand` query parameter, left out when nothing is to be expanded. */
export function expandQuery(expand: UnbluExpand | undefined): QueryParams {
  return { expand: expand === undefined || expand.length === 0 ? undefined : expand.join(',') };
}

/** Verb helpers shared by the v3 and v4 endpoint classes. */
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
}
