import type { MessageEntity } from 'grammy/types';
import { badRequest } from './bot-api-errors.js';
import { parseHtmlText, type FormattedText } from './html-text.js';
import type { MethodParams } from './method-params.js';

/** A text or caption as the customer will see it; `html` keeps the raw input when it was HTML. */
export interface ShownText extends FormattedText {
  html?: string;
}

/**
 * Applies `parse_mode` to a message text, with Telegram's rules: HTML is parsed (400 `can't
 * parse entities` on bad markup), the length is counted on the parsed text, an empty result is
 * `message text is empty`. MarkdownV2 and Markdown are real Telegram modes the simulator does not
 * implement; they get a 400 saying so (the simulator's own description).
 */
export function messageText(raw: string | undefined, params: MethodParams, maxLength: number): ShownText {
  if (!raw) throw badRequest('message text is empty');
  const shown = applyParseMode(raw, params, 'entities');
  if (shown.text.trim() === '') throw badRequest('message text is empty');
  if (shown.text.length > maxLength) throw badRequest('message is too long');
  return shown;
}

/** Like {@link messageText} for captions: empty is allowed, too long is `message caption is too long`. */
export function captionText(raw: string | undefined, params: MethodParams, maxLength: number): ShownText | undefined {
  if (!raw) return undefined;
  const shown = applyParseMode(raw, params, 'caption_entities');
  if (shown.text.length > maxLength) throw badRequest('message caption is too long');
  return shown;
}

function applyParseMode(raw: string, params: MethodParams, entitiesParam: string): ShownText {
  const mode = params.string('parse_mode') ?? '';
  switch (mode.toLowerCase()) {
    case '':
      return { text: raw, entities: explicitEntities(params, entitiesParam) };
    case 'html':
      return { ...parseHtmlText(raw), html: raw };
    case 'markdown':
    case 'markdownv2':
      throw badRequest(`parse_mode ${mode} is not supported by the simulator; use HTML or plain text`);
    default:
      throw badRequest('unsupported parse_mode');
  }
}

/** Entities the bot passed itself (plain text only); kept as given, not validated. */
function explicitEntities(params: MethodParams, name: string): MessageEntity[] {
  const value = params.json(name, 'message entities');
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest("can't parse message entities JSON object");
  return value as MessageEntity[];
}
