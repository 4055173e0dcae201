import type { AdapterDescriptor } from '../adapter/adapter-descriptor.js';
import type { MessengerAdapter } from '../adapter/messenger-adapter.js';

/** One configured messenger instance as the engine runs it: an adapter tied to its Unblu channel. */
export interface MessengerBinding {
  /** The configured instance id, e.g. `signal-private`; unique per engine. */
  messengerId: string;
  adapter: MessengerAdapter;
  /** The Unblu external messenger channel this instance speaks through (one per instance). */
  channelId: string;
  /**
   * Template for the agent's name in front of outbound text where the adapter declares a
   * `centralAccount` (default `{name}: `); `false` turns the prefix off.
   */
  senderPrefix?: string | false;
  /** Name used in the prefix when Unblu gives no name for an agent or bot (default `Agent`). */
  fallbackSenderName?: string;
  /**
   * Whether the channel has `messageStateHandledExternally`, so Parley reports delivered/read
   * from the messenger's receipts. Defaults to whether the adapter declares receipts.
   */
  messageStatesHandledExternally?: boolean;
  /** Text sent to the customer when an agent ends the conversation; none when absent. */
  closingText?: string;
  /** How an edited customer message is shown to the agent; `{text}` is the new text. */
  editTemplate?: string;
}

export const DEFAULT_EDIT_TEMPLATE = '(edited) {text}';
export const DEFAULT_FALLBACK_SENDER_NAME = 'Agent';

/**
 * Whether a messenger tells Parley about delivery or reads, so its Unblu channel should hand
 * message states to Parley (`messageStateHandledExternally`). `parley setup` and the engine agree
 * through this one rule.
 */
export function reportsMessageStates(descriptor: AdapterDescriptor): boolean {
  return descriptor.capabilities.deliveryReceipts || descriptor.capabilities.readReceipts;
}

/** Whether the binding reports message states from receipts to Unblu. */
export function handlesStatesExternally(binding: MessengerBinding): boolean {
  return binding.messageStatesHandledExternally ?? reportsMessageStates(binding.adapter.descriptor);
}
