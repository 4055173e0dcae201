import type { Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRecordingServer, type RecordingServer, type ScriptedHandler } from './testing/recording-server.js';
import { parseUnbluClientConfig, type UnbluClientConfigInput } from './unblu-client-config.js';
import { UnbluPermanentError, UnbluTransientError } from './unblu-errors.js';
import { downloadUnbluFile } from './unblu-file-download.js';
import { UnbluHttp } from './unblu-http.js';

const AUTH = `Basic ${Buffer.from('svc:secret').toString('base64')}`;

describe('downloadUnbluFile', () => {
  let server: RecordingServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function httpFor(handler: ScriptedHandler, overrides: Partial<UnbluClientConfigInput> = {}): Promise<UnbluHttp> {
    server = await startRecordingServer(handler);
    return new UnbluHttp(
      parseUnbluClientConfig({
        baseUrl: `${server.url}/app/rest/v4`,
        apiVersion: 'v4',
        auth: { type: 'basic', username: 'svc', password: 'secret' },
        ...overrides,
      }),
    );
  }

  function fileAt(url: string, extra: { size?: number; mimeType?: string } = {}) {
    return { url, fileName: 'scan.pdf', mimeType: extra.mimeType ?? 'application/pdf', ...(extra.size === undefined ? {} : { size: extra.size }) };
  }

  it('fetches the absolute WEB_API link with the same credentials and returns bytes, type and name', async () => {
    const content = Buffer.from('%PDF-1.7 tiny');
    const http = await httpFor(() => ({ headers: { 'Content-Type': 'application/pdf' }, body: content }));
    const file = await downloadUnbluFile(http, fileAt(`${server?.url}/app/rest/v4/files/f1/download?token=x`), 1024);
    expect(file).toEqual({ fileName: 'scan.pdf', mimeType: 'application/pdf', data: new Uint8Array(content) });
    expect(server?.requests[0]?.path).toBe('/app/rest/v4/files/f1/download');
    expect(server?.requests[0]?.query).toEqual({ token: 'x' });
    expect(server?.requests[0]?.headers['authorization']).toBe(AUTH);
  });

  it('resolves a relative link against the Unblu origin and takes the type from the answer when the ref has none', async () => {
    const http = await httpFor(() => ({ headers: { 'Content-Type': 'image/png; charset=binary' }, body: Buffer.from([1, 2, 3]) }));
    const file = await downloadUnbluFile(http, fileAt('/app/files/f2', { mimeType: '' }), 1024);
    expect(file.mimeType).toBe('image/png');
    expect(server?.requests[0]?.path).toBe('/app/files/f2');
  });

  it('refuses a file whose announced size is over the limit without asking Unblu', async () => {
    const http = await httpFor(() => ({ body: Buffer.alloc(10) }));
    const attempt = downloadUnbluFile(http, fileAt(`${server?.url}/f`, { size: 2048 }), 1024);
    await expect(attempt).rejects.toBeInstanceOf(UnbluPermanentError);
    await expect(attempt).rejects.toMatchObject({ code: 'unblu.file_too_large' });
    expect(server?.requests).toHaveLength(0);
  });

  it('refuses an answer whose Content-Length is over the limit', async () => {
    const http = await httpFor(() => ({ body: Buffer.alloc(4096) }));
    await expect(downloadUnbluFile(http, fileAt(`${server?.url}/f`), 1024)).rejects.toMatchObject({ code: 'unblu.file_too_large' });
  });

  it('counts streamed bytes when no length is announced, and the client-wide limit wins over a larger one', async () => {
    const chunked = await startChunkedServer(64 * 1024);
    try {
      const http = new UnbluHttp(
        parseUnbluClientConfig({
          baseUrl: `${chunked.url}/app/rest/v4`,
          apiVersion: 'v4',
          auth: { type: 'basic', username: 'svc', password: 'secret' },
          maxDownloadBytes: 10_000,
        }),
      );
      const attempt = downloadUnbluFile(http, fileAt(`${chunked.url}/stream`), 1_000_000);
      await expect(attempt).rejects.toMatchObject({ code: 'unblu.file_too_large', message: expect.stringContaining('10000 bytes') });
    } finally {
      await chunked.close();
    }
  });

  it('treats 403 as "Unblu is still scanning": transient', async () => {
    const http = await httpFor(() => ({ status: 403, body: { $_type: 'Error', statusCode: 403, statusDescription: 'Forbidden', errorMessage: 'File is being scanned' } }));
    const attempt = downloadUnbluFile(http, fileAt(`${server?.url}/f`), 1024);
    await expect(attempt).rejects.toBeInstanceOf(UnbluTransientError);
    await expect(attempt).rejects.toMatchObject({ code: 'unblu.file_not_ready', status: 403, unbluMessage: 'File is being scanned' });
  });

  it('maps 404 to a permanent error with Unblu message', async () => {
    const http = await httpFor(() => ({ status: 404, body: { $_type: 'Error', statusCode: 404, statusDescription: 'Not Found', errorMessage: 'No such file' } }));
    await expect(downloadUnbluFile(http, fileAt(`${server?.url}/f`), 1024)).rejects.toMatchObject({
      code: 'unblu.404',
      message: 'Unblu files/download failed: 404 Not Found — No such file',
    });
  });

  it('never sends the credentials to an untrusted origin, but does to a configured one', async () => {
    const other = await startRecordingServer(() => ({ body: Buffer.from('ok') }));
    try {
      const http = await httpFor(() => ({ status: 204 }));
      const attempt = downloadUnbluFile(http, fileAt(`${other.url}/f`), 1024);
      await expect(attempt).rejects.toMatchObject({ code: 'unblu.untrusted_download_origin' });
      expect(other.requests).toHaveLength(0);

      const trusting = new UnbluHttp(
        parseUnbluClientConfig({ ...http.config, auth: { username: 'svc', password: 'secret' }, trustedDownloadOrigins: [other.url] }),
      );
      await expect(downloadUnbluFile(trusting, fileAt(`${other.url}/f`), 1024)).resolves.toMatchObject({ data: new Uint8Array(Buffer.from('ok')) });
      expect(other.requests[0]?.headers['authorization']).toBe(AUTH);
    } finally {
      await other.close();
    }
  });
});

/** Streams `total` bytes without Content-Length (chunked), the case a header check cannot catch. */
async function startChunkedServer(total: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    let sent = 0;
    const push = (): void => {
      while (sent < total) {
        sent += 1024;
        if (!res.write(Buffer.alloc(1024, 7))) {
          res.once('drain', push);
          return;
        }
      }
      res.end();
    };
    push();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
