import type { SimConversation, SimFile, SimMessage, UnbluSimulator } from '@parley/unblu-simulator';

/** The conversations Unblu has for one messenger chat (exactly one is right). */
export const conversationsOf = (sim: UnbluSimulator, chatId: string): SimConversation[] => sim.conversations().filter((c) => c.sourceId === chatId);

/** Every customer message Unblu recorded for a chat, texts and files, in Unblu's order, duplicates included. */
export function visitorMessages(sim: UnbluSimulator, chatId: string): SimMessage[] {
  return conversationsOf(sim, chatId).flatMap((c) => sim.messages(c.id).filter((m) => m.direction === 'visitor'));
}

/** Every customer message text Unblu recorded for a chat, in Unblu's order, duplicates included. */
export function visitorTexts(sim: UnbluSimulator, chatId: string): string[] {
  return visitorMessages(sim, chatId).map((m) => m.text ?? '');
}

/** How many customer messages Unblu recorded for these chats. */
export const visitorCount = (sim: UnbluSimulator, chatIds: Iterable<string>): number => [...chatIds].reduce((sum, chatId) => sum + visitorTexts(sim, chatId).length, 0);

/** Texts that appear more than once. */
export function repeated(texts: string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((t) => seen.has(t) || !seen.add(t));
}

/** The bytes of a file Unblu stores, fetched as an API client would (the simulator's first user). */
export async function fileBytes(sim: UnbluSimulator, file: SimFile): Promise<Buffer> {
  const user = sim.users[0];
  if (!user) throw new Error('the Unblu simulator has no user to download with');
  const authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  const response = await fetch(file.downloadUrl, { headers: { authorization } });
  if (response.status !== 200) throw new Error(`downloading ${file.fileName} from Unblu answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
