import type { AdapterHttpRequest, AdapterHttpResponse, AdapterRouteHandler, Logger, RouteRegistrar } from '@parley/core';
import { silentLogger } from '@parley/core';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { labelRoute } from '../observability/host-metrics.js';

/** Where adapter routes live: `/messengers/<messengerId><path>`. */
export const ADAPTER_ROUTE_PREFIX = '/messengers';

type Method = 'GET' | 'POST';

interface AdapterRoute {
  method: Method;
  /** `/messengers/<messengerId><path>`, also the metrics route label. */
  fullPath: string;
  messengerId: string;
  handler: AdapterRouteHandler;
}

/** Messenger ids become a path segment: keep them to characters that need no encoding. */
const MESSENGER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ROUTE_PATH = /^\/[A-Za-z0-9._~\-/]*$/;

const routeKey = (method: string, fullPath: string): string => `${method} ${fullPath}`;

function flattenHeaders(req: Request): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  // Node gives the names in lowercase already; repeated headers arrive as arrays.
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function toAdapterRequest(req: Request, url: URL): AdapterHttpRequest {
  // Parsed from the URL, not `req.query`: the first value of a repeated parameter, whatever
  // query parser the app is configured with.
  const query: Record<string, string | undefined> = {};
  for (const [name, value] of url.searchParams) query[name] ??= value;
  const body: unknown = req.body;
  return {
    method: req.method,
    path: url.pathname,
    headers: flattenHeaders(req),
    query,
    rawBody: Buffer.isBuffer(body) ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : new Uint8Array(0),
  };
}

function writeResponse(res: Response, response: AdapterHttpResponse): void {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  const body = response.body;
  // `end`, not `send`: the adapter's bytes and headers go out unchanged (no ETag, no content type guessing).
  if (body === undefined) res.end();
  else res.end(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

/**
 * The routes webhook-mode adapters register through core's `RouteRegistrar`, served by the host
 * under `/messengers/<messengerId><path>`. Routes are looked up per request, so adapters may
 * register at any time, also after the server started. Paths match exactly (no parameters).
 */
export class AdapterRoutes {
  private readonly routes = new Map<string, AdapterRoute>();
  private readonly logger: Logger;

  constructor(options: { logger?: Logger } = {}) {
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * The registrar handed to messenger `messengerId`'s adapter. `publicUrl` is where the world
   * reaches the host (e.g. `https://parley.example.com`), used for `publicUrl(path)`.
   * @throws Error when the id cannot be a path segment.
   */
  forMessenger(messengerId: string, publicUrl: string): RouteRegistrar {
    if (!MESSENGER_ID.test(messengerId)) throw new Error(`invalid messenger id for routes: "${messengerId}"`);
    const prefix = `${ADAPTER_ROUTE_PREFIX}/${messengerId}`;
    return {
      register: (method, path, handler) => this.add({ method, fullPath: `${prefix}${checkPath(path)}`, messengerId, handler }),
      publicUrl: (path) => adapterRouteUrl(publicUrl, messengerId, path),
    };
  }

  /**
   * The express router serving the routes; mount it at the app's root, before any body parser
   * (it reads bodies raw, up to `bodyLimitBytes`, and only for registered routes). Requests for
   * unknown routes pass on to the next handler unread.
   */
  router(options: { bodyLimitBytes: number }): Router {
    const router = express.Router();
    const readBody = express.raw({ type: () => true, limit: options.bodyLimitBytes });
    router.use(ADAPTER_ROUTE_PREFIX, (req: Request, res: Response, next: NextFunction) => {
      const url = new URL(req.originalUrl, 'http://host.invalid');
      const route = this.routes.get(routeKey(req.method, url.pathname));
      if (route === undefined) {
        next();
        return;
      }
      labelRoute(res, route.fullPath);
      readBody(req, res, (error?: unknown) => {
        if (error !== undefined) next(error);
        else void this.dispatch(route, toAdapterRequest(req, url), res);
      });
    });
    return router;
  }

  private add(route: AdapterRoute): void {
    const key = routeKey(route.method, route.fullPath);
    if (this.routes.has(key)) throw new Error(`adapter route already registered: ${key}`);
    this.routes.set(key, route);
  }

  /** Runs the handler and writes its answer; never rejects. */
  private async dispatch(route: AdapterRoute, request: AdapterHttpRequest, res: Response): Promise<void> {
    try {
      writeResponse(res, await route.handler(request));
    } catch (error) {
      // The error may carry upstream details or secrets: log it, answer generically.
      this.logger.error({ err: error, messengerId: route.messengerId, route: routeKey(route.method, route.fullPath) }, 'adapter route failed');
      if (res.headersSent) res.destroy();
      else res.status(500).json({ error: 'internal error' });
    }
  }
}

/** The public URL of messenger `messengerId`'s route `path`, given where the world reaches the host. */
export function adapterRouteUrl(publicUrl: string, messengerId: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${ADAPTER_ROUTE_PREFIX}/${messengerId}${checkPath(path)}`;
}

function checkPath(path: string): string {
  if (!ROUTE_PATH.test(path)) throw new Error(`invalid adapter route path "${path}": must start with "/" and need no encoding`);
  return path;
}
