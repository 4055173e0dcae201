import { silentLogger, type Logger } from '@parley/core';
import { currentRequestContext, requestScopedLogger, runInRequestContext } from './request-context.js';

function recorder(): Logger & { info: jest.Mock; child: jest.Mock } {
  const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn(), child: jest.fn() };
  logger.child.mockReturnValue(logger);
  return logger;
}

describe('requestScopedLogger', () => {
  it('adds the current request id, also after an await, and nothing outside a request', async () => {
    const base = recorder();
    const logger = requestScopedLogger(base).child({ component: 'x' });
    logger.info({ a: 1 }, 'outside');
    await runInRequestContext({ requestId: 'req-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestContext()).toStrictEqual({ requestId: 'req-1' });
      logger.info({ a: 2 }, 'inside');
    });
    expect(base.child).toHaveBeenCalledWith({ component: 'x' });
    expect(base.info.mock.calls).toStrictEqual([
      [{ a: 1 }, 'outside'],
      [{ requestId: 'req-1', a: 2 }, 'inside'],
    ]);
  });

  it('keeps an Error passed as fields under err', () => {
    const base = recorder();
    const error = new Error('boom');
    runInRequestContext({ requestId: 'r' }, () => requestScopedLogger(base).error(error));
    expect(base.error).toHaveBeenCalledWith({ requestId: 'r', err: error }, undefined);
    expect(requestScopedLogger(silentLogger).child({})).toBeDefined();
  });
});
