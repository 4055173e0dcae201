import { type AdapterDescriptor, checkAdapterDescriptor } from './adapter-descriptor.js';

const valid: AdapterDescriptor = {
  kind: 'telegram',
  displayName: 'Telegram',
  capabilities: {
    maxTextLength: 4096,
    attachments: { inbound: true, outbound: true, maxBytes: 20 * 1024 * 1024 },
    deliveryReceipts: false,
    readReceipts: false,
    edits: true,
    replies: true,
    centralAccount: true,
  },
};

describe('checkAdapterDescriptor', () => {
  it('accepts a sane descriptor', () => {
    expect(checkAdapterDescriptor(valid)).toEqual([]);
  });

  it('lists every problem at once', () => {
    const problems = checkAdapterDescriptor({
      kind: 'Tele gram',
      displayName: ' ',
      capabilities: { ...valid.capabilities, maxTextLength: 0, attachments: { inbound: true, outbound: false, maxBytes: 0 } },
    });
    expect(problems).toEqual([
      'kind "Tele gram" must match ^[a-z][a-z0-9-]{0,39}$',
      'displayName must not be empty',
      'capabilities.maxTextLength must be a positive integer',
      'capabilities.attachments.maxBytes must be > 0 when attachments are supported',
    ]);
  });

  it('allows maxBytes 0 when the messenger carries no files', () => {
    const textOnly = { ...valid, capabilities: { ...valid.capabilities, attachments: { inbound: false, outbound: false, maxBytes: 0 } } };
    expect(checkAdapterDescriptor(textOnly)).toEqual([]);
  });
});
