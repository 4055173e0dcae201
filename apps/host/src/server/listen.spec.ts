import { request as httpRequest } from 'node:http';
import express from 'express';
import { listen } from './listen.js';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

function slowApp(delayMs: number): express.Express {
  const app = express();
  app.get('/slow', (_req, res) => {
    setTimeout(() => res.send('finished'), delayMs);
  });
  app.get('/hang', () => undefined);
  return app;
}

describe('listen', () => {
  it('serves on a free port and reports a usable URL', async () => {
    const running = await listen(slowApp(0), '127.0.0.1', 0);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await get(`${running.url}/slow`)).toStrictEqual({ status: 200, body: 'finished' });
    await running.close();
  });

  it('close() lets an in-flight request finish, then refuses new connections', async () => {
    const running = await listen(slowApp(150), '127.0.0.1', 0);
    const inFlight = get(`${running.url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    await expect(inFlight).resolves.toStrictEqual({ status: 200, body: 'finished' });
    await expect(get(`${running.url}/slow`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('close() cuts requests still running after the timeout', async () => {
    const running = await listen(slowApp(0), '127.0.0.1', 0, { shutdownTimeoutMs: 50 });
    const hanging = get(`${running.url}/hang`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await running.close();
    await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(running.close()).resolves.toBeUndefined();
  });

  it('rejects when the port is taken', async () => {
    const first = await listen(slowApp(0), '127.0.0.1', 0);
    const port = Number(new URL(first.url).port);
    await expect(listen(slowApp(0), '127.0.0.1', port)).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});
