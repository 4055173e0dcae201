/**
 * Wire shapes that web API v4 (Unblu 8) and v3 (Unblu 7) share. Only the fields Parley reads or
 * writes are typed; Unblu sends more. Every object carries `$_type`, its schema name.
 */

import type {
  ChannelStatus,
  ConversationEndReason,
  ConversationState,
  FailState,
  RecipientType,
} from '@parley/core';

// Enumerations whose values core's model already spells out: one list, named for the wire here.
export type WireRegistrationStatus = ChannelStatus;
export type WireSendFailState = FailState;
export type WireTextType = 'SIMPLE_TEXT' | 'MARKDOWN';
export type WireRecipientType = RecipientType;
export type WireConversationState = ConversationState;
export type WireConversationEndReason = ConversationEndReason;

/** Fields Unblu manages on every stored entity; absent on create, `version` required on update. */
export interface WireEntityMeta {
  id?: string;
  version?: number;
  accountId?: string;
  creationTimestamp?: number;
  modificationTimestamp?: number;
}

/** The body of every failed call. */
export interface WireError {
  $_type: 'Error';
  statusCode?: number;
  statusDescription?: string;
  errorMessage?: string;
}

export interface WireGlobalPingResponse {
  $_type: 'GlobalPingResponse';
  status?: string;
}

/** Search answer envelope (`…Result`), paginated by `nextOffset` while `hasMoreItems`. */
export interface WireSearchResult<T> {
  $_type: string;
  hasMoreItems?: boolean;
  nextOffset?: number;
  items?: T[];
}

/** A search filter: which field, and an operator (`EQUALS` is all Parley uses). */
export interface WireSearchFilter {
  $_type: string;
  field: string;
  operator: { $_type: string; type: 'EQUALS'; value: string };
}

/** Search request envelope (`…Query`). */
export interface WireQuery {
  $_type: string;
  searchFilters?: WireSearchFilter[];
  offset?: number;
  limit?: number;
}

/** A custom external messenger channel: the fields v3 and v4 share (v4 adds outbound and contact settings). */
export interface WireCustomChannelBase extends WireEntityMeta {
  $_type: 'CustomExternalMessengerChannel';
  type: 'CUSTOM';
  name: string;
  description?: string;
  /** Avatar id (or the avatar when expanded); kept as is on update. */
  channelIcon?: unknown;
  sourceId?: string;
  /** Where Unblu sends the channel's traffic. */
  webhookEndpoint: string;
  webhookApiVersion?: 'V1' | 'V2' | 'V3' | 'V4';
  webhookSecret?: string;
  webhookStatus?: WireRegistrationStatus;
  messageStateHandledExternally?: boolean;
  /** Only filled when read with `expand=metadata`. */
  metadata?: Record<string, string>;
}

/** The conversation fields Parley reads; v3 and v4 agree on them. */
export interface WireConversationBase {
  $_type: 'ConversationData';
  id: string;
  accountId?: string;
  creationTimestamp?: number;
  endTimestamp?: number;
  topic?: string;
  state?: WireConversationState;
  locale?: string;
  visitorData?: string;
  externalMessengerChannelId?: string;
  sourceId?: string;
}

/** Identical in v3 and v4 (v3 allows `apiVersion` V1–V3 only). */
export interface WireWebhookRegistration extends WireEntityMeta {
  $_type: 'WebhookRegistration';
  name: string;
  description?: string;
  status?: WireRegistrationStatus;
  endpoint: string;
  apiVersion?: 'V1' | 'V2' | 'V3' | 'V4';
  secret?: string;
  events?: string[];
}

/** A virtual or user-database person (v4 has a few more read-only display fields). */
export interface WirePersonData {
  $_type: 'PersonData';
  id?: string;
  accountId?: string;
  personSource?: 'VIRTUAL' | 'USER_DB';
  sourceId?: string;
  firstName?: string;
  lastName?: string;
  nickname?: string;
  displayName?: string;
  personType?: 'AGENT' | 'VISITOR' | 'SYSTEM' | 'BOT';
  email?: string;
  phone?: string;
}

/** The content part of a posted message, discriminated by `type` (v4 adds an optional `locale`). */
export type WirePostMessageData = WireTextPostMessageData | WireFilePostMessageData;

export interface WireTextPostMessageData {
  $_type: 'TextPostMessageData';
  type: 'TEXT';
  text: string;
  textType: WireTextType;
  fallbackText?: string;
}

export interface WireFilePostMessageData {
  $_type: 'FilePostMessageData';
  type: 'FILE';
  fileName: string;
  caption?: string;
  captionType?: WireTextType;
  /** RFC 2397 data URL holding the whole file. */
  fileData: string;
}

/** Body of `conversations/{id}/end` in both versions (an operation body: no `$_type`). */
export interface WireConversationsEndBody {
  reason: WireConversationEndReason;
  comment?: string;
}
