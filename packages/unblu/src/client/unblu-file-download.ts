import type { Readable } from 'node:stream';
import type { DownloadedFile, UnbluFileRef } from '@parley/core';
import { mapUnbluError } from './map-unblu-error.js';
import { UnbluPermanentError } from './unblu-errors.js';
import type { UnbluHttp } from './unblu-http.js';

const OPERATION = 'files/download';
/** Unblu answers 403 while its file interceptor (virus scan) has not released the file. */
const NOT_SCANNED_YET = { status: 403, code: 'unblu.file_not_ready' } as const;
/** Enough for any `Error` body; the rest of an error answer is discarded. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Fetches a file message's content from its `WEB_API` download link with Parley's credentials,
 * streaming it under a byte limit so an unexpectedly large file never fills the heap.
 *
 * The effective limit is the smaller of `maxBytes` and the client's `maxDownloadBytes`.
 * Credentials are only sent to the origin of `baseUrl` and to `trustedDownloadOrigins`.
 *
 * @throws UnbluPermanentError `unblu.file_too_large` beyond the limit (announced or counted),
 *   `unblu.untrusted_download_origin` for a link elsewhere, `unblu.<status>` when refused.
 * @throws UnbluTransientError `unblu.file_not_ready` for 403 (Unblu is still scanning the
 *   file), and the usual network, timeout and 5xx errors.
 */
export async function downloadUnbluFile(http: UnbluHttp, file: UnbluFileRef, maxBytes: number): Promise<DownloadedFile> {
  const limit = Math.min(maxBytes, http.config.maxDownloadBytes);
  if (file.size !== undefined && file.size > limit) throw tooLarge(file, limit);
  const url = trustedUrl(http, file.url);
  const response = await http.openStream(OPERATION, url);
  const stream = response.data;
  if (response.status < 200 || response.status >= 300) {
    const body = await readErrorBody(stream);
    const { status, statusText } = response;
    const headers = response.headers as Record<string, unknown>;
    throw mapUnbluError(OPERATION, { status, statusText, headers, body }, { notReady: NOT_SCANNED_YET });
  }
  const announced = Number(response.headers['content-length']);
  if (Number.isFinite(announced) && announced > limit) {
    stream.destroy();
    throw tooLarge(file, limit);
  }
  const data = await readLimited(stream, limit, file, http.config.downloadTimeoutMs);
  const contentType = response.headers['content-type'];
  return {
    fileName: file.fileName,
    mimeType: file.mimeType || mimeTypeOf(contentType) || 'application/octet-stream',
    data,
  };
}

function trustedUrl(http: UnbluHttp, link: string): string {
  const base = new URL(http.config.baseUrl);
  let url: URL;
  try {
    url = new URL(link, `${base.origin}/`);
  } catch {
    throw new UnbluPermanentError(`Unblu ${OPERATION} failed: the download link is not a URL`, 'unblu.bad_download_link', {
      operation: OPERATION,
    });
  }
  const trusted = new Set([base.origin, ...http.config.trustedDownloadOrigins.map((origin) => new URL(origin).origin)]);
  if (!trusted.has(url.origin)) {
    throw new UnbluPermanentError(
      `Unblu ${OPERATION} refused: ${url.origin} is not a trusted download origin (add it to trustedDownloadOrigins)`,
      'unblu.untrusted_download_origin',
      { operation: OPERATION },
    );
  }
  return url.href;
}

async function readLimited(stream: Readable, limit: number, file: UnbluFileRef, timeoutMs: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) {
        stream.destroy();
        throw tooLarge(file, limit);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof UnbluPermanentError) throw error;
    const code = (error as { code?: unknown }).code;
    throw mapUnbluError(OPERATION, { error, timedOut: code === 'ERR_CANCELED' || code === 'ECONNABORTED', timeoutMs });
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/** Reads a small error body; a broken or oversized one is cut short rather than failing. */
async function readErrorBody(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= MAX_ERROR_BODY_BYTES) break;
    }
  } catch {
    // The status already says what happened; the body only adds Unblu's wording.
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf8');
}

function mimeTypeOf(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const type = header.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

function tooLarge(file: UnbluFileRef, limit: number): UnbluPermanentError {
  return new UnbluPermanentError(
    `Unblu ${OPERATION} failed: ${file.fileName} is larger than the limit of ${limit} bytes`,
    'unblu.file_too_large',
    { operation: OPERATION },
  );
}
