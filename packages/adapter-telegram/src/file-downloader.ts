import { PermanentError, TransientError, type Attachment } from '@parley/core';
import type { Api } from 'grammy';
import { TELEGRAM_LIMITS, megabytes } from './capabilities.js';
import { toParleyError } from './errors.js';
import type { TelegramFileRef } from './inbound-update.js';
import { forGrammy } from './grammy-signal.js';

/**
 * Fetches customers' files from Telegram: `getFile` for a path, then the bytes from
 * `<apiRoot>/file/bot<token>/<path>`. Files beyond the Bot API's 20 MB download limit are refused
 * before any request with a {@link PermanentError} (`telegram.file_too_large`), so the caller
 * can tell the agent instead of retrying; connection trouble is a {@link TransientError}.
 */
export class FileDownloader {
  constructor(
    private readonly api: Api,
    private readonly fileRoot: string,
    private readonly maxBytes: number = TELEGRAM_LIMITS.downloadBytes,
  ) {}

  async download(ref: TelegramFileRef, signal: AbortSignal): Promise<Attachment> {
    if (ref.size !== undefined && ref.size > this.maxBytes) throw tooLarge(ref, ref.size, this.maxBytes);
    let path: string | undefined;
    try {
      path = (await this.api.getFile(ref.fileId, forGrammy(signal))).file_path;
    } catch (error) {
      throw toParleyError(error, `getFile for "${ref.fileName}"`);
    }
    if (path === undefined) throw new PermanentError(`Telegram gave no download path for "${ref.fileName}"`, 'telegram.file_unavailable');
    const data = await this.fetchBytes(path, ref, signal);
    return { fileName: ref.fileName, mimeType: ref.mimeType, data };
  }

  private async fetchBytes(path: string, ref: TelegramFileRef, signal: AbortSignal): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await fetch(`${this.fileRoot}/${path}`, { signal });
    } catch (error) {
      throw new TransientError(`downloading "${ref.fileName}" from Telegram failed: ${(error as Error).message}`, 'telegram.unreachable', { cause: error });
    }
    if (!response.ok) {
      await response.body?.cancel();
      const what = `downloading "${ref.fileName}" from Telegram answered ${response.status}`;
      throw response.status >= 500 || response.status === 429 || response.status === 404 ? new TransientError(what, 'telegram.unavailable') : new PermanentError(what, 'telegram.file_unavailable');
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > this.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(ref, declared, this.maxBytes);
    }
    const data = new Uint8Array(await response.arrayBuffer());
    if (data.byteLength > this.maxBytes) throw tooLarge(ref, data.byteLength, this.maxBytes);
    return data;
  }
}

function tooLarge(ref: TelegramFileRef, size: number, limit: number): PermanentError {
  return new PermanentError(`"${ref.fileName}" is ${megabytes(size)}; Telegram lets bots download files up to ${megabytes(limit)}`, 'telegram.file_too_large');
}
