import { startRouteServer, type RouteServer } from './route-server.js';

describe('startRouteServer', () => {
  let server: RouteServer;

  beforeEach(async () => {
    server = await startRouteServer();
  });

  afterEach(() => server.close());

  it('serves a registered route over HTTP with the raw body, lowercase headers and the query', async () => {
    server.registrar.register('POST', '/hook', (request) =>
      Promise.resolve({ status: 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: Buffer.from(request.rawBody).toString(), secret: request.headers['x-secret'], q: request.query['a'] }) }),
    );
    const response = await fetch(`${server.registrar.publicUrl('/hook')}?a=1&a=2`, { method: 'POST', headers: { 'X-Secret': 's3' }, body: 'raw {body}' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ body: 'raw {body}', secret: 's3', q: '1' });
  });

  it('answers 404 for unknown routes and 500 when a handler throws', async () => {
    server.registrar.register('POST', '/boom', () => Promise.reject(new Error('bug')));
    expect((await fetch(`${server.url}/nothing`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${server.url}/boom`, { method: 'POST' })).status).toBe(500);
  });

  it('refuses a route registered twice', () => {
    server.registrar.register('GET', '/x', () => Promise.resolve({ status: 200 }));
    expect(() => server.registrar.register('GET', '/x', () => Promise.resolve({ status: 200 }))).toThrow('already registered');
  });
});
