import type { UnbluGateway } from '@parley/core';
import type { DoctorCheck } from './doctor-check.js';
import { askUnblu } from './failure-hint.js';

/** Unblu answers and accepts Parley's credentials (`gateway.ping`). */
export function unbluCheck(gateway: Pick<UnbluGateway, 'ping' | 'apiVersion'>): DoctorCheck {
  return {
    name: 'unblu',
    run: async () => {
      await askUnblu(() => gateway.ping());
      return `web API ${gateway.apiVersion} reachable, credentials accepted`;
    },
  };
}
