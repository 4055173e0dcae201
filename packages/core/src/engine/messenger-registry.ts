import { PermanentError } from '../errors/parley-error.js';
import type { MessengerBinding } from './messenger-binding.js';

/** The engine's configured messengers, by instance id and by Unblu channel. */
export class MessengerRegistry {
  private readonly byId = new Map<string, MessengerBinding>();
  private readonly byChannelId = new Map<string, MessengerBinding>();

  constructor(bindings: readonly MessengerBinding[]) {
    for (const binding of bindings) {
      if (this.byId.has(binding.messengerId)) throw new TypeError(`messenger "${binding.messengerId}" is configured twice`);
      if (this.byChannelId.has(binding.channelId)) {
        throw new TypeError(`messengers "${this.byChannelId.get(binding.channelId)?.messengerId}" and "${binding.messengerId}" share Unblu channel ${binding.channelId}; each needs its own`);
      }
      this.byId.set(binding.messengerId, binding);
      this.byChannelId.set(binding.channelId, binding);
    }
  }

  all(): MessengerBinding[] {
    return [...this.byId.values()];
  }

  /** The binding of a messenger id taken from a stored job; a job for a removed messenger cannot run. */
  get(messengerId: string): MessengerBinding {
    const binding = this.byId.get(messengerId);
    if (!binding) throw new PermanentError(`messenger "${messengerId}" is not configured (any more)`, 'engine.unknown_messenger');
    return binding;
  }

  byChannel(channelId: string): MessengerBinding | undefined {
    return this.byChannelId.get(channelId);
  }
}
