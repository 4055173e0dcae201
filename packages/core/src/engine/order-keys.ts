/**
 * Order keys: the jobs of one key run one at a time, in order. Customer → agent work is ordered
 * per messenger chat, agent → customer work per Unblu conversation; the two directions are
 * independent and may interleave.
 */
export const orderKeys = {
  inbound: (messengerId: string, chatId: string): string => `in:${messengerId}:${chatId}`,
  outbound: (conversationId: string): string => `out:${conversationId}`,
};

/** Dedupe keys: what makes a redelivered event recognisable. */
export const dedupeKeys = {
  inboundMessage: (messengerId: string, externalMessageId: string): string => `in:${messengerId}:${externalMessageId}`,
  agentMessage: (unbluMessageId: string): string => `unblu:${unbluMessageId}`,
  unbluEvent: (name: string, id: string): string => `unblu-event:${name}:${id}`,
};
