import type { UnbluApiVersion } from '@parley/core';
import { createUnbluGateway } from '../create-unblu-gateway.js';
import type { UnbluV3Gateway } from '../v3/v3-gateway.js';
import type { UnbluV4Gateway } from '../v4/v4-gateway.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer, type ScriptedResponse } from './recording-server.js';

/** Answers keyed by `METHOD /path` relative to the API prefix, e.g. `POST /persons/createOrUpdateVirtual`. */
export type Routes = Record<string, (request: RecordedRequest) => ScriptedResponse>;

/** Unblu's 404 `Error` body. */
export const notFound: ScriptedResponse = {
  status: 404,
  body: { $_type: 'Error', statusCode: 404, statusDescription: 'Not Found', errorMessage: 'none' },
};

/** The credentials the scripted gateway uses, as the Authorization header carries them. */
export const SCRIPTED_AUTH = `Basic ${Buffer.from('svc:secret').toString('base64')}`;

type GatewayOf<V extends UnbluApiVersion> = V extends 'v4' ? UnbluV4Gateway : UnbluV3Gateway;

export interface ScriptedUnblu<V extends UnbluApiVersion> {
  server: RecordingServer;
  gateway: GatewayOf<V>;
  /** Fill per test; an unscripted request gets status 599 so the test fails loudly. */
  routes: Routes;
  /** Every request so far as `METHOD /path`, prefix removed. */
  calls(): string[];
  close(): Promise<void>;
}

/**
 * A gateway of `apiVersion` pointed at a recording server under `prefix`, for specs that assert
 * exactly what the client puts on the wire.
 */
export async function startScriptedUnblu<V extends UnbluApiVersion>(apiVersion: V, prefix: string): Promise<ScriptedUnblu<V>> {
  const routes: Routes = {};
  const key = (request: RecordedRequest): string => `${request.method} ${request.path.slice(prefix.length)}`;
  const server = await startRecordingServer((request) => {
    const handler = routes[key(request)];
    return handler ? handler(request) : { status: 599, body: `no route for ${request.method} ${request.path}` };
  });
  const gateway = createUnbluGateway({
    baseUrl: `${server.url}${prefix}`,
    apiVersion,
    auth: { type: 'basic', username: 'svc', password: 'secret' },
  }) as GatewayOf<V>;
  return { server, gateway, routes, calls: () => server.requests.map(key), close: () => server.close() };
}
