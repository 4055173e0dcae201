import express from 'express';
import request from 'supertest';
import { HostMetrics, labelRoute, type HostMetricsSources } from './host-metrics.js';

function sources(overrides: Partial<HostMetricsSources> = {}): HostMetricsSources {
  return {
    queueDepth: () => Promise.resolve(7),
    deadLetters: () => Promise.resolve(2),
    health: () => ({ telegram: { state: 'connected', since: 0 }, signal: { state: 'failed', detail: 'bad account', since: 0 } }),
    ...overrides,
  };
}

describe('HostMetrics', () => {
  it('counts engine events by messenger, outcome and kind', async () => {
    const metrics = new HostMetrics(sources(), { defaultMetrics: false });
    metrics.inboundAccepted({ messengerId: 'telegram', kind: 'message', duplicate: false });
    metrics.inboundAccepted({ messengerId: 'telegram', kind: 'message', duplicate: true });
    metrics.inboundAccepted({ messengerId: 'telegram', kind: 'receipt', duplicate: false });
    metrics.outboundAccepted({ messengerId: 'signal', duplicate: false, internal: false });
    metrics.outboundAccepted({ messengerId: 'signal', duplicate: true, internal: false });
    metrics.outboundAccepted({ messengerId: 'signal', duplicate: false, internal: true });
    metrics.jobSettled({ kind: 'send-outbound', outcome: 'retry', durationMs: 120, attempts: 1 });
    metrics.jobSettled({ kind: 'send-outbound', outcome: 'dead', durationMs: 80, attempts: 5 });
    metrics.jobSettled({ kind: 'send-outbound', outcome: 'done', durationMs: Number.NaN, attempts: 1 });
    const text = await metrics.metrics();
    expect(text).toContain('parley_inbound_messages_total{messenger="telegram",outcome="accepted"} 1');
    expect(text).toContain('parley_inbound_messages_total{messenger="telegram",outcome="duplicate"} 1');
    expect(text).toContain('parley_inbound_receipts_total{messenger="telegram"} 1');
    for (const outcome of ['accepted', 'duplicate', 'internal']) {
      expect(text).toContain(`parley_outbound_messages_total{messenger="signal",outcome="${outcome}"} 1`);
    }
    expect(text).toContain('parley_jobs_total{kind="send-outbound",outcome="retry"} 1');
    expect(text).toContain('parley_jobs_total{kind="send-outbound",outcome="dead"} 1');
    expect(text).toContain('parley_job_duration_seconds_count{kind="send-outbound"} 2');
    expect(text).toContain('parley_job_duration_seconds_sum{kind="send-outbound"} 0.2');
  });

  it('reads the gauges at scrape time', async () => {
    let depth = 7;
    const metrics = new HostMetrics(sources({ queueDepth: () => Promise.resolve(depth) }), { defaultMetrics: false });
    expect(await metrics.metrics()).toContain('parley_queue_depth 7');
    depth = 9;
    const text = await metrics.metrics();
    expect(text).toContain('parley_queue_depth 9');
    expect(text).toContain('parley_dead_letters 2');
    expect(text).toContain('parley_messenger_up{messenger="telegram",state="connected"} 1');
    expect(text).toContain('parley_messenger_up{messenger="telegram",state="failed"} 0');
    expect(text).toContain('parley_messenger_up{messenger="signal",state="failed"} 1');
  });

  it('reports a failing source as NaN and logs it, without failing the scrape', async () => {
    const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn(), child: jest.fn() };
    const failing = sources({
      deadLetters: () => Promise.reject(new Error('store down')),
      health: () => {
        throw new Error('no health');
      },
    });
    const text = await new HostMetrics(failing, { defaultMetrics: false, logger }).metrics();
    expect(text).toMatch(/^parley_dead_letters nan$/im);
    expect(text).toContain('parley_queue_depth 7');
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('keeps registries apart, default process metrics included', async () => {
    const first = new HostMetrics(sources());
    const second = new HostMetrics(sources());
    first.inboundAccepted({ messengerId: 'telegram', kind: 'message', duplicate: false });
    expect(await first.metrics()).toContain('process_cpu_user_seconds_total');
    expect(await second.metrics()).not.toContain('parley_inbound_messages_total{');
  });

  it('times requests by route pattern, never by raw path', async () => {
    const metrics = new HostMetrics(sources(), { defaultMetrics: false });
    const app = express();
    app.use(metrics.httpMiddleware());
    app.get('/items/:id', (_req, res) => void res.send('ok'));
    app.post('/custom', (_req, res) => {
      labelRoute(res, '/custom-label');
      res.status(202).end();
    });
    await request(app).get('/items/4711');
    await request(app).post('/custom');
    await request(app).get('/nothing/here');
    const text = await metrics.metrics();
    expect(text).toContain('parley_http_request_duration_seconds_count{route="/items/:id",status="200"} 1');
    expect(text).toContain('parley_http_request_duration_seconds_count{route="/custom-label",status="202"} 1');
    expect(text).toContain('parley_http_request_duration_seconds_count{route="unmatched",status="404"} 1');
    expect(text).not.toContain('4711');
  });
});
