import express, { Router } from 'express';
import type { ApiVersion } from '../domain/entities.js';
import type { SimulatorServices } from '../domain/simulator-services.js';
import type { WireDialect } from '../wire/wire-dialect.js';
import { ApiOperations } from './api-operations.js';
import { requireAuthentication, type Credentials } from './auth.js';
import { errorHandler, unknownEndpoint } from './errors.js';
import type { FaultInjector } from './faults.js';
import { fileDownload } from './file-download.js';
import { v3Routes } from './v3-routes.js';
import { v4Routes } from './v4-routes.js';

export interface RestRouterOptions {
  apiVersion: ApiVersion;
  services: SimulatorServices;
  wire: WireDialect;
  faults: FaultInjector;
  users: readonly Credentials[];
  bearerTokens: readonly string[];
  maxBodyBytes: number;
}

/**
 * The simulated web API under its base path. Order matters: faults strike before anything else
 * (even authentication), `/global/ping` is anonymous as in Unblu, everything else needs auth.
 */
export function createRestRouter(o: RestRouterOptions): Router {
  const router = Router();
  router.use(o.faults.middleware());
  router.get('/global/ping', (_req, res) => {
    res.json({ $_type: 'GlobalPingResponse', status: 'OK' });
  });
  router.use(requireAuthentication(o.users, o.bearerTokens));
  router.use(express.json({ limit: o.maxBodyBytes }));
  router.get('/files/:fileStoreId', fileDownload(o.services.state));
  const ops = new ApiOperations(o.services, o.wire);
  router.use(o.apiVersion === 'v4' ? v4Routes(ops) : v3Routes(ops));
  router.use(unknownEndpoint);
  router.use(errorHandler);
  return router;
}
