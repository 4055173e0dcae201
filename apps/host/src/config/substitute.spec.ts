import type { ReadTextFile } from './read-text-file.js';
import { substitute } from './substitute.js';

const files: Record<string, string> = { '/run/secrets/unblu': 'file-secret\n', '/run/secrets/crlf': 'crlf-secret\r\n\r\n' };
const readFile: ReadTextFile = (path) => {
  const content = files[path];
  if (content !== undefined) return content;
  throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
};

describe('substitute', () => {
  it('replaces environment variables and files, also inside longer strings and lists', () => {
    const tree = {
      store: 'postgres://parley:${PGPASS}@db/parley',
      unblu: { auth: { password: '${file:/run/secrets/unblu}' }, previousSecrets: ['${OLD}', 'x${file:/run/secrets/crlf}y'] },
      port: 8080,
      off: false,
    };
    const result = substitute(tree, { PGPASS: 'pg-pass', OLD: 'old-secret' }, readFile);
    expect(result.issues).toEqual([]);
    expect(result.value).toEqual({
      store: 'postgres://parley:pg-pass@db/parley',
      unblu: { auth: { password: 'file-secret' }, previousSecrets: ['old-secret', 'xcrlf-secrety'] },
      port: 8080,
      off: false,
    });
    expect(result.secrets.sort()).toEqual(['crlf-secret', 'file-secret', 'old-secret', 'pg-pass']);
  });

  it('keeps $${ as a literal ${ and does not substitute what follows', () => {
    const result = substitute({ text: 'cost: $${AMOUNT} and ${A}' }, { A: 'a', AMOUNT: 'never' }, readFile);
    expect(result.value).toEqual({ text: 'cost: ${AMOUNT} and a' });
    expect(result.secrets).toEqual(['a']);
  });

  it('leaves keys and non-string scalars alone', () => {
    const result = substitute({ '${KEY}': 1, list: [null, true, 2.5] }, { KEY: 'k' }, readFile);
    expect(result.value).toEqual({ '${KEY}': 1, list: [null, true, 2.5] });
  });

  it('reports each unresolved placeholder at its path without values', () => {
    const tree = {
      unblu: { auth: { password: '${UNBLU_PASSWORD}' }, secret: '${EMPTY}' },
      messengers: { telegram: { options: { token: '${file:/missing}', list: ['${BROKEN-NAME}', 'a ${UNCLOSED'] } } },
    };
    const result = substitute(tree, { EMPTY: '' }, readFile);
    expect(result.issues).toEqual([
      { path: 'unblu.auth.password', message: 'environment variable UNBLU_PASSWORD is not set' },
      { path: 'unblu.secret', message: 'environment variable EMPTY is empty' },
      { path: 'messengers.telegram.options.token', message: 'cannot read file /missing: file not found (ENOENT)' },
      { path: 'messengers.telegram.options.list.0', message: 'invalid placeholder: use ${NAME}, ${file:/path}, or $${ for a literal ${' },
      { path: 'messengers.telegram.options.list.1', message: 'unclosed ${ (write $${ for a literal ${)' },
    ]);
    expect(result.secrets).toEqual([]);
  });

  it('reports a YAML alias that contains itself instead of recursing forever', () => {
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    const result = substitute({ a: loop }, {}, readFile);
    expect(result.issues).toEqual([{ path: 'a.self', message: 'a YAML alias refers to a node that contains it' }]);
  });

  it('accepts the same node twice when it is shared, not nested', () => {
    const shared = { mode: '${MODE}' };
    const result = substitute({ a: shared, b: shared }, { MODE: 'polling' }, readFile);
    expect(result.value).toEqual({ a: { mode: 'polling' }, b: { mode: 'polling' } });
    expect(result.issues).toEqual([]);
  });
});
