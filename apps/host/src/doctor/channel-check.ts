import type { UnbluGateway } from '@parley/core';
import type { DoctorCheck } from './doctor-check.js';
import { askUnblu } from './failure-hint.js';

/** The channel named `name` exists in Unblu and is ACTIVE (Unblu sends it nothing otherwise). */
export function channelCheck(gateway: Pick<UnbluGateway, 'channels'>, name: string): DoctorCheck {
  return {
    name: `channel '${name}'`,
    run: async () => {
      const channel = await askUnblu(() => gateway.channels.findByName(name));
      if (!channel) throw new Error('not found in Unblu — run parley setup');
      if (channel.status !== 'ACTIVE') {
        throw new Error(`status ${channel.status} — Unblu disables a channel whose endpoint kept failing; run parley setup to reactivate it`);
      }
      return `ACTIVE (id ${channel.id}) → ${channel.endpoint}`;
    },
  };
}
