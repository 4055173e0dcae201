import type { SimConversation, UnbluSimulator } from '@parley/unblu-simulator';

/** The conversations Unblu has for one messenger chat (exactly one is right). */
export const conversationsOf = (sim: UnbluSimulator, chatId: string): SimConversation[] => sim.conversations().filter((c) => c.sourceId === chatId);

/** Every customer message text Unblu recorded for a chat, in Unblu's order, duplicates included. */
export function visitorTexts(sim: UnbluSimulator, chatId: string): string[] {
  return conversationsOf(sim, chatId).flatMap((c) => sim.messages(c.id).filter((m) => m.direction === 'visitor').map((m) => m.text ?? ''));
}

/** How many customer messages Unblu recorded for these chats. */
export const visitorCount = (sim: UnbluSimulator, chatIds: Iterable<string>): number => [...chatIds].reduce((sum, chatId) => sum + visitorTexts(sim, chatId).length, 0);

/** Texts that appear more than once. */
export function repeated(texts: string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((t) => seen.has(t) || !seen.add(t));
}
