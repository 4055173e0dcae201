import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestHandler, Response } from 'express';
import type { RandomSource } from '../random.js';
import { badRequest } from '../unblu-error.js';
import { sendError } from './errors.js';

/** Faults injected into the REST API (never into the control API). */
export interface FaultSettings {
  /** Fraction (0..1) of requests answered with `errorStatus` before anything else happens. */
  errorRate: number;
  /** Status of `errorRate` faults; default 503. */
  errorStatus: number;
  /** Delay added before every request is handled. */
  latencyMs: number;
  /** Fraction (0..1) of requests that are processed and then answered by closing the connection. */
  dropRate: number;
}

/** The settings plus the deterministic `failNext` budget still left. */
export interface FaultState extends FaultSettings {
  failNext: { count: number; status: number };
}

export const NO_FAULTS: FaultSettings = { errorRate: 0, errorStatus: 503, latencyMs: 0, dropRate: 0 };

/**
 * Decides per request whether to delay, fail or drop it. Random decisions come from a seedable
 * PRNG, so a test with a fixed seed sees the same faults on every run.
 */
export class FaultInjector {
  private settings: FaultSettings;
  private failNextBudget = { count: 0, status: 500 };

  constructor(
    initial: Partial<FaultSettings>,
    private readonly random: RandomSource,
  ) {
    this.settings = validated({ ...NO_FAULTS, ...initial });
  }

  state(): FaultState {
    return { ...this.settings, failNext: { ...this.failNextBudget } };
  }

  /** Changes the given settings and keeps the others. */
  set(changes: Partial<FaultSettings>): void {
    const given = Object.entries(changes).filter(([, value]) => value !== undefined);
    this.settings = validated({ ...this.settings, ...Object.fromEntries(given) });
  }

  /** The next `count` REST requests fail with `status` (default 500), regardless of the rates. */
  failNext(count: number, status = 500): void {
    if (!Number.isInteger(count) || count < 0) throw badRequest('failNext.count: must be a non-negative integer');
    checkStatus('failNext.status', status);
    this.failNextBudget = { count, status };
  }

  middleware(): RequestHandler {
    return async (_req, res, next) => {
      const { latencyMs, errorRate, errorStatus, dropRate } = this.settings;
      if (latencyMs > 0) await sleep(latencyMs);
      if (this.failNextBudget.count > 0) {
        this.failNextBudget.count -= 1;
        return sendError(res, this.failNextBudget.status, 'injected fault (failNext)');
      }
      if (errorRate > 0 && this.random() < errorRate) return sendError(res, errorStatus, 'injected fault (errorRate)');
      if (dropRate > 0 && this.random() < dropRate) dropResponse(res);
      next();
    };
  }
}

/** Lets the handler run to completion, then closes the connection instead of answering. */
function dropResponse(res: Response): void {
  const destroy = (): Response => {
    res.socket?.destroy();
    return res;
  };
  res.writeHead = destroy as unknown as Response['writeHead'];
  res.write = (() => true) as unknown as Response['write'];
  res.end = destroy as unknown as Response['end'];
}

function validated(settings: FaultSettings): FaultSettings {
  for (const key of ['errorRate', 'dropRate'] as const) {
    const value = settings[key];
    if (!(value >= 0 && value <= 1)) throw badRequest(`${key}: must be between 0 and 1`);
  }
  if (!(settings.latencyMs >= 0)) throw badRequest('latencyMs: must not be negative');
  checkStatus('errorStatus', settings.errorStatus);
  return settings;
}

function checkStatus(field: string, status: number): void {
  if (!Number.isInteger(status) || status < 400 || status > 599) throw badRequest(`${field}: must be an HTTP status from 400 to 599`);
}
