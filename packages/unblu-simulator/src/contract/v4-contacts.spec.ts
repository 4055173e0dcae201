import { PermanentError } from '@parley/core';
import { type UnbluV4Api, type UnbluV4Gateway } from '@parley/unblu';
import { SECRET, type ContractHarness, startContractHarness } from './contract-harness.js';

/* The v4-only parts: external messenger contacts through the raw API, persons by source, and
 * visitor upserts racing each other (the engine's concurrent first messages). */
describe('v4 contacts and persons against the simulator', () => {
  let h: ContractHarness;
  let api: UnbluV4Api;
  let channelId: string;

  beforeAll(async () => {
    h = await startContractHarness('v4');
    api = (h.gateway as UnbluV4Gateway).api;
    channelId = (await h.gateway.channels.create({ name: 'contacts', endpoint: h.endpoint, secret: SECRET })).id;
  });
  afterAll(async () => {
    await h.close();
  });

  const bySource = (sourceId: string) => ({
    $_type: 'ExternalMessengerContactQuery' as const,
    searchFilters: [
      {
        $_type: 'SourceIdExternalMessengerContactSearchFilter',
        field: 'SOURCE_ID',
        operator: { $_type: 'EqualsStringOperator', type: 'EQUALS' as const, value: sourceId },
      },
      {
        $_type: 'ExternalMessengerChannelIdExternalMessengerContactSearchFilter',
        field: 'EXTERNAL_MESSENGER_CHANNEL_ID',
        operator: { $_type: 'EqualsIdOperator', type: 'EQUALS' as const, value: channelId },
      },
    ],
  });

  it('creates, reads, searches, updates and deletes a contact; finds its person by source', async () => {
    const person = await api.persons.createOrUpdateVirtual({ $_type: 'PersonData', personSource: 'VIRTUAL', sourceId: 'mail:lea@example.com', firstName: 'Lea' });
    expect(await api.persons.getBySource('VIRTUAL', 'mail:lea@example.com')).toMatchObject({ id: person.id, firstName: 'Lea' });

    const contact = await api.contacts.create({
      $_type: 'ExternalMessengerContact',
      externalMessengerChannelId: channelId,
      sourceId: 'lea@example.com',
      name: 'Lea',
      personId: person.id,
    });
    expect(contact.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await api.contacts.read(contact.id ?? '')).toMatchObject({ sourceId: 'lea@example.com', personId: person.id });

    const found = await api.contacts.search(bySource('lea@example.com'));
    expect((found.items ?? []).map((c) => c.id)).toEqual([contact.id]);
    expect((await api.contacts.search(bySource('nobody@example.com'))).items).toEqual([]);

    const renamed = await api.contacts.update({ ...contact, name: 'Lea K.' });
    expect(renamed.name).toBe('Lea K.');

    await api.contacts.delete(contact.id ?? '');
    await expect(api.contacts.read(contact.id ?? '')).rejects.toMatchObject({ status: 404 });
    await expect(api.persons.getBySource('VIRTUAL', 'mail:nobody')).rejects.toBeInstanceOf(PermanentError);
  });

  it('gives concurrent upserts of one customer a single person and contact', async () => {
    const spec = { channelId, externalId: '+41791234567', personSourceId: 'signal:+41791234567', firstName: 'Noah' };
    const visitors = await Promise.all(Array.from({ length: 8 }, () => h.gateway.visitors.upsert(spec)));
    expect(new Set(visitors.map((v) => v.personId)).size).toBe(1);
    expect(new Set(visitors.map((v) => v.contactId)).size).toBe(1);
    expect((await api.contacts.search(bySource('+41791234567'))).items).toHaveLength(1);
  });
});
