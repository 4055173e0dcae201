import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { badRequest, entityTooLarge } from './bot-api-errors.js';

/** A file part of a multipart request. */
export interface Upload {
  /** The part's filename; grammy sends `InputFile.filename` or `<param>.<ext>`. */
  fileName: string;
  /** The part's content type; grammy always sends `application/octet-stream`. */
  contentType: string;
  data: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  /** File parts by part name; grammy names them with a random id it references as `attach://<id>`. */
  uploads: Map<string, Upload>;
}

/**
 * Reads a multipart/form-data body with busboy, which accepts grammy's unquoted, space-less
 * `content-disposition:form-data;name="x";filename=doc.txt` headers (undici's `formData()`
 * does not). A file beyond `maxFileBytes` rejects with 413, but only after the body was drained
 * so the keep-alive connection stays usable for the next call. A malformed body rejects with
 * 400 (that description is the simulator's own).
 */
export function readMultipartBody(req: IncomingMessage, maxFileBytes: number): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    const body: MultipartBody = { fields: {}, uploads: new Map() };
    let tooLarge = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: maxFileBytes, fieldSize: 1024 * 1024 } });
    } catch {
      req.resume();
      reject(badRequest('wrong multipart/form-data body'));
      return;
    }
    parser.on('field', (name, value, info) => {
      tooLarge ||= info.valueTruncated;
      body.fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (tooLarge = true));
      stream.on('end', () => {
        body.uploads.set(name, { fileName: info.filename, contentType: info.mimeType, data: Buffer.concat(chunks) });
      });
    });
    parser.on('close', () => (tooLarge ? reject(entityTooLarge()) : resolve(body)));
    parser.on('error', () => {
      req.unpipe(parser);
      req.resume();
      reject(badRequest('wrong multipart/form-data body'));
    });
    req.pipe(parser);
  });
}
