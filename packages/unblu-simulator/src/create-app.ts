import express, { type Express } from 'express';
import { sendAgentPage } from './control/agent-page.js';
import { createControlRouter } from './control/control-routes.js';
import type { SimulatorServices } from './domain/simulator-services.js';
import type { ResolvedOptions } from './options.js';
import { errorHandler, unknownEndpoint } from './rest/errors.js';
import type { FaultInjector } from './rest/faults.js';
import { fileDownload } from './rest/file-download.js';
import { createRestRouter } from './rest/rest-router.js';
import type { UnbluSimulator } from './unblu-simulator.js';
import type { WireDialect } from './wire/wire-dialect.js';

export interface AppParts {
  options: ResolvedOptions;
  services: SimulatorServices;
  wire: WireDialect;
  faults: FaultInjector;
  simulator: UnbluSimulator;
}

/** The HTTP surface: REST API under the base path, control API and agent page under `/sim`. */
export function createApp({ options, services, wire, faults, simulator }: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    options.basePath,
    createRestRouter({
      apiVersion: options.apiVersion,
      services,
      wire,
      faults,
      users: options.users,
      bearerTokens: options.bearerTokens,
      maxBodyBytes: options.maxBodyBytes,
    }),
  );
  app.use('/sim', createControlRouter(simulator, fileDownload(services.state), options.maxBodyBytes));
  app.get('/', sendAgentPage);
  app.use(unknownEndpoint);
  app.use(errorHandler);
  return app;
}
