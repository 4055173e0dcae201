import { badRequest } from './bot-api-errors.js';
import type { Upload } from './multipart-body.js';
import type { RequestPayload } from './request-payload.js';

/** Where a file parameter points: a fresh upload, or a string (a file_id, or a URL Telegram would fetch). */
export type FileReference = { upload: Upload } | { fileId: string };

const attachPrefix = 'attach://';

/**
 * Typed reading of a call's parameters. Query, form and multipart values arrive as strings, so
 * numbers, booleans and JSON-encoded objects (reply_parameters, allowed_updates) are decoded here
 * whatever the encoding. Descriptions of type errors are the simulator's own; Telegram's
 * wording for them is not documented.
 */
export class MethodParams {
  constructor(private readonly payload: RequestPayload) {}

  string(name: string): string | undefined {
    const value = this.payload.fields[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw badRequest(`parameter "${name}" must be a string`);
  }

  integer(name: string): number | undefined {
    const value = this.payload.fields[name];
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number)) throw badRequest(`parameter "${name}" must be an integer`);
    return number;
  }

  boolean(name: string): boolean | undefined {
    const value = this.payload.fields[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (value === true || value === 'true' || value === '1' || value === 1) return true;
    if (value === false || value === 'false' || value === '0' || value === 0) return false;
    throw badRequest(`parameter "${name}" must be a Boolean`);
  }

  /** An object-valued parameter: an object in a JSON body, a JSON string in any other encoding. */
  json(name: string, label: string): unknown {
    const value = this.payload.fields[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(`can't parse ${label} JSON object`);
    }
  }

  /** The target chat: a number, or the original string when it is not numeric (an @username). */
  chatId(): number | string {
    const value = this.string('chat_id');
    if (!value) throw badRequest('chat_id is empty');
    return /^-?\d+$/.test(value) ? Number(value) : value;
  }

  /**
   * A file parameter the way Telegram resolves it: `attach://<part>` names a multipart file part
   * (grammy's way), a part named like the parameter is an upload too, any other string is a
   * file_id or URL.
   */
  file(name: string): FileReference | undefined {
    const value = this.string(name);
    if (value?.startsWith(attachPrefix)) {
      const upload = this.payload.uploads.get(value.slice(attachPrefix.length));
      if (!upload) throw badRequest('wrong file identifier/HTTP URL specified');
      return { upload };
    }
    if (value) return { fileId: value };
    const upload = this.payload.uploads.get(name);
    return upload ? { upload } : undefined;
  }

  /** The parameters for the call log, each upload as `{ fileName, size }` instead of its bytes. */
  forLog(): Record<string, unknown> {
    const logged: Record<string, unknown> = { ...this.payload.fields };
    const describe = (upload: Upload) => ({ fileName: upload.fileName, size: upload.data.length });
    for (const [name, value] of Object.entries(logged)) {
      const upload = typeof value === 'string' && value.startsWith(attachPrefix) ? this.payload.uploads.get(value.slice(attachPrefix.length)) : undefined;
      if (upload) logged[name] = describe(upload);
    }
    for (const [name, upload] of this.payload.uploads) {
      if (!(name in logged) && !Object.values(this.payload.fields).includes(attachPrefix + name)) logged[name] = describe(upload);
    }
    return logged;
  }
}
