import type { ConfigIssue } from '@parley/core';
import { LineCounter, parseDocument } from 'yaml';

/** The parsed YAML tree, or the syntax problems that prevented it. */
export interface YamlParseResult {
  tree: unknown;
  issues: ConfigIssue[];
}

/**
 * Parses one YAML document (1.2 core schema: `yes`/`no` stay strings). Syntax problems are
 * located by line and column instead of a config path, since no tree exists yet. Pretty errors
 * are off on purpose: their code frame would print the offending line, which may hold a secret.
 */
export function parseYamlText(text: string): YamlParseResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, lineCounter, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => ({ path: position(lineCounter, error.pos[0]), message: error.message }));
    return { tree: undefined, issues };
  }
  try {
    const tree: unknown = document.toJS({ maxAliasCount: 100 });
    if (tree === null || tree === undefined) return { tree, issues: [{ path: '', message: 'the file is empty' }] };
    return { tree, issues: [] };
  } catch (error) {
    // toJS throws for an alias without anchor (ReferenceError) or alias expansion beyond the limit.
    return { tree: undefined, issues: [{ path: '', message: error instanceof Error ? error.message : 'not valid YAML' }] };
  }
}

function position(lineCounter: LineCounter, offset: number): string {
  const { line, col } = lineCounter.linePos(offset);
  return `line ${line}, column ${col}`;
}

/** True for a YAML mapping as `toJS` returns it (a plain object), false for lists, Buffers, scalars. */
export function isMapping(node: unknown): node is Record<string, unknown> {
  if (typeof node !== 'object' || node === null) return false;
  const prototype: unknown = Object.getPrototypeOf(node);
  return prototype === Object.prototype || prototype === null;
}
