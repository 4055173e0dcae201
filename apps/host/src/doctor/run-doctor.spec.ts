import { formatDoctorReport } from './format-doctor-report.js';
import { runDoctor } from './run-doctor.js';

describe('runDoctor', () => {
  it('runs the checks in order and reports each, ok only when all pass', async () => {
    const order: string[] = [];
    const report = await runDoctor([
      { name: 'store', run: async () => { order.push('store'); return 'sqlite ./data/parley.db reachable'; } },
      { name: 'unblu', run: async () => { order.push('unblu'); throw new Error('401 Unauthorized — check unblu.auth'); } },
      { name: 'telegram', run: async () => { order.push('telegram'); } },
    ]);

    expect(order).toEqual(['store', 'unblu', 'telegram']);
    expect(report).toEqual({
      ok: false,
      lines: [
        { name: 'store', ok: true, detail: 'sqlite ./data/parley.db reachable' },
        { name: 'unblu', ok: false, detail: '401 Unauthorized — check unblu.auth' },
        { name: 'telegram', ok: true, detail: '' },
      ],
    });
    expect((await runDoctor([{ name: 'a', run: async () => 'fine' }])).ok).toBe(true);
  });

  it('fails a check that hangs past its timeout and goes on with the next', async () => {
    const report = await runDoctor(
      [
        { name: 'slow', run: () => new Promise<void>(() => undefined) },
        { name: 'patient', timeoutMs: 200, run: () => new Promise<string>((resolve) => setTimeout(() => resolve('late but fine'), 50)) },
      ],
      { timeoutMs: 20 },
    );
    expect(report.lines).toEqual([
      { name: 'slow', ok: false, detail: 'no answer within 20 ms' },
      { name: 'patient', ok: true, detail: 'late but fine' },
    ]);
  });

  it('turns synchronous throws and non-Error rejections into failed lines', async () => {
    const report = await runDoctor([
      { name: 'sync', run: () => { throw new Error('boom'); } },
      // A careless check that rejects with a string.
      { name: 'odd', run: () => Promise.reject('plain string') },
    ]);
    expect(report.lines.map((l) => [l.ok, l.detail])).toEqual([[false, 'boom'], [false, 'plain string']]);
  });

  it('does not leave a rejection of an abandoned check unhandled', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      await runDoctor([{ name: 'late failure', run: () => new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 30)) }], { timeoutMs: 5 });
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

describe('formatDoctorReport', () => {
  it('prints ✔ and ✖ lines, the detail after the name, further lines of a reason indented', () => {
    expect(
      formatDoctorReport({
        ok: false,
        lines: [
          { name: 'store', ok: true, detail: 'sqlite ./data/parley.db reachable' },
          { name: 'unblu', ok: false, detail: '401 Unauthorized — check unblu.auth' },
          { name: 'telegram', ok: true, detail: '' },
          { name: 'config', ok: false, detail: 'Invalid config (1 problem):\n  - unblu.secret: required' },
        ],
      }),
    ).toEqual([
      '✔ store: sqlite ./data/parley.db reachable',
      '✖ unblu: 401 Unauthorized — check unblu.auth',
      '✔ telegram',
      '✖ config: Invalid config (1 problem):',
      '    - unblu.secret: required',
    ]);
  });
});
