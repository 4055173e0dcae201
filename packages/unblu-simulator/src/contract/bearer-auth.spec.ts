import { PermanentError, type UnbluApiVersion } from '@parley/core';
import { createUnbluGateway } from '@parley/unblu';
import { startUnbluSimulator } from '../start-unblu-simulator.js';
import type { UnbluSimulator } from '../unblu-simulator.js';

describe.each<UnbluApiVersion>(['v4', 'v3'])('bearer token authentication (%s)', (apiVersion) => {
  let sim: UnbluSimulator;

  beforeAll(async () => {
    sim = await startUnbluSimulator({ apiVersion, bearerTokens: ['service-token-1'] });
  });
  afterAll(async () => {
    await sim.close();
  });

  const gatewayWith = (token: string) =>
    createUnbluGateway({ baseUrl: sim.apiBaseUrl, apiVersion, auth: { type: 'bearer', token } });

  it('works with an accepted token', async () => {
    const gateway = gatewayWith('service-token-1');
    await expect(gateway.ping()).resolves.toBeUndefined();
    const channel = await gateway.channels.create({ name: 'bearer', endpoint: 'http://127.0.0.1:9/unblu' });
    expect(await gateway.channels.findByName('bearer')).toMatchObject({ id: channel.id });
  });

  it('fails permanently with 401 for an unknown token', async () => {
    const failure = gatewayWith('stolen').channels.list();
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(gatewayWith('stolen').channels.list()).rejects.toMatchObject({ code: 'unblu.401', status: 401 });
  });
});
