import { formatSetupResult } from './format-setup-result.js';
import type { SetupResult } from './setup-result.js';

const result: SetupResult = {
  dryRun: false,
  channels: [
    { kind: 'channel', messengerId: 'telegram', name: 'Telegram', action: 'create', changes: [], channelId: 'c1' },
    {
      kind: 'channel', messengerId: 'signal', name: 'Signal', action: 'update', channelId: 'c2',
      changes: ['endpoint: http://old → http://new', 'status: INACTIVE → ACTIVE'],
    },
  ],
  webhook: { kind: 'webhook', name: 'parley-lifecycle', action: 'unchanged', changes: [], registrationId: 'w1' },
  channelIds: { telegram: 'c1', signal: 'c2' },
};

describe('formatSetupResult', () => {
  it('prints one line per item with its changes indented below', () => {
    expect(formatSetupResult(result)).toEqual([
      "channel 'Telegram' (telegram): created",
      "channel 'Signal' (signal): updated",
      '  endpoint: http://old → http://new',
      '  status: INACTIVE → ACTIVE',
      "webhook 'parley-lifecycle': unchanged",
    ]);
  });

  it('says a dry run wrote nothing and what it would do', () => {
    expect(formatSetupResult({ ...result, dryRun: true }).slice(0, 3)).toEqual([
      'dry run: nothing was written to Unblu or the messengers',
      "channel 'Telegram' (telegram): would be created",
      "channel 'Signal' (signal): would be updated",
    ]);
  });
});
