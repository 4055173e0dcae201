import { reportsMessageStates } from '@parley/core';
import type { LoadedMessenger } from './adapters/load-messengers.js';
import type { HostConfig } from './config/host-config.js';
import type { SetupTarget } from './setup/index.js';

/** The webhook registration's name and the lifecycle events Parley needs from it. */
export const WEBHOOK_NAME = 'parley-conversation-events';
export const WEBHOOK_EVENTS = ['conversation.ended'];

/** What `parley setup` should make Unblu look like for this configuration. */
export function setupTarget(config: HostConfig, messengers: readonly LoadedMessenger[]): SetupTarget {
  return {
    endpoint: `${config.unblu.publicUrl}${config.server.unbluPath}`,
    secret: config.unblu.secret,
    channels: messengers.map((m) => ({
      messengerId: m.messengerId,
      name: m.config.channel.name,
      description: m.config.channel.description,
      messageStateHandledExternally: reportsMessageStates(m.adapter.descriptor),
    })),
    webhook: { name: WEBHOOK_NAME, events: WEBHOOK_EVENTS },
  };
}
