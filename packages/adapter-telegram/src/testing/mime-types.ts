/**
 * Telegram derives a document's mime_type from its file name when the upload says
 * `application/octet-stream` (which grammy always does); this is a small table of the usual ones.
 */
const byExtension: ReadonlyMap<string, string> = new Map([
  ['txt', 'text/plain'],
  ['csv', 'text/csv'],
  ['html', 'text/html'],
  ['json', 'application/json'],
  ['pdf', 'application/pdf'],
  ['zip', 'application/zip'],
  ['doc', 'application/msword'],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
  ['mp4', 'video/mp4'],
  ['mov', 'video/quicktime'],
  ['ogg', 'audio/ogg'],
  ['oga', 'audio/ogg'],
  ['mp3', 'audio/mpeg'],
  ['m4a', 'audio/mp4'],
  ['wav', 'audio/x-wav'],
]);

export const octetStream = 'application/octet-stream';

export function mimeTypeOf(fileName: string, declared?: string): string {
  if (declared && declared !== octetStream) return declared;
  const extension = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : '';
  return byExtension.get(extension) ?? octetStream;
}
