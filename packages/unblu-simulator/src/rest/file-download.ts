import type { RequestHandler } from 'express';
import type { SimulatorState } from '../domain/simulator-state.js';
import { notFound } from '../unblu-error.js';

/**
 * Serves a stored file's raw bytes with its MIME type. Unblu leaves the URL shape open; the
 * simulator's download links point here (`…/files/<fileStoreId>`).
 */
export function fileDownload(state: SimulatorState): RequestHandler {
  return (req, res) => {
    const fileStoreId = String(req.params.fileStoreId);
    const file = state.files.get(fileStoreId);
    if (!file) throw notFound(`file '${fileStoreId}' does not exist`);
    res.attachment(file.fileName);
    res.type(file.mimeType);
    res.send(file.data);
  };
}
