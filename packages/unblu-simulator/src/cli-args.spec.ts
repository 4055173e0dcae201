import { DEFAULT_CLI_PORT, parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('maps the flags onto simulator options', () => {
    expect(parseCliArgs(['--port', '0', '--host', '0.0.0.0', '--api-version', 'v3', '--user', 'a:b:c', '--user', 'x:y'])).toEqual({
      help: false,
      options: expect.objectContaining({
        port: 0,
        host: '0.0.0.0',
        apiVersion: 'v3',
        users: [
          { username: 'a', password: 'b:c' },
          { username: 'x', password: 'y' },
        ],
      }),
    });
  });

  it('uses a fixed default port and asks for help', () => {
    expect(parseCliArgs([])).toMatchObject({ help: false, options: { port: DEFAULT_CLI_PORT } });
    expect(parseCliArgs(['-h'])).toEqual({ help: true });
  });

  it('rejects malformed input', () => {
    expect(() => parseCliArgs(['--api-version', 'v5'])).toThrow(/v4 or v3/);
    expect(() => parseCliArgs(['--user', 'nopassword'])).toThrow(/name:password/);
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/integer/);
    expect(() => parseCliArgs(['--unknown'])).toThrow();
  });
});
