/** An HTTP request as an adapter's webhook route sees it: the raw body is kept for signatures. */
export interface AdapterHttpRequest {
  method: string;
  path: string;
  /** Header names in lowercase. */
  headers: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, string | undefined>>;
  rawBody: Uint8Array;
}

export interface AdapterHttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export type AdapterRouteHandler = (request: AdapterHttpRequest) => Promise<AdapterHttpResponse>;

/**
 * Lets webhook-mode adapters mount routes on the host's server without knowing its framework.
 * Paths are relative to the messenger's own prefix (`/messengers/<messengerId>`).
 */
export interface RouteRegistrar {
  register(method: 'GET' | 'POST', path: string, handler: AdapterRouteHandler): void;
  /** The public URL a route will have, for registering webhooks upstream (e.g. Telegram setWebhook). */
  publicUrl(path: string): string;
}
