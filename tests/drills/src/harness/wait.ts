import { setTimeout as sleep } from 'node:timers/promises';

export { waitUntil } from '@parley/testing';
export { sleep };
