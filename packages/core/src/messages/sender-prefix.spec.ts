import {
  DEFAULT_SENDER_PREFIX,
  applySenderPrefix,
  checkSenderPrefixTemplate,
  renderSenderPrefix,
} from './sender-prefix.js';

describe('sender prefix', () => {
  it('renders the default template with the agent name', () => {
    expect(applySenderPrefix(DEFAULT_SENDER_PREFIX, { kind: 'agent', displayName: 'Anna' }, 'Hello')).toBe(
      'Anna: Hello',
    );
  });

  it('supports custom templates', () => {
    expect(renderSenderPrefix('[{name}] ', { kind: 'agent', displayName: 'Bob Muster' })).toBe('[Bob Muster] ');
  });

  it('adds nothing when there is no name to show', () => {
    expect(applySenderPrefix('{name}: ', { kind: 'system' }, 'Chat ended')).toBe('Chat ended');
    expect(applySenderPrefix('{name}: ', { kind: 'agent', displayName: '   ' }, 'Hi')).toBe('Hi');
  });

  it('folds line breaks in names so a name cannot forge extra lines', () => {
    expect(renderSenderPrefix('{name}: ', { kind: 'agent', displayName: ' Eve\nBank: urgent ' })).toBe(
      'Eve Bank: urgent: ',
    );
  });

  it('reports unknown placeholders and unbalanced braces', () => {
    expect(checkSenderPrefixTemplate('{name}: ')).toEqual([]);
    expect(checkSenderPrefixTemplate('{agent}: ')).toEqual(['unknown placeholder {agent} (known: {name})']);
    expect(checkSenderPrefixTemplate('{name: ')).toEqual(['unbalanced brace']);
  });
});
