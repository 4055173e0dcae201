import type { Readable } from 'node:stream';
import axios, { type AxiosInstance, type AxiosResponse, type RawAxiosRequestHeaders } from 'axios';
import { mapUnbluError } from './map-unblu-error.js';
import type { UnbluAuth, UnbluClientConfig } from './unblu-client-config.js';

export type UnbluHttpMethod = 'GET' | 'POST' | 'DELETE';

/** One web API call. */
export interface UnbluRequest {
  /** Names the call in errors, e.g. `conversations/create`. */
  readonly operation: string;
  readonly method: UnbluHttpMethod;
  /** Relative to the configured base URL, starting with `/`, path parameters already encoded (see {@link route}). */
  readonly path: string;
  /** Query parameters; `undefined` values are left out. */
  readonly query?: Readonly<Record<string, string | undefined>>;
  /** Serialised as JSON. Omit for calls without a body. */
  readonly body?: unknown;
}

/** What an {@link UnbluHttp} keeps of its configuration: everything but the credentials. */
export type UnbluHttpSettings = Readonly<Omit<UnbluClientConfig, 'auth'>>;

/** JSON answers larger than this are refused: no web API entity comes close. */
const MAX_JSON_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A web API endpoint: the request path and the operation name errors use. */
export interface ApiRoute {
  /** Relative to the base URL, path parameters percent-encoded. */
  readonly path: string;
  /** The path without its parameters, e.g. `conversations/end` for `/conversations/{id}/end`. */
  readonly operation: string;
}

/**
 * Builds an {@link ApiRoute}, percent-encoding every interpolated value as one path segment so
 * an id can never add segments or a query: route`/conversations/${id}/end`.
 */
export function route(strings: TemplateStringsArray, ...values: string[]): ApiRoute {
  const path = strings.reduce((built, part, index) => {
    const value = index < values.length ? encodeURIComponent(values[index] ?? '') : '';
    return built + part + value;
  }, '');
  const operation = strings.join('').replace(/\/{2,}/g, '/').replace(/^\/|\/$/g, '');
  return { path, operation };
}

function authorizationHeader(auth: UnbluAuth): string {
  if (auth.type === 'bearer') return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}

/**
 * The transport under both dialects: one axios instance with Parley's credentials, JSON and a
 * deadline; every non-2xx answer and every network failure is turned into a typed error by
 * {@link mapUnbluError}. Redirects are not followed: a web API never redirects, and a redirect
 * usually means a wrong `baseUrl` pointing at a login page.
 */
export class UnbluHttp {
  /** The configuration without `auth`, so logging a client can never print its credentials. */
  readonly config: UnbluHttpSettings;
  // A #private field: util.inspect and JSON.stringify do not show it, and it holds the Authorization header.
  readonly #client: AxiosInstance;

  constructor(config: UnbluClientConfig) {
    const { auth, ...settings } = config;
    this.config = settings;
    this.#client = axios.create({
      baseURL: config.baseUrl,
      headers: {
        Authorization: authorizationHeader(auth),
        Accept: 'application/json',
        'User-Agent': config.userAgent ?? 'Parley (@parley/unblu)',
      },
      maxRedirects: 0,
      // Statuses are mapped by mapUnbluError, not thrown by axios with the request config attached.
      validateStatus: () => true,
    });
  }

  /**
   * Performs `request` and resolves with the parsed JSON body (`undefined` for an empty answer,
   * e.g. 204). The type parameter is trusted, not checked: callers validate what they rely on.
   *
   * @throws UnbluTransientError or UnbluPermanentError (see {@link mapUnbluError}).
   */
  async request<T>(request: UnbluRequest): Promise<T> {
    const response = await this.send<unknown>(request.operation, this.config.timeoutMs, {
      method: request.method,
      url: withQuery(request.path, request.query),
      data: request.body,
      maxContentLength: MAX_JSON_RESPONSE_BYTES,
    });
    if (response.status < 200 || response.status >= 300) {
      throw mapUnbluError(request.operation, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers as Record<string, unknown>,
        body: response.data,
      });
    }
    return (response.data === '' ? undefined : response.data) as T;
  }

  /**
   * Opens a GET on an absolute URL with Parley's credentials and resolves with the response
   * whatever its status; the body is a stream the caller must consume or destroy. The
   * download deadline covers reading the body too.
   */
  async openStream(operation: string, url: string): Promise<AxiosResponse<Readable>> {
    return this.send<Readable>(operation, this.config.downloadTimeoutMs, {
      method: 'GET',
      url,
      responseType: 'stream',
      headers: { Accept: '*/*' },
    });
  }

  private async send<T>(operation: string, timeoutMs: number, options: SendOptions): Promise<AxiosResponse<T>> {
    // axios' own timeout only bounds socket inactivity; the signal bounds the whole exchange.
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      return await this.#client.request<T>({ ...options, timeout: timeoutMs, signal: deadline });
    } catch (error) {
      throw mapUnbluError(operation, { error, timedOut: deadline.aborted || isAxiosTimeout(error), timeoutMs });
    }
  }
}

interface SendOptions {
  method: UnbluHttpMethod;
  url: string;
  data?: unknown;
  maxContentLength?: number;
  responseType?: 'stream';
  headers?: RawAxiosRequestHeaders;
}

function isAxiosTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ECONNABORTED' || code === 'ETIMEDOUT';
}

function withQuery(path: string, query: UnbluRequest['query']): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.append(name, value);
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}
