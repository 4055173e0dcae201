import type { File, Message } from 'grammy/types';
import { badRequest } from './bot-api-errors.js';
import { admitSend, deliver, replyTarget, targetChat } from './bot-outbox.js';
import { telegramDocument, telegramFile, telegramVideo, telegramVoice, type FileKind, type StoredFile } from './file-store.js';
import type { MethodContext, MethodHandler } from './method-context.js';
import type { FileReference } from './method-params.js';
import { captionText } from './message-text.js';
import { mimeTypeOf } from './mime-types.js';
import type { Upload } from './multipart-body.js';
import type { MessageContent } from './telegram-messages.js';

/**
 * sendPhoto, sendDocument, sendVideo and sendVoice: the file is a multipart upload or a known
 * file_id of the same kind. URLs are not fetched (400 `wrong file identifier/HTTP URL specified`).
 * Every check happens before the file is stored, so a refused send leaves nothing behind.
 */
function sendMedia(kind: FileKind): MethodHandler {
  return (context: MethodContext): Message => {
    const chat = targetChat(context);
    const reference = context.params.file(kind);
    if (!reference) throw badRequest(`there is no ${kind} in the request`);
    const caption = captionText(context.params.string('caption'), context.params, context.state.limits.captionLength);
    const replyTo = replyTarget(context, chat);
    const store = prepareFile(context, kind, reference);
    admitSend(context, chat);
    const file = store();
    return deliver(context, chat, {
      content: { ...mediaContent(context, file), ...(caption ? { caption: caption.text, caption_entities: caption.entities } : {}) },
      file,
      ...(replyTo ? { replyTo } : {}),
      ...(caption?.html !== undefined ? { html: caption.html } : {}),
    });
  };
}

/** getFile: the file_path to download from, for files up to limits.downloadBytes. */
function getFile({ params, state }: MethodContext): File {
  const file = state.files.get(params.string('file_id') ?? '');
  if (!file) throw badRequest('invalid file_id');
  if (file.size > state.limits.downloadBytes) throw badRequest('file is too big');
  return telegramFile(file);
}

/** Checks the file, returning how to obtain it once the send is admitted. */
function prepareFile(context: MethodContext, kind: FileKind, reference: FileReference): () => StoredFile {
  if ('fileId' in reference) {
    const file = knownFile(context, kind, reference.fileId);
    return () => file;
  }
  checkUpload(context, kind, reference.upload);
  return () => storeUpload(context, kind, reference.upload);
}

function knownFile({ state }: MethodContext, kind: FileKind, fileId: string): StoredFile {
  const file = state.files.get(fileId);
  if (!file) throw badRequest('wrong file identifier/HTTP URL specified');
  if (file.kind !== kind) throw badRequest('type of file mismatch');
  return file;
}

/** The photo limit's description is the simulator's choice; Telegram's varies by how a photo fails. */
function checkUpload({ state }: MethodContext, kind: FileKind, upload: Upload): void {
  if (upload.data.length === 0) throw badRequest('file must be non-empty');
  if (kind === 'photo' && upload.data.length > state.limits.photoBytes) throw badRequest('file is too big');
}

function storeUpload({ state }: MethodContext, kind: FileKind, upload: Upload): StoredFile {
  const { data, fileName, contentType } = upload;
  if (kind === 'photo') return state.files.addPhoto(data);
  const mimeType = kind === 'voice' ? 'audio/ogg' : mimeTypeOf(fileName, contentType);
  return state.files.add({ kind, data, mimeType, ...(kind === 'voice' ? {} : { fileName }) });
}

function mediaContent({ params }: MethodContext, file: StoredFile): MessageContent {
  switch (file.kind) {
    case 'photo':
      return { photo: file.photoSizes ?? [] };
    case 'document':
      return { document: telegramDocument(file) };
    case 'voice':
      return { voice: telegramVoice(file, params.integer('duration') ?? 0) };
    case 'video':
      return { video: telegramVideo(file, { width: params.integer('width') ?? 640, height: params.integer('height') ?? 360, duration: params.integer('duration') ?? 0 }) };
  }
}

export const mediaMethods: Readonly<Record<string, MethodHandler>> = {
  sendPhoto: sendMedia('photo'),
  sendDocument: sendMedia('document'),
  sendVideo: sendMedia('video'),
  sendVoice: sendMedia('voice'),
  getFile,
};
