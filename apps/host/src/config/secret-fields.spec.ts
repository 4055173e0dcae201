import { collectSecretFields, orderSecrets } from './secret-fields.js';

describe('collectSecretFields', () => {
  it('collects the Unblu secrets, credentials, the store password and secret-named adapter options at any depth', () => {
    const tree = {
      unblu: { secret: 'webhook-secret', previousSecrets: ['old-1', 'old-2'], auth: { username: 'svc', password: 123456 } },
      store: 'postgres://parley:p%40ss@db/parley',
      messengers: {
        telegram: { options: { token: 'bot-token', mode: 'polling' } },
        email: { options: { smtp: { user: 'u', smtpPassword: 'smtp-pw' }, accounts: [{ apiKey: 'key-1', api_key: 'key-2' }] } },
        whatsapp: { options: { clientSecret: { primary: 'cs-1' }, passphrase: 'phrase' } },
      },
    };
    expect(collectSecretFields(tree).sort()).toEqual(
      ['webhook-secret', 'old-1', 'old-2', '123456', 'p%40ss', 'p@ss', 'bot-token', 'smtp-pw', 'key-1', 'key-2', 'cs-1', 'phrase'].sort(),
    );
  });

  it('tolerates any shape, as an invalid file may have', () => {
    expect(collectSecretFields(null)).toEqual([]);
    expect(collectSecretFields({ unblu: 'x', messengers: ['y'], store: 'not a url' })).toEqual([]);
  });
});

describe('orderSecrets', () => {
  it('drops duplicates and empty strings and puts the longest first', () => {
    expect(orderSecrets(['ab', '', 'abcd', 'ab', 'abc'])).toEqual(['abcd', 'abc', 'ab']);
  });
});
