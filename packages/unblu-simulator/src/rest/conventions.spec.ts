import { startUnbluSimulator } from '../start-unblu-simulator.js';
import type { UnbluSimulator } from '../unblu-simulator.js';
import { API_VERSIONS, call, createChannel, entityPath, ID_PATTERN, ok } from '../test-support.spec-helper.js';

describe.each(API_VERSIONS)('REST conventions (%s)', (apiVersion) => {
  let sim: UnbluSimulator;
  beforeEach(async () => {
    sim = await startUnbluSimulator({ apiVersion, bearerTokens: ['token-123'], maxBodyBytes: 64 * 1024 });
  });
  afterEach(() => sim.close());

  it('serves the API under the version base path', () => {
    expect(sim.apiBaseUrl).toBe(`${sim.url}/app/rest/${apiVersion}`);
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 with an Error body and a challenge without or with wrong credentials', async () => {
    const missing = await call(sim, 'GET', '/externalmessengers/getByName?name=x', undefined, null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Basic');
    expect(missing.body).toEqual({ $_type: 'Error', statusCode: 401, statusDescription: 'Unauthorized', errorMessage: expect.any(String) });
    const wrong = await call(sim, 'GET', '/externalmessengers/getByName?name=x', undefined, `Basic ${Buffer.from('admin:nope').toString('base64')}`);
    expect(wrong.status).toBe(401);
    const badToken = await call(sim, 'GET', '/externalmessengers/getByName?name=x', undefined, 'Bearer other');
    expect(badToken.status).toBe(401);
  });

  it('accepts a configured bearer token', async () => {
    const res = await call(sim, 'GET', '/externalmessengers/getByName?name=x', undefined, 'Bearer token-123');
    expect(res.status).toBe(404);
  });

  it('answers /global/ping without authentication, as the spec allows anonymous callers', async () => {
    const res = await call(sim, 'GET', '/global/ping', undefined, null);
    expect(res.status).toBe(200);
    expect(res.body.$_type).toBe('GlobalPingResponse');
  });

  it('gives entities $_type, 22-character ids, versions and millisecond timestamps', async () => {
    const before = Date.now();
    const channel = await createChannel(sim, 'http://127.0.0.1:9/hook');
    expect(channel.$_type).toBe('CustomExternalMessengerChannel');
    expect(channel.type).toBe('CUSTOM');
    expect(channel.id).toMatch(ID_PATTERN);
    expect(channel.version).toBe(1);
    expect(channel.creationTimestamp).toBeGreaterThanOrEqual(before);
    expect(channel.creationTimestamp).toBeLessThanOrEqual(Date.now());
    expect(channel.accountId).toMatch(ID_PATTERN);
    const read = await ok(sim, 'GET', entityPath(sim, 'externalmessengers', channel.id, 'read'));
    expect(read).toEqual(channel);
  });

  it('rejects an update based on a stale version with 409 and increments the version otherwise', async () => {
    const channel = await createChannel(sim, 'http://127.0.0.1:9/hook');
    const updated = await ok(sim, 'POST', '/externalmessengers/update', { ...channel, description: 'v2' });
    expect(updated.version).toBe(2);
    expect(updated.description).toBe('v2');
    const stale = await call(sim, 'POST', '/externalmessengers/update', { ...channel, description: 'stale' });
    expect(stale.status).toBe(409);
    expect(stale.body.$_type).toBe('Error');
    const unversioned = await call(sim, 'POST', '/externalmessengers/update', { ...updated, version: null });
    expect(unversioned.status).toBe(400);
    expect(unversioned.body.errorMessage).toContain('version');
  });

  it('answers getByName with 404 when no channel has the name, and 409 for a taken name', async () => {
    const missing = await call(sim, 'GET', '/externalmessengers/getByName?name=nobody');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ $_type: 'Error', statusCode: 404, statusDescription: 'Not Found' });
    const channel = await createChannel(sim, 'http://127.0.0.1:9/hook', { name: 'Telegram' });
    expect((await ok(sim, 'GET', '/externalmessengers/getByName?name=Telegram')).id).toBe(channel.id);
    const duplicate = await call(sim, 'POST', '/externalmessengers/create', { ...channel, id: null });
    expect(duplicate.status).toBe(409);
  });

  it('names the offending field of an invalid body', async () => {
    const res = await call(sim, 'POST', '/externalmessengers/create', { $_type: 'CustomExternalMessengerChannel', name: 'x', outboundTimeoutMillis: 1000 });
    expect(res.status).toBe(400);
    expect(res.body.errorMessage).toContain('webhookEndpoint');
    const wrongType = await call(sim, 'POST', '/persons/createOrUpdateVirtual', { $_type: 'PersonData', personSource: 'USER_DB', sourceId: 'a' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errorMessage).toContain('personSource');
  });

  it('returns metadata only when expanded', async () => {
    const channel = await createChannel(sim, 'http://127.0.0.1:9/hook', { metadata: { owner: 'parley' } });
    expect(channel.metadata).toBeNull();
    const expanded = await ok(sim, 'GET', `${entityPath(sim, 'externalmessengers', channel.id, 'read')}${apiVersion === 'v4' ? '?' : '&'}expand=metadata`);
    expect(expanded.metadata).toEqual({ owner: 'parley' });
    // An update without metadata (as read unexpanded) keeps the stored metadata.
    await ok(sim, 'POST', '/externalmessengers/update?expand=metadata', { ...channel, metadata: null });
    const again = await ok(sim, 'GET', `/externalmessengers/getByName?name=${encodeURIComponent(channel.name)}&expand=metadata`);
    expect(again.metadata).toEqual({ owner: 'parley' });
  });

  it('answers 413 for a body over the size limit and 400 for malformed JSON', async () => {
    const big = await call(sim, 'POST', '/externalmessengers/create', { name: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.$_type).toBe('Error');
    const res = await fetch(`${sim.apiBaseUrl}/externalmessengers/create`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'Content-Type': 'application/json' },
      body: '{"name":',
    });
    expect(res.status).toBe(400);
  });

  it('answers unknown endpoints with a 404 Error body', async () => {
    const res = await call(sim, 'GET', '/nothing/here');
    expect(res.status).toBe(404);
    expect(res.body.$_type).toBe('Error');
  });

  it('searches channels by name and pages the result', async () => {
    await createChannel(sim, 'http://127.0.0.1:9/a', { name: 'Signal private' });
    await createChannel(sim, 'http://127.0.0.1:9/b', { name: 'Signal business' });
    await createChannel(sim, 'http://127.0.0.1:9/c', { name: 'Telegram' });
    const result = await ok(sim, 'POST', '/externalmessengers/search', {
      $_type: 'ExternalMessengerChannelQuery',
      searchFilters: [{ field: 'NAME', operator: { type: 'CONTAINS', value: 'signal' } }],
      limit: 1,
    });
    expect(result).toMatchObject({ $_type: 'ExternalMessengerChannelResult', hasMoreItems: true, nextOffset: 1 });
    expect(result.items.map((c: { name: string }) => c.name)).toEqual(['Signal private']);
  });

  it('deletes a channel and then answers 404 for it', async () => {
    const channel = await createChannel(sim, 'http://127.0.0.1:9/hook');
    const deleted = await call(sim, 'DELETE', entityPath(sim, 'externalmessengers', channel.id, 'delete'));
    expect(deleted.status).toBe(204);
    expect((await call(sim, 'GET', entityPath(sim, 'externalmessengers', channel.id, 'read'))).status).toBe(404);
  });
});

describe('options', () => {
  it('rejects invalid options with one error listing every problem', async () => {
    await expect(startUnbluSimulator({ port: -1, apiVersion: 'v9' as 'v4' })).rejects.toThrow(/port[\s\S]*apiVersion/);
  });

  it('uses a custom base path and user', async () => {
    const sim = await startUnbluSimulator({ basePath: '/unblu/rest/v4', users: [{ username: 'svc', password: 's3cret' }] });
    try {
      expect(sim.apiBaseUrl).toBe(`${sim.url}/unblu/rest/v4`);
      const res = await call(sim, 'GET', '/externalmessengers/getByName?name=x', undefined, `Basic ${Buffer.from('svc:s3cret').toString('base64')}`);
      expect(res.status).toBe(404);
    } finally {
      await sim.close();
    }
  });
});
