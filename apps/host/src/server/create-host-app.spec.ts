import type { Logger, UnbluEventListener } from '@parley/core';
import { UNBLU_CALL_HEADERS, UNBLU_USER_AGENT, signUnbluBody } from '@parley/unblu';
import type { Express } from 'express';
import { HostMetrics } from '../observability/host-metrics.js';
import { AdapterRoutes } from './adapter-routes.js';
import request from 'supertest';
import { createHostApp, type HostAppOptions } from './create-host-app.js';

const UNBLU_SECRET = 'unblu-channel-secret-for-tests';

/** A logger whose calls the test can inspect; `child` returns itself, with the bindings recorded. */
function recordingLogger(): Logger & { [K in 'debug' | 'info' | 'warn' | 'error' | 'child']: jest.Mock } {
  const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn(), child: jest.fn() };
  logger.child.mockReturnValue(logger);
  return logger;
}

function fakeUnbluListener(): UnbluEventListener & { onPing: jest.Mock } {
  return {
    onAgentMessage: jest.fn().mockResolvedValue({ externalMessageId: 'parley-msg-1' }),
    onMessageState: jest.fn().mockResolvedValue(undefined),
    onConversationEvent: jest.fn().mockResolvedValue(undefined),
    onPing: jest.fn(),
  };
}

/** An Unblu v4 outbound ping as Unblu's sender would send it, signed with `secret` (unsigned without). */
function unbluPing(pingId: string, secret?: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ $_type: 'PingRequest', accountId: 'account-1', serviceName: 'outbound.ping', pingId });
  const headers: Record<string, string> = {
    'user-agent': UNBLU_USER_AGENT,
    'content-type': 'application/json; charset=UTF-8',
    [UNBLU_CALL_HEADERS.serviceName]: 'outbound.ping',
    [UNBLU_CALL_HEADERS.invocationId]: `inv-${pingId}`,
    ...(secret === undefined ? {} : signUnbluBody(secret, body)),
  };
  return { body, headers };
}

interface HostAppFixture {
  app: Express;
  options: HostAppOptions;
  listener: ReturnType<typeof fakeUnbluListener>;
  logger: ReturnType<typeof recordingLogger>;
}

/** A host app over fakes: ready, no queue, one messenger connected; override any option. */
function hostAppFixture(overrides: Partial<HostAppOptions> = {}): HostAppFixture {
  const listener = fakeUnbluListener();
  const logger = recordingLogger();
  const options: HostAppOptions = {
    unbluPath: '/unblu',
    unbluSecrets: [UNBLU_SECRET],
    unbluListener: listener,
    bodyLimitBytes: 64 * 1024,
    adapterRoutes: new AdapterRoutes({ logger }),
    metrics: new HostMetrics(
      {
        queueDepth: () => Promise.resolve(0),
        deadLetters: () => Promise.resolve(0),
        health: () => ({ telegram: { state: 'connected', since: 0 } }),
      },
      { defaultMetrics: false },
    ),
    readiness: () => Promise.resolve({ ready: true, checks: { store: { ok: true } } }),
    logger,
    ...overrides,
  };
  return { app: createHostApp(options), options, listener, logger };
}

describe('createHostApp: Unblu endpoint', () => {
  it('answers a signed ping and hands it to the listener', async () => {
    const { app, listener } = hostAppFixture();
    const ping = unbluPing('ping-1', UNBLU_SECRET);
    const res = await request(app).post('/unblu').set(ping.headers).send(ping.body);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toStrictEqual({ $_type: 'PingResponse', pingId: 'ping-1' });
    expect(res.headers['x-unblu-signature-256']).toMatch(/^[0-9a-f]{64}$/);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(listener.onPing).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['unsigned', undefined],
    ['forged', 'attacker-guess'],
  ])('refuses an %s call with 401 and calls nothing', async (_label, secret) => {
    const { app, listener, logger } = hostAppFixture();
    const ping = unbluPing('ping-2', secret);
    const res = await request(app).post('/unblu').set(ping.headers).set('x-request-id', 'req-401').send(ping.body);
    expect(res.status).toBe(401);
    expect(listener.onPing).not.toHaveBeenCalled();
    // The Unblu handler is shared by all requests, yet its lines carry the request's id.
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ requestId: 'req-401' }), expect.stringContaining('signature'));
  });

  it('mounts it at the configured path', async () => {
    const { app } = hostAppFixture({ unbluPath: '/hooks/unblu' });
    const ping = unbluPing('ping-3', UNBLU_SECRET);
    expect((await request(app).post('/hooks/unblu').set(ping.headers).send(ping.body)).status).toBe(200);
    expect((await request(app).post('/unblu').set(ping.headers).send(ping.body)).status).toBe(404);
  });

  it('answers 413 to a body over the limit', async () => {
    const { app } = hostAppFixture({ bodyLimitBytes: 64 });
    const ping = unbluPing('x'.repeat(200), UNBLU_SECRET);
    expect((await request(app).post('/unblu').set(ping.headers).send(ping.body)).status).toBe(413);
  });

  it('refuses options the Unblu handler cannot work with', () => {
    const { options } = hostAppFixture();
    expect(() => createHostApp({ ...options, unbluSecrets: [] })).toThrow(/secrets/);
  });
});

describe('createHostApp: adapter routes', () => {
  it('serves registered routes and refuses bodies over the limit with 413 JSON', async () => {
    const { app, options } = hostAppFixture({ bodyLimitBytes: 32 });
    const handler = jest.fn().mockResolvedValue({ status: 200, body: 'ok' });
    options.adapterRoutes.forMessenger('telegram', 'http://x').register('POST', '/webhook', handler);
    expect((await request(app).post('/messengers/telegram/webhook').send('small')).text).toBe('ok');
    const tooLarge = await request(app).post('/messengers/telegram/webhook').send('x'.repeat(100));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toStrictEqual({ error: 'payload too large' });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('createHostApp: probes and metrics', () => {
  it('answers /healthz while the process runs', async () => {
    const res = await request(hostAppFixture().app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when ready and 503 listing the failed checks when not', async () => {
    const ready = await request(hostAppFixture().app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toStrictEqual({ ready: true, checks: { store: { ok: true } } });
    const checks = { store: { ok: true }, unblu: { ok: false, detail: 'HTTP 401' }, telegram: { ok: false, detail: 'connecting' } };
    const { app } = hostAppFixture({ readiness: () => Promise.resolve({ ready: false, checks }) });
    const notReady = await request(app).get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toStrictEqual({ ready: false, checks });
  });

  it('answers /readyz 503 when the checks fail or hang', async () => {
    const failing = hostAppFixture({ readiness: () => Promise.reject(new Error('db password wrong')) });
    const failed = await request(failing.app).get('/readyz');
    expect(failed.status).toBe(503);
    expect(failed.text).not.toContain('password');
    expect(failing.logger.error).toHaveBeenCalled();
    const hanging = hostAppFixture({ readiness: () => new Promise(() => undefined), readinessTimeoutMs: 20 });
    const timedOut = await request(hanging.app).get('/readyz');
    expect(timedOut.status).toBe(503);
    expect(timedOut.body).toStrictEqual({ ready: false, checks: { readiness: { ok: false, detail: 'no answer within 20 ms' } } });
  });

  it('serves Prometheus text with the engine counters and request timings', async () => {
    const { app, options } = hostAppFixture();
    options.metrics.inboundAccepted({ messengerId: 'telegram', kind: 'message', duplicate: false });
    options.metrics.jobSettled({ kind: 'deliver-inbound', outcome: 'done', durationMs: 5, attempts: 1 });
    await request(app).get('/healthz');
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('parley_inbound_messages_total{messenger="telegram",outcome="accepted"} 1');
    expect(res.text).toContain('parley_jobs_total{kind="deliver-inbound",outcome="done"} 1');
    expect(res.text).toContain('parley_messenger_up{messenger="telegram",state="connected"} 1');
    expect(res.text).toContain('parley_http_request_duration_seconds_count{route="/healthz",status="200"} 1');
  });
});

describe('createHostApp: requests', () => {
  it('echoes an acceptable x-request-id and binds it into the request logger', async () => {
    const { app, logger } = hostAppFixture();
    const res = await request(app).get('/healthz').set('x-request-id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(logger.child).toHaveBeenCalledWith({ requestId: 'abc-123' });
    expect(logger.debug).toHaveBeenCalledWith(expect.objectContaining({ method: 'GET', path: '/healthz', status: 200 }), 'request served');
  });

  it('generates a request id when none or an unsafe one is given', async () => {
    const { app } = hostAppFixture();
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect((await request(app).get('/healthz')).headers['x-request-id']).toMatch(uuid);
    expect((await request(app).get('/healthz').set('x-request-id', 'a b{}')).headers['x-request-id']).toMatch(uuid);
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await request(hostAppFixture().app).get('/nope?token=abc');
    expect(res.status).toBe(404);
    expect(res.body).toStrictEqual({ error: 'not found', detail: 'no route for GET /nope' });
  });

  it('answers unexpected errors with 500 JSON, no stack trace', async () => {
    const { app, options } = hostAppFixture();
    jest.spyOn(options.metrics, 'metrics').mockRejectedValue(new Error('registry exploded at /srv/parley'));
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(500);
    expect(res.body).toStrictEqual({ error: 'internal error' });
    expect(res.text).not.toContain('/srv/parley');
  });
});
