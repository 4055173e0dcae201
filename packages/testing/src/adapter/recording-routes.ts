import type { AdapterHttpRequest, AdapterHttpResponse, AdapterRouteHandler, RouteRegistrar } from '@parley/core';

type Method = 'GET' | 'POST';

/** A request a test sends to a route; what is left out gets a neutral default. */
export interface RouteInvocation {
  headers?: Record<string, string | undefined>;
  query?: Record<string, string | undefined>;
  /** A string or bytes as is; anything else is sent as JSON. */
  body?: string | Uint8Array | object;
}

/**
 * A {@link RouteRegistrar} that records the routes an adapter mounts and lets a test call them
 * as the host's server would. When `forwardTo` is given, routes are also mounted there (a harness
 * serving them over real HTTP) and public URLs come from it.
 */
export class RecordingRoutes implements RouteRegistrar {
  private readonly handlers = new Map<string, AdapterRouteHandler>();

  constructor(
    private readonly baseUrl: string,
    private readonly forwardTo?: RouteRegistrar,
  ) {}

  /** Mounted routes as `METHOD path`, in order. */
  get routes(): string[] {
    return [...this.handlers.keys()];
  }

  register(method: Method, path: string, handler: AdapterRouteHandler): void {
    const key = `${method} ${path}`;
    if (this.handlers.has(key)) throw new Error(`route ${key} is already registered`);
    this.handlers.set(key, handler);
    this.forwardTo?.register(method, path, handler);
  }

  publicUrl(path: string): string {
    return this.forwardTo ? this.forwardTo.publicUrl(path) : `${this.baseUrl}${path}`;
  }

  /** Calls the route's handler; a 404 response when no route matches, as a server would answer. */
  async invoke(method: Method, path: string, request: RouteInvocation = {}): Promise<AdapterHttpResponse> {
    const handler = this.handlers.get(`${method} ${path}`);
    if (!handler) return { status: 404 };
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const full: AdapterHttpRequest = { method, path, headers, query: request.query ?? {}, rawBody: toBytes(request.body) };
    return handler(full);
  }
}

function toBytes(body: RouteInvocation['body']): Uint8Array {
  if (body === undefined) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  return new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
}
