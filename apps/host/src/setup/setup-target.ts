/** What `parley setup` makes Unblu look like: one channel per messenger, one webhook registration. */
export interface SetupTarget {
  /** Where Unblu reaches Parley's Unblu endpoint, e.g. `https://parley.example.com/unblu`. */
  endpoint: string;
  /** The secret Unblu signs its calls with; written to every channel and the registration, never printed. */
  secret: string;
  channels: ChannelTarget[];
  /** The webhook registration for conversation lifecycle events (`conversation.ended` at least). */
  webhook: WebhookTarget;
}

export interface ChannelTarget {
  /** The messenger instance's id in the configuration (`telegram`, `signal-private`). */
  messengerId: string;
  /** The channel's name in Unblu, unique per account: how setup finds it again. */
  name: string;
  /** Left as Unblu has it when absent, so an admin's text in the Unblu UI survives. */
  description?: string;
  messageStateHandledExternally: boolean;
}

export interface WebhookTarget {
  name: string;
  /** Events Parley needs. Setup adds missing ones and keeps extra ones an admin may have added. */
  events: string[];
}

export interface SetupOptions {
  /** Read Unblu and report what would change; write nothing. */
  dryRun?: boolean;
  /**
   * Re-send the secret even when nothing else differs. Needed once after rotating the secret
   * on an Unblu that does not show secrets on read (setup cannot see that it differs there).
   */
  resendSecrets?: boolean;
}
