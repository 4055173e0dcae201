import type { OutboundSender } from './outbound-message.js';

/** Default template for the sender prefix: `Anna: Hello`. */
export const DEFAULT_SENDER_PREFIX = '{name}: ';

const PLACEHOLDER = /\{(\w+)\}/g;
const KNOWN = new Set(['name']);

/**
 * Checks a prefix template and returns the problems found (empty when valid), so configuration
 * validation can list them. Known placeholder: `{name}`.
 */
export function checkSenderPrefixTemplate(template: string): string[] {
  const problems: string[] = [];
  for (const [, key] of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(key ?? '')) problems.push(`unknown placeholder {${key}} (known: {name})`);
  }
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) problems.push('unbalanced brace');
  return problems;
}

/**
 * Renders the prefix for `sender`, or '' when there is no name to show (a nameless system message
 * gets no dangling ": "). Names are trimmed and inner line breaks folded so a name cannot forge
 * extra lines in the customer's chat.
 */
export function renderSenderPrefix(template: string, sender: OutboundSender): string {
  const name = sender.displayName?.replace(/\s+/g, ' ').trim();
  if (!name) return '';
  return template.replace(PLACEHOLDER, (_, key: string) => (key === 'name' ? name : ''));
}

/** Prefixes `text` with the rendered template; returns `text` unchanged when there is no name. */
export function applySenderPrefix(template: string, sender: OutboundSender, text: string): string {
  return renderSenderPrefix(template, sender) + text;
}
