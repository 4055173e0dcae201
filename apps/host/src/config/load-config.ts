import { ConfigError, type ConfigIssue } from '@parley/core';
import { configErrorMap, scrubSecrets, toConfigIssues } from './config-issues.js';
import { hostConfigFileSchema } from './config-schema.js';
import type { HostConfig } from './host-config.js';
import { describeReadError, readTextFileSync, type ReadTextFile } from './read-text-file.js';
import { collectSecretFields, orderSecrets } from './secret-fields.js';
import { substitute, type Env } from './substitute.js';
import { parseYamlText } from './yaml-document.js';

/**
 * Reads, substitutes and validates the host's YAML configuration at `path` (see
 * `parley.example.yaml`). Synchronous: it runs once at start, before anything listens.
 *
 * @param env variables for `${NAME}` placeholders.
 * @param readFile reads the configuration and `${file:/path}` references; relative paths resolve
 *   against the working directory.
 * @throws ConfigError one error listing every problem with its dotted path; no secret value in it.
 */
export function loadConfig(path: string, env: Env = process.env, readFile: ReadTextFile = readTextFileSync): HostConfig {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    throw new ConfigError(`configuration ${path}`, [{ path: '', message: `cannot read the file: ${describeReadError(error)}` }]);
  }
  return parseConfig(text, env, path, readFile);
}

/**
 * Like {@link loadConfig} for YAML `text` already in hand (tests, the sandbox); `sourceName`
 * names it in the error (`Invalid configuration <sourceName> …`).
 */
export function parseConfig(text: string, env: Env, sourceName: string, readFile: ReadTextFile = readTextFileSync): HostConfig {
  const subject = `configuration ${sourceName}`;
  const yaml = parseYamlText(text);
  if (yaml.issues.length > 0) throw new ConfigError(subject, yaml.issues);

  const substituted = substitute(yaml.tree, env, readFile);
  const secrets = orderSecrets([...substituted.secrets, ...collectSecretFields(substituted.value)]);
  const result = hostConfigFileSchema.safeParse(substituted.value, { error: configErrorMap, reportInput: false });
  const schemaIssues = result.success ? [] : toConfigIssues(result.error.issues, new Set(secrets));
  const issues = [...substituted.issues, ...withoutShadowed(schemaIssues, substituted.issues)];
  if (issues.length > 0 || !result.success) throw new ConfigError(subject, scrubSecrets(issues, secrets));
  return { ...result.data, secrets };
}

/**
 * Drops schema issues at or below a path whose placeholder failed: the unresolved `${…}` text
 * left there would only add a confusing second complaint (`must be at least 16 characters`).
 */
function withoutShadowed(issues: readonly ConfigIssue[], substitutionIssues: readonly ConfigIssue[]): ConfigIssue[] {
  const failed = substitutionIssues.map((issue) => issue.path);
  return issues.filter((issue) => !failed.some((path) => issue.path === path || issue.path.startsWith(`${path}.`)));
}
