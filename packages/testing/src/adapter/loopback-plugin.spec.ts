import { Container } from 'inversify';
import { ConfigError, TOKENS, checkAdapterDescriptor, isAdapterPlugin, type MessengerAdapter } from '@parley/core';
import { LoopbackAdapter } from './loopback-adapter.js';
import { loopbackPlugin } from './loopback-plugin.js';
import * as testing from '../index.js';

describe('loopback plugin', () => {
  it('is what the package exports as its Parley adapter', () => {
    expect(isAdapterPlugin(testing.parleyAdapter)).toBe(true);
    expect(checkAdapterDescriptor(loopbackPlugin.descriptor)).toEqual([]);
  });

  it('binds a loopback adapter with the parsed options under the adapter token', () => {
    const container = new Container();
    container.load(loopbackPlugin.createModule(loopbackPlugin.parseOptions({ centralAccount: false }), { messengerId: 'loop-a' }));
    const adapter = container.get<MessengerAdapter>(TOKENS.Adapter);
    expect(adapter).toBeInstanceOf(LoopbackAdapter);
    expect(adapter.descriptor.capabilities.centralAccount).toBe(false);
  });

  it('defaults to a central account and names every bad option', () => {
    expect(loopbackPlugin.parseOptions(undefined)).toEqual({ centralAccount: true, idPrefix: undefined });
    expect(() => loopbackPlugin.parseOptions({ centralAccount: 'yes', colour: 'red' })).toThrow(ConfigError);
    expect(() => loopbackPlugin.parseOptions({ centralAccount: 'yes', colour: 'red' })).toThrow(/colour: unknown option[\s\S]*centralAccount: must be true or false/);
  });
});
