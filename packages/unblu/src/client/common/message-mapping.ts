import { toDataUrl, type PostedContent } from '@parley/core';
import { optional } from './optional.js';
import type { WirePostMessageData } from './wire-common.js';

/**
 * A customer's message content → `PostMessageData`, the same in v3 and v4. Text is sent as
 * plain text (never Markdown: customers do not write Unblu's Markdown, and stray `*` would
 * be rendered). Files travel inline as an RFC 2397 data URL; Unblu has no upload endpoint
 * for external messengers.
 */
export function postMessageData(content: PostedContent): WirePostMessageData {
  switch (content.kind) {
    case 'text':
      return { $_type: 'TextPostMessageData', type: 'TEXT', text: content.text, textType: 'SIMPLE_TEXT' };
    case 'file':
      return {
        $_type: 'FilePostMessageData',
        type: 'FILE',
        fileName: content.fileName,
        ...optional('caption', content.caption),
        ...(content.caption === undefined ? {} : { captionType: 'SIMPLE_TEXT' as const }),
        fileData: toDataUrl(content.mimeType, content.data),
      };
  }
}
