import type {
  ApiVersion,
  ChannelRecord,
  ContactRecord,
  ConversationRecord,
  MessageRecord,
  PersonRecord,
  WebApiVersion,
  WebhookRegistrationRecord,
} from '../domain/entities.js';
import type { SimulatorState } from '../domain/simulator-state.js';

/** A JSON object as sent on the wire. */
export type Json = Record<string, unknown>;

/** The `expand` values of a request (`metadata`, `configuration`, `text`, …). */
export type Expand = ReadonlySet<string>;

export const NO_EXPAND: Expand = new Set();

/** Absolute URLs the simulator puts into payloads. */
export interface WireLinks {
  apiBaseUrl: string;
  agentPageUrl: string;
  /** Download URL of a stored file under the REST API (Basic auth). */
  webApiFileUrl(fileStoreId: string): string;
  /** Download URL of a stored file for the agent page (no auth, like the control API). */
  agentDeskFileUrl(fileStoreId: string): string;
}

/** What serializers need to resolve references (sender persons, contacts). */
export interface WireContext {
  state: SimulatorState;
  links: WireLinks;
}

/**
 * How one web API version renders the internal records as JSON. Every schema field is present,
 * `null` when unset, as in Unblu's own answers; expandable fields are filled only when expanded.
 */
export interface WireDialect {
  readonly version: ApiVersion;
  channel(channel: ChannelRecord, expand?: Expand): Json;
  person(person: PersonRecord, expand?: Expand): Json;
  contact(contact: ContactRecord): Json;
  conversation(conversation: ConversationRecord, expand?: Expand): Json;
  message(message: MessageRecord): Json;
  registration(registration: WebhookRegistrationRecord): Json;
}

/** The payload dialect for an endpoint's `EWebApiVersion`: V4 speaks v4, anything older v3. */
export function dialectVersionOf(webApiVersion: WebApiVersion): ApiVersion {
  return webApiVersion === 'V4' ? 'v4' : 'v3';
}
