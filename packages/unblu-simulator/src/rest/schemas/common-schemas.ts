import { z } from 'zod';
import type { ChannelUpdate } from '../../domain/channel-service.js';
import type { PersonFields, WebApiVersion } from '../../domain/entities.js';
import type { MessageContent } from '../../domain/message-recorder.js';
import type { WebhookRegistrationUpdate } from '../../domain/webhook-registration-service.js';
import { badRequest } from '../../unblu-error.js';
import { parseDataUrl } from '../data-url.js';

/*
 * Request body schemas both API versions share. Unknown properties are ignored; `null` is
 * accepted wherever a property may be omitted, as Unblu's own clients send nulls.
 */

/** Optional on the wire; `null` in the parsed result when absent. */
export const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

/** `$_type`, when given, must name the expected schema. */
export const typeTag = (name: string) => z.literal(name).nullish();

export const id = z.string().min(1);
export const metadata = z.record(z.string(), z.string());
export const registrationStatus = z.enum(['ACTIVE', 'INACTIVE', 'INACTIVE_UNAVAILABLE']);
export const textType = z.enum(['SIMPLE_TEXT', 'MARKDOWN']);
export const failState = z.enum(['RETRYABLE', 'TERMINAL']);

export const endReason = z.enum([
  'ENDED_BY_PARTICIPANT',
  'MANDATORY_PARTICIPANT_GONE',
  'REQUEST_DECLINED',
  'REQUEST_NOT_ANSWERED',
  'EXTERNAL_CHANNEL_CLOSED',
  'SOLVED_BY_BOT',
  'CANCELED',
  'CALL_ENDED',
  'NO_AGENT_AVAILABLE',
  'OTHER',
]);

export const engagementType = z.enum([
  'CHAT_REQUEST', 'OFFLINE_CHAT_REQUEST', 'VIDEO_REQUEST', 'AUDIO_REQUEST', 'HEADLESS_BROWSER_REQUEST',
  'DOMCAP_BROWSER_REQUEST', 'MOBILE_COBROWSING_REQUEST', 'WHITEBOARD_REQUEST', 'SCREEN_SHARING_REQUEST',
  'VISITOR_COBROWSING', 'HEADLESS_PIN', 'DOMCAP_PIN', 'MOBILE_PIN', 'WHITEBOARD_PIN', 'SCREEN_SHARING_PIN',
  'CHAT_PIN', 'CHAT_INVITE', 'HEADLESS_INVITE', 'WHITEBOARD_INVITE', 'SCREEN_SHARING_INVITE', 'SCHEDULED_CONVERSATION',
]);

export const httpUrl = z
  .string()
  .max(4000)
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), 'must be an absolute http(s) URL');

export const idList = z.array(id);

export const endBody = z.object({ reason: optional(endReason), comment: optional(z.string()) });

export const searchQuery = (typeName: string) =>
  z.object({
    $_type: typeTag(typeName),
    searchFilters: z
      .array(
        z.object({
          field: z.string(),
          operator: z.object({
            type: z.string(),
            value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
            values: z.array(z.union([z.string(), z.number(), z.boolean()])).nullish(),
            caseSensitive: z.boolean().nullish(),
            minimum: z.number().nullish(),
            maximum: z.number().nullish(),
          }),
        }),
      )
      .nullish(),
    orderBy: z.array(z.unknown()).nullish(),
    offset: z.number().int().min(0).nullish(),
    limit: z.number().int().min(1).nullish(),
  });

export const person = z
  .object({
    $_type: typeTag('PersonData'),
    personSource: z.literal('VIRTUAL').nullish(),
    sourceId: z.string().min(1).max(250),
    sourceUrl: optional(z.string()),
    sourceData: optional(z.string()),
    firstName: optional(z.string()),
    lastName: optional(z.string()),
    username: optional(z.string()),
    nickname: optional(z.string()),
    email: optional(z.string()),
    phone: optional(z.string()),
    personType: optional(z.enum(['AGENT', 'VISITOR', 'SYSTEM', 'BOT'])),
    metadata: optional(metadata),
  })
  .transform(({ $_type: _t, personSource: _s, ...p }): PersonFields => ({ ...p, personType: p.personType ?? 'VISITOR' }));

/** Channel fields of both versions; v4 extends them with its outbound and contact settings. */
export const channelShape = {
  $_type: typeTag('CustomExternalMessengerChannel'),
  type: z.literal('CUSTOM').nullish(),
  id: optional(z.string()),
  version: optional(z.number().int()),
  name: z.string().min(1),
  description: optional(z.string()),
  channelIcon: z.unknown().optional(),
  sourceId: optional(z.string().max(250)),
  webhookEndpoint: httpUrl,
  webhookSecret: optional(z.string().max(4000)),
  webhookStatus: optional(registrationStatus),
  messageStateHandledExternally: optional(z.boolean()),
  metadata: optional(metadata),
};

type ChannelShape = z.output<z.ZodObject<typeof channelShape>> & { webhookApiVersion: WebApiVersion | null };

/** Fills Unblu's defaults for fields only v4 has, or that the client left out. */
export function toChannelUpdate(c: ChannelShape, defaultApiVersion: WebApiVersion, v4: Partial<ChannelUpdate> = {}): ChannelUpdate {
  return {
    id: c.id,
    version: c.version,
    name: c.name,
    description: c.description,
    channelIcon: c.channelIcon ?? null,
    sourceId: c.sourceId,
    webhookEndpoint: c.webhookEndpoint,
    webhookApiVersion: c.webhookApiVersion ?? defaultApiVersion,
    webhookSecret: c.webhookSecret,
    webhookStatus: c.webhookStatus ?? 'ACTIVE',
    messageStateHandledExternally: c.messageStateHandledExternally ?? false,
    outboundSupported: false,
    outboundTimeoutMillis: null,
    contactIdentifierFieldName: null,
    contactIdentifierFieldType: null,
    contactIdentifierTranslations: null,
    supportsMultipleConversationsPerContact: true,
    metadata: c.metadata,
    ...v4,
  };
}

export const registration = (apiVersions: readonly [WebApiVersion, ...WebApiVersion[]], defaultApiVersion: WebApiVersion) =>
  z
    .object({
      $_type: typeTag('WebhookRegistration'),
      id: optional(z.string()),
      version: optional(z.number().int()),
      name: z.string().min(1).max(250),
      status: optional(registrationStatus),
      description: optional(z.string().max(500)),
      endpoint: httpUrl,
      apiVersion: optional(z.enum(apiVersions)),
      secret: optional(z.string().max(4000)),
      events: z.array(z.string().min(1)),
    })
    .transform(({ $_type: _t, ...r }): WebhookRegistrationUpdate => ({
      ...r,
      status: r.status ?? 'ACTIVE',
      apiVersion: r.apiVersion ?? defaultApiVersion,
    }));

const quickReplies = optional(z.array(z.object({ text: z.string() })));

const textPostMessageData = z.object({
  $_type: typeTag('TextPostMessageData'),
  type: z.literal('TEXT'),
  text: z.string().min(1),
  textType: optional(textType),
  fallbackText: optional(z.string()),
  locale: optional(z.string()),
  quickReplies,
});

const filePostMessageData = z.object({
  $_type: typeTag('FilePostMessageData'),
  type: z.literal('FILE'),
  fileName: z.string().min(1),
  fileData: z.string().min(1),
  caption: optional(z.string()),
  captionType: optional(textType),
  fallbackText: optional(z.string()),
  locale: optional(z.string()),
  quickReplies,
});

export const postMessageData = z.discriminatedUnion('type', [textPostMessageData, filePostMessageData], {
  error: 'must be TEXT or FILE; other message types are not simulated',
});

/** The message content with a file decoded from its data URL; 400 if it is not one. */
export function toContent(data: z.output<typeof postMessageData>): { content: MessageContent; locale: string | null } {
  const replies = data.quickReplies?.map((q) => q.text) ?? null;
  if (data.type === 'TEXT') {
    const { text, fallbackText } = data;
    return { content: { type: 'TEXT', text, textType: data.textType ?? 'SIMPLE_TEXT', fallbackText, quickReplies: replies }, locale: data.locale };
  }
  const decoded = parseDataUrl(data.fileData);
  if (!decoded) throw badRequest('messageData.fileData: must be an RFC 2397 data URL (data:<type>;base64,<data>)');
  const content: MessageContent = {
    type: 'FILE',
    fileName: data.fileName,
    mimeType: decoded.mimeType,
    data: decoded.data,
    caption: data.caption,
    captionType: data.captionType ?? 'SIMPLE_TEXT',
    fallbackText: data.fallbackText,
    quickReplies: replies,
  };
  return { content, locale: data.locale };
}
