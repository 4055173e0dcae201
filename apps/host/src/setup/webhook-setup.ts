import type { UnbluGateway, UnbluWebhookRegistration } from '@parley/core';
import { changeLine, presentLines, secretChangeLine } from './drift.js';
import type { WebhookSetupResult } from './setup-result.js';
import type { SetupOptions, WebhookTarget, SetupTarget } from './setup-target.js';

const DESCRIPTION = 'Conversation lifecycle events for Parley (managed by parley setup)';

/** Where every channel and the registration point, and what Unblu signs with. */
type Shared = Pick<SetupTarget, 'endpoint' | 'secret'>;

/** Finds the registration by name, then creates it, repairs its drift, or leaves it alone. */
export async function setupWebhook(
  gateway: UnbluGateway,
  target: WebhookTarget,
  shared: Shared,
  options: SetupOptions,
): Promise<WebhookSetupResult> {
  const result = { kind: 'webhook', name: target.name } as const;
  const current = await gateway.webhooks.findByName(target.name);
  if (!current) {
    if (options.dryRun) return { ...result, action: 'create', changes: [] };
    const created = await gateway.webhooks.create({
      name: target.name,
      description: DESCRIPTION,
      endpoint: shared.endpoint,
      secret: shared.secret,
      status: 'ACTIVE',
      events: unique(target.events),
    });
    return { ...result, action: 'create', changes: [], registrationId: created.id };
  }
  const missing = missingEvents(current, target);
  const changes = presentLines([
    changeLine('endpoint', current.endpoint, shared.endpoint),
    // Unblu auto-disables a registration whose endpoint kept failing (INACTIVE_UNAVAILABLE).
    changeLine('status', current.status, 'ACTIVE'),
    missing.length === 0 ? undefined : `events: + ${missing.join(', ')}`,
    secretChangeLine(current.secret, shared.secret, options.resendSecrets ?? false),
  ]);
  if (changes.length === 0) return { ...result, action: 'unchanged', changes, registrationId: current.id };
  if (!options.dryRun) {
    // Events an admin added stay: Parley ignores events it does not handle. The secret is always re-sent (write-only).
    const events = [...current.events, ...missing];
    await gateway.webhooks.update({ ...current, endpoint: shared.endpoint, secret: shared.secret, status: 'ACTIVE', events });
  }
  return { ...result, action: 'update', changes, registrationId: current.id };
}

function missingEvents(current: UnbluWebhookRegistration, target: WebhookTarget): string[] {
  return unique(target.events).filter((event) => !current.events.includes(event));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
