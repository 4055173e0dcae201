import { openParleyStore } from '@parley/store';
import { loadConfig } from '../config/index.js';
import { configPath } from './config-path.js';

/** `parley dead-letters list|redrive`: what gave up, and putting it back in its queue. */
export async function deadLettersCommand(
  action: { kind: 'list'; limit: number } | { kind: 'redrive'; ids: string[]; all: boolean },
  options: { config?: string },
  print: (line: string) => void,
): Promise<boolean> {
  const config = await loadConfig(configPath(options.config));
  const store = await openParleyStore(config.store);
  try {
    if (action.kind === 'list') {
      const letters = await store.jobs.listDeadLetters(action.limit);
      if (letters.length === 0) print('no dead letters');
      for (const job of letters) {
        print(`${job.id}  ${job.kind}  ${job.orderKey}  attempts=${job.attempts}  failed=${new Date(job.failedAt ?? job.createdAt).toISOString()}`);
        print(`    ${job.lastError ?? '(no reason recorded)'}`);
      }
      return true;
    }
    const ids = action.all ? (await store.jobs.listDeadLetters(10_000)).map((job) => job.id) : action.ids;
    let ok = true;
    for (const id of ids) {
      const redriven = await store.jobs.redrive(id, Date.now());
      print(redriven ? `${id}: back in its queue` : `${id}: no such dead letter`);
      ok &&= redriven;
    }
    if (ids.length === 0) print('no dead letters');
    return ok;
  } finally {
    await store.close();
  }
}
