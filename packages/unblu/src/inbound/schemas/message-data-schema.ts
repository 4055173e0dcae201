import { z } from 'zod';

/*
 * The parts of Unblu's entities Parley reads from its calls. Objects are not strict: unknown
 * fields are dropped, because Unblu adds fields from version to version. Optional fields accept
 * `null`, which Unblu's serializer writes for unset values.
 */

const optionalString = z.string().nullish();
const requiredId = z.string().min(1);

/** `PersonData`: the sender of a message. v3 has no `displayNameForVisitor`. */
export const personDataSchema = z.object({
  id: optionalString,
  personType: z.string().min(1),
  displayNameForVisitor: optionalString,
  displayName: optionalString,
  firstName: optionalString,
  lastName: optionalString,
});
export type PersonDataPayload = z.infer<typeof personDataSchema>;

/** `DownloadLink` of a v4 file message; `WEB_API` is the one fetchable with web API credentials. */
export const downloadLinkSchema = z.object({
  type: optionalString,
  url: z.string().min(1),
});

/** `ExternalMessengerContact`: who an outbound new-message request is addressed to (v4). */
export const externalMessengerContactSchema = z.object({
  id: requiredId,
  sourceId: optionalString,
  personId: optionalString,
});

const messageDataShape = z.object({
  id: requiredId,
  conversationId: requiredId,
  externalMessengerChannelId: optionalString,
  type: z.string().min(1),
  senderPerson: personDataSchema.nullish(),
  serverTimestamp: z.number().int().nullish(),
  sendTimestamp: z.number().int().nullish(),
  fallbackText: optionalString,
  internal: z.boolean().nullish(),
  replyToMessageId: optionalString,
  // TEXT (and SYSTEM)
  text: optionalString,
  textType: optionalString,
  // FILE
  fileName: optionalString,
  mimeType: optionalString,
  caption: optionalString,
  totalSize: z.number().int().nonnegative().nullish(),
  /** v4: typed links. */
  downloadLinks: z.array(downloadLinkSchema).nullish(),
  /** v3: the web API link as a plain string. */
  downloadLink: optionalString,
});
type MessageDataShape = z.infer<typeof messageDataShape>;

/** The URL of a file message's web API download link, in v4 (`downloadLinks`) or v3 (`downloadLink`) form. */
export function webApiDownloadUrl(message: Pick<MessageDataShape, 'downloadLinks' | 'downloadLink'>): string | undefined {
  const typed = message.downloadLinks?.find((link) => link.type === 'WEB_API');
  return typed?.url ?? (message.downloadLink || undefined);
}

/**
 * `MessageData` (any subtype, told apart by `type`). Beyond the common fields, a TEXT message
 * must carry `text`, and a FILE message a `fileName` and a web API download link: without them
 * Parley has nothing to forward.
 */
export const messageDataSchema = messageDataShape.superRefine((message, context) => {
  if (message.type === 'TEXT' && typeof message.text !== 'string') {
    context.addIssue({ code: 'custom', path: ['text'], message: 'a TEXT message needs a text' });
  }
  if (message.type !== 'FILE') return;
  if (!message.fileName) {
    context.addIssue({ code: 'custom', path: ['fileName'], message: 'a FILE message needs a file name' });
  }
  if (webApiDownloadUrl(message) === undefined) {
    context.addIssue({ code: 'custom', path: ['downloadLinks'], message: 'a FILE message needs a WEB_API download link' });
  }
});
export type MessageDataPayload = z.infer<typeof messageDataSchema>;
