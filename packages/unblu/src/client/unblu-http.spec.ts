import { inspect } from 'node:util';
import { PermanentError, TransientError } from '@parley/core';
import { parseRetryAfter } from './map-unblu-error.js';
import { startRecordingServer, type RecordingServer, type ScriptedHandler } from './testing/recording-server.js';
import { parseUnbluClientConfig, type UnbluClientConfigInput } from './unblu-client-config.js';
import { UnbluPermanentError, UnbluTransientError, isUnbluStatus } from './unblu-errors.js';
import { UnbluHttp, route } from './unblu-http.js';

const PASSWORD = 'pa55-w0rd-never-logged';
const BASIC = `Basic ${Buffer.from(`svc:${PASSWORD}`).toString('base64')}`;

function unbluError(statusCode: number, statusDescription: string, errorMessage: string): object {
  return { $_type: 'Error', statusCode, statusDescription, errorMessage };
}

describe('UnbluHttp', () => {
  let server: RecordingServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function clientFor(handler: ScriptedHandler, overrides: Partial<UnbluClientConfigInput> = {}): Promise<UnbluHttp> {
    server = await startRecordingServer(handler);
    return new UnbluHttp(
      parseUnbluClientConfig({
        baseUrl: `${server.url}/app/rest/v4`,
        apiVersion: 'v4',
        auth: { type: 'basic', username: 'svc', password: PASSWORD },
        ...overrides,
      }),
    );
  }

  async function failure(http: UnbluHttp, operation = 'conversations/create'): Promise<unknown> {
    try {
      await http.request({ operation, method: 'POST', path: '/conversations/create', body: { $_type: 'ConversationCreationData' } });
    } catch (error) {
      return error;
    }
    throw new Error('expected the request to fail');
  }

  describe('on success', () => {
    it('sends credentials, JSON and the query under the configured prefix, and parses the answer', async () => {
      const http = await clientFor(() => ({ body: { $_type: 'PersonData', id: 'p1' } }));
      const answer = await http.request<{ id: string }>({
        operation: 'persons/getBySource',
        method: 'GET',
        path: route`/persons/getBySource`.path,
        query: { personSource: 'VIRTUAL', sourceId: 'signal:+41 79/1?&', expand: undefined },
      });
      expect(answer).toEqual({ $_type: 'PersonData', id: 'p1' });
      const [request] = server?.requests ?? [];
      expect(request?.method).toBe('GET');
      expect(request?.path).toBe('/app/rest/v4/persons/getBySource');
      expect(request?.query).toEqual({ personSource: 'VIRTUAL', sourceId: 'signal:+41 79/1?&' });
      expect(request?.headers['authorization']).toBe(BASIC);
      expect(request?.headers['accept']).toBe('application/json');
      expect(request?.headers['user-agent']).toMatch(/^Parley/);
    });

    it('posts JSON bodies and resolves undefined for 204', async () => {
      const http = await clientFor(() => ({ status: 204 }));
      const answer = await http.request({ operation: 'x/y', method: 'POST', path: '/x/y', body: { $_type: 'Thing', a: 1 } });
      expect(answer).toBeUndefined();
      expect(server?.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
      expect(server?.requests[0]?.body).toEqual({ $_type: 'Thing', a: 1 });
    });

    it('uses a bearer token and a configured user agent', async () => {
      const http = await clientFor(() => ({ status: 204 }), { auth: { type: 'bearer', token: 'tok-123' }, userAgent: 'Bank/1.0' });
      await http.request({ operation: 'global/ping', method: 'GET', path: '/global/ping' });
      expect(server?.requests[0]?.headers['authorization']).toBe('Bearer tok-123');
      expect(server?.requests[0]?.headers['user-agent']).toBe('Bank/1.0');
    });

    it('encodes path parameters as one segment', () => {
      expect(route`/conversations/${'a/b?c'}/end`).toEqual({ path: '/conversations/a%2Fb%3Fc/end', operation: 'conversations/end' });
    });
  });

  describe('error mapping', () => {
    it('maps 5xx to a TransientError carrying status and Unblu message', async () => {
      const http = await clientFor(() => ({ status: 503, body: unbluError(503, 'Service Unavailable', 'Cluster node starting') }));
      const error = await failure(http);
      expect(error).toBeInstanceOf(UnbluTransientError);
      expect(error).toBeInstanceOf(TransientError);
      expect(error).toMatchObject({
        code: 'unblu.503',
        status: 503,
        operation: 'conversations/create',
        unbluMessage: 'Cluster node starting',
        message: 'Unblu conversations/create failed: 503 Service Unavailable — Cluster node starting',
      });
      expect((error as TransientError).retryAfterMs).toBeUndefined();
    });

    it('maps 429 with Retry-After to retryAfterMs', async () => {
      const http = await clientFor(() => ({ status: 429, headers: { 'Retry-After': '7' }, body: unbluError(429, 'Too Many Requests', 'slow down') }));
      const error = await failure(http);
      expect(error).toBeInstanceOf(UnbluTransientError);
      expect(error).toMatchObject({ code: 'unblu.429', status: 429, retryAfterMs: 7000 });
    });

    it.each([
      [400, 'Bad Request', 'sourceId too long'],
      [404, 'Not Found', 'No conversation with id x'],
      [409, 'Conflict', 'Conversation with this sourceId exists'],
    ])('maps %i to a PermanentError with status and Unblu message', async (status, phrase, unbluMessage) => {
      const http = await clientFor(() => ({ status, body: unbluError(status, phrase, unbluMessage) }));
      const error = await failure(http);
      expect(error).toBeInstanceOf(UnbluPermanentError);
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({
        code: `unblu.${status}`,
        status,
        unbluMessage,
        message: `Unblu conversations/create failed: ${status} ${phrase} — ${unbluMessage}`,
      });
      expect(isUnbluStatus(error, status)).toBe(true);
    });

    it('names the status when the body is not an Unblu Error', async () => {
      const http = await clientFor(() => ({ status: 502, body: '<html>bad gateway</html>' }));
      const error = await failure(http);
      expect(error).toMatchObject({ code: 'unblu.502', message: 'Unblu conversations/create failed: 502 Bad Gateway' });
    });

    it('does not follow redirects (a wrong baseUrl pointing at a login page)', async () => {
      const http = await clientFor(() => ({ status: 302, headers: { Location: '/login' } }));
      const error = await failure(http);
      expect(error).toBeInstanceOf(UnbluPermanentError);
      expect(error).toMatchObject({ code: 'unblu.302', status: 302 });
      expect(server?.requests).toHaveLength(1);
    });

    it('maps a timeout to a TransientError unblu.timeout', async () => {
      const http = await clientFor(() => ({ delayMs: 1000, status: 204 }), { timeoutMs: 100 });
      const error = await failure(http);
      expect(error).toBeInstanceOf(UnbluTransientError);
      expect(error).toMatchObject({ code: 'unblu.timeout', message: 'Unblu conversations/create failed: no answer within 100 ms' });
    });

    it('maps a refused connection to a TransientError unblu.unreachable', async () => {
      const http = await clientFor(() => ({ status: 204 }));
      await server?.close();
      const error = await failure(http);
      expect(error).toBeInstanceOf(UnbluTransientError);
      expect(error).toMatchObject({ code: 'unblu.unreachable', cause: expect.objectContaining({ code: 'ECONNREFUSED' }) });
      expect((error as Error).message).toMatch(/^Unblu conversations\/create failed: could not reach Unblu \(.*ECONNREFUSED/);
    });

    it('maps a dropped connection to a TransientError', async () => {
      const http = await clientFor(() => ({ destroySocket: true }));
      const error = await failure(http);
      expect(error).toBeInstanceOf(UnbluTransientError);
      expect(error).toMatchObject({ code: 'unblu.unreachable', cause: expect.objectContaining({ code: 'ECONNRESET' }) });
    });

    it('never exposes credentials in the error, its fields or its cause', async () => {
      const http = await clientFor(() => ({ destroySocket: true }));
      const network = await failure(http);
      await server?.close();
      const http2 = await clientFor(() => ({ status: 401, body: unbluError(401, 'Unauthorized', 'bad credentials') }));
      const refused = await failure(http2);
      for (const error of [network, refused]) {
        const everything = inspect(error, { depth: 20, showHidden: true }) + JSON.stringify(error);
        expect(everything).not.toContain(PASSWORD);
        expect(everything).not.toContain(BASIC.slice('Basic '.length));
      }
      expect(refused).toMatchObject({ code: 'unblu.401', unbluMessage: 'bad credentials' });
    });

    it('keeps credentials out of a logged client', async () => {
      const http = await clientFor(() => ({ status: 204 }));
      const everything = inspect(http, { depth: 20, showHidden: true }) + JSON.stringify(http);
      expect(everything).toContain('/app/rest/v4');
      expect(everything).not.toContain(PASSWORD);
      expect(everything).not.toContain(BASIC.slice('Basic '.length));
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(['3'], now)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
