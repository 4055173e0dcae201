import type {
  ChannelSpec,
  ConversationEndReason,
  ConversationSpec,
  DownloadedFile,
  FailState,
  MessageRef,
  PostMessageSpec,
  UnbluApiVersion,
  UnbluChannel,
  UnbluConversation,
  UnbluFileRef,
  UnbluVisitor,
  UnbluWebhookRegistration,
  VisitorSpec,
  WebhookSpec,
} from './unblu-model.js';

/**
 * The engine's view of Unblu, the same for web API v4 and v3 (the `@parley/unblu` dialects
 * implement it). Errors: `TransientError` for network trouble, timeouts and 5xx (retry later),
 * `PermanentError` for 4xx (code `unblu.<status>`); "not found" reads return `undefined` instead.
 */
export interface UnbluGateway {
  readonly apiVersion: UnbluApiVersion;
  /** Unblu answers and accepts Parley's credentials. */
  ping(): Promise<void>;
  readonly channels: UnbluChannels;
  readonly webhooks: UnbluWebhooks;
  readonly visitors: UnbluVisitors;
  readonly conversations: UnbluConversations;
  readonly messages: UnbluMessages;
}

export interface UnbluChannels {
  create(spec: ChannelSpec): Promise<UnbluChannel>;
  /** Writes the whole channel; `channel.version` must be the newest (else a PermanentError, code `unblu.409`). */
  update(channel: UnbluChannel): Promise<UnbluChannel>;
  read(id: string): Promise<UnbluChannel | undefined>;
  findByName(name: string): Promise<UnbluChannel | undefined>;
  /** All custom external messenger channels of the account. */
  list(): Promise<UnbluChannel[]>;
  delete(id: string): Promise<void>;
  /** Asks Unblu to ping the channel's endpoint; resolves with the ping id (v3: an empty string). */
  ping(channelId: string): Promise<string>;
}

export interface UnbluWebhooks {
  create(spec: WebhookSpec): Promise<UnbluWebhookRegistration>;
  update(registration: UnbluWebhookRegistration): Promise<UnbluWebhookRegistration>;
  read(id: string): Promise<UnbluWebhookRegistration | undefined>;
  findByName(name: string): Promise<UnbluWebhookRegistration | undefined>;
  delete(id: string): Promise<void>;
  ping(id: string): Promise<void>;
}

export interface UnbluVisitors {
  /**
   * Creates or updates the customer's virtual person (and in v4 finds or creates their external
   * messenger contact on the channel). Idempotent: calling it again returns the same identity.
   */
  upsert(spec: VisitorSpec): Promise<UnbluVisitor>;
}

export interface UnbluConversations {
  /** Creates a visitor-initiated (`CHAT_REQUEST`) conversation linked to the channel and chat. */
  create(spec: ConversationSpec): Promise<UnbluConversation>;
  /** The channel's active (not ended) conversation for `sourceId`, if any. */
  findActive(channelId: string, sourceId: string): Promise<UnbluConversation | undefined>;
  read(id: string): Promise<UnbluConversation | undefined>;
  end(id: string, reason: ConversationEndReason, comment?: string): Promise<UnbluConversation>;
}

export interface UnbluMessages {
  /** Posts a customer's message; resolves with Unblu's message id. */
  send(spec: PostMessageSpec): Promise<{ messageId: string }>;
  /**
   * Optional (web API v4: the conversation's message log): the message posted with this
   * `sourceId` (the messenger's message id) at or after `since` (ms since epoch), if any. The
   * engine asks before posting again after an attempt whose outcome it does not know (a crash or
   * a lost answer), since `send` itself is not idempotent.
   */
  findBySourceId?(conversationId: string, sourceId: string, since: number): Promise<{ messageId: string } | undefined>;
  sentSuccessfully(ref: MessageRef): Promise<void>;
  sendFailed(ref: MessageRef, failState: FailState, reason: string): Promise<void>;
  delivered(ref: MessageRef): Promise<void>;
  read(ref: MessageRef): Promise<void>;
  /** Fetches a file message's content. `maxBytes` bounds the download (PermanentError beyond it). */
  download(file: UnbluFileRef, maxBytes: number): Promise<DownloadedFile>;
}
