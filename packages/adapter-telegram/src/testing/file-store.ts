import type { Document, File, PhotoSize, Video, Voice } from 'grammy/types';
import { fileId, fileUniqueId } from './ids.js';

export type FileKind = 'photo' | 'document' | 'voice' | 'video';

/** A file either side sent; bots address it by `fileId`, downloads by `filePath`. */
export interface StoredFile {
  readonly fileId: string;
  readonly fileUniqueId: string;
  readonly kind: FileKind;
  readonly size: number;
  readonly filePath: string;
  readonly fileName?: string;
  readonly mimeType?: string;
  /** Absent for files declared by size only (limit tests). */
  readonly data?: Uint8Array;
  /** For photos: every size of the same picture, smallest first, as a message carries them. */
  photoSizes?: PhotoSize[];
}

export interface NewFile {
  kind: FileKind;
  data?: Uint8Array;
  /** Needed only without `data`. */
  size?: number;
  fileName?: string;
  mimeType?: string;
}

const folders: Readonly<Record<FileKind, { folder: string; extension: string }>> = {
  photo: { folder: 'photos', extension: 'jpg' },
  document: { folder: 'documents', extension: 'dat' },
  voice: { folder: 'voice', extension: 'oga' },
  video: { folder: 'videos', extension: 'mp4' },
};

/** Dimensions of the two photo sizes; the simulator does not decode images. */
const photoDimensions = [
  { width: 90, height: 90 },
  { width: 800, height: 800 },
];

/** Every file of the simulator, shared by all bots (Telegram's file ids are per bot; tests don't need that). */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private count = 0;

  add(input: NewFile): StoredFile {
    this.count += 1;
    const { folder, extension } = folders[input.kind];
    const ownExtension = input.kind === 'document' ? extensionOf(input.fileName) : undefined;
    const file: StoredFile = {
      fileId: fileId(),
      fileUniqueId: fileUniqueId(),
      kind: input.kind,
      size: input.data?.length ?? input.size ?? 0,
      filePath: `${folder}/file_${this.count}.${ownExtension ?? extension}`,
      ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
      ...(input.mimeType !== undefined ? { mimeType: input.mimeType } : {}),
      ...(input.data ? { data: input.data } : {}),
    };
    this.byId.set(file.fileId, file);
    this.byPath.set(file.filePath, file);
    return file;
  }

  /**
   * A photo the way Telegram stores one: a thumbnail and the full size (same bytes here), each a
   * file of its own. Returns the full size; `photoSizes` lists both.
   */
  addPhoto(data: Uint8Array): StoredFile {
    const stored = photoDimensions.map((dimensions) => ({ file: this.add({ kind: 'photo', data }), dimensions }));
    const sizes: PhotoSize[] = stored.map(({ file, dimensions }) => ({ ...fileFields(file), ...dimensions }));
    for (const { file } of stored) file.photoSizes = sizes;
    return stored[stored.length - 1].file;
  }

  get(id: string): StoredFile | undefined {
    return this.byId.get(id);
  }

  atPath(path: string): StoredFile | undefined {
    return this.byPath.get(path);
  }
}

export function fileFields(file: StoredFile): Pick<File, 'file_id' | 'file_unique_id' | 'file_size'> {
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size };
}

export function telegramFile(file: StoredFile): File {
  return { ...fileFields(file), file_path: file.filePath };
}

export function telegramDocument(file: StoredFile): Document {
  return { ...fileFields(file), ...nameAndType(file) };
}

export function telegramVoice(file: StoredFile, duration: number): Voice {
  return { ...fileFields(file), duration, ...(file.mimeType ? { mime_type: file.mimeType } : {}) };
}

export function telegramVideo(file: StoredFile, media: { width: number; height: number; duration: number }): Video {
  return { ...fileFields(file), ...media, ...nameAndType(file) };
}

function nameAndType(file: StoredFile): Pick<Document, 'file_name' | 'mime_type'> {
  return {
    ...(file.fileName !== undefined ? { file_name: file.fileName } : {}),
    ...(file.mimeType !== undefined ? { mime_type: file.mimeType } : {}),
  };
}

function extensionOf(fileName: string | undefined): string | undefined {
  const match = fileName ? /\.([A-Za-z0-9]{1,8})$/.exec(fileName) : null;
  return match?.[1]?.toLowerCase();
}
