import type { AdapterHttpRequest, Logger } from '@parley/core';
import express, { type Express } from 'express';
import request from 'supertest';
import { AdapterRoutes } from './adapter-routes.js';

function appFor(routes: AdapterRoutes, bodyLimitBytes = 1024): Express {
  const app = express();
  app.use(routes.router({ bodyLimitBytes }));
  app.use((_req, res) => void res.status(404).json({ error: 'not found' }));
  return app;
}

function recordingLogger(): Logger & { error: jest.Mock } {
  const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn(), child: jest.fn() };
  logger.child.mockReturnValue(logger);
  return logger;
}

describe('AdapterRoutes', () => {
  it('serves a route under /messengers/<id> with the raw body, lowercase headers and a flat query', async () => {
    const routes = new AdapterRoutes();
    const seen: AdapterHttpRequest[] = [];
    routes.forMessenger('telegram', 'https://parley.example.com').register('POST', '/webhook', (req) => {
      seen.push(req);
      return Promise.resolve({ status: 202, headers: { 'content-type': 'text/plain', 'x-adapter': 'yes' }, body: 'taken' });
    });
    const body = '{"update_id":1,  "message":{}}';
    const res = await request(appFor(routes))
      .post('/messengers/telegram/webhook?a=1&a=2&b=x')
      .set('Content-Type', 'application/json')
      .set('X-Telegram-Bot-Api-Secret-Token', 'tok')
      .send(body);
    expect(res.status).toBe(202);
    expect(res.headers['x-adapter']).toBe('yes');
    expect(res.text).toBe('taken');
    const [req] = seen;
    expect(req).toMatchObject({ method: 'POST', path: '/messengers/telegram/webhook', query: { a: '1', b: 'x' } });
    expect(req?.headers['x-telegram-bot-api-secret-token']).toBe('tok');
    expect(Buffer.from(req?.rawBody ?? []).toString('utf8')).toBe(body);
  });

  it('answers binary bodies unchanged and GET routes with an empty raw body', async () => {
    const routes = new AdapterRoutes();
    const registrar = routes.forMessenger('signal', 'http://localhost:8080/');
    registrar.register('GET', '/file', (req) => Promise.resolve({ status: 200, body: new Uint8Array([0, 1, 2, req.rawBody.length]) }));
    const res = await request(appFor(routes)).get('/messengers/signal/file').buffer(true).parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect([...(res.body as Buffer)]).toStrictEqual([0, 1, 2, 0]);
  });

  it('gives the public URL of a route', () => {
    const registrar = new AdapterRoutes().forMessenger('telegram', 'https://parley.example.com/');
    expect(registrar.publicUrl('/webhook')).toBe('https://parley.example.com/messengers/telegram/webhook');
  });

  it('serves routes registered after the app was built, and passes unknown ones on', async () => {
    const routes = new AdapterRoutes();
    const app = appFor(routes);
    expect((await request(app).post('/messengers/late/hook')).status).toBe(404);
    routes.forMessenger('late', 'http://x').register('POST', '/hook', () => Promise.resolve({ status: 204 }));
    expect((await request(app).post('/messengers/late/hook')).status).toBe(204);
    expect((await request(app).get('/messengers/late/hook')).status).toBe(404);
  });

  it('answers 500 without leaking when a handler throws, and logs it', async () => {
    const logger = recordingLogger();
    const routes = new AdapterRoutes({ logger });
    routes.forMessenger('telegram', 'http://x').register('POST', '/webhook', () => Promise.reject(new Error('token 123:ABC rejected')));
    const res = await request(appFor(routes)).post('/messengers/telegram/webhook').send('x');
    expect(res.status).toBe(500);
    expect(res.body).toStrictEqual({ error: 'internal error' });
    expect(res.text).not.toContain('123:ABC');
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ messengerId: 'telegram', route: 'POST /messengers/telegram/webhook' }), 'adapter route failed');
  });

  it('refuses a body over the limit before calling the handler', async () => {
    const routes = new AdapterRoutes();
    const handler = jest.fn();
    routes.forMessenger('telegram', 'http://x').register('POST', '/webhook', handler);
    const app = appFor(routes, 16);
    app.use((error: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(error.status ?? 500).end();
    });
    expect((await request(app).post('/messengers/telegram/webhook').send('x'.repeat(100))).status).toBe(413);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a duplicate route, naming it, and invalid ids or paths', () => {
    const routes = new AdapterRoutes();
    const handler = () => Promise.resolve({ status: 200 });
    routes.forMessenger('telegram', 'http://x').register('POST', '/webhook', handler);
    routes.forMessenger('telegram', 'http://x').register('GET', '/webhook', handler);
    expect(() => routes.forMessenger('telegram', 'http://x').register('POST', '/webhook', handler)).toThrow(
      'adapter route already registered: POST /messengers/telegram/webhook',
    );
    expect(() => routes.forMessenger('../admin', 'http://x')).toThrow(/invalid messenger id/);
    expect(() => routes.forMessenger('telegram', 'http://x').register('POST', 'webhook', handler)).toThrow(/must start with/);
  });
});
