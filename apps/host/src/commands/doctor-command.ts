import type { HealthStatus } from '@parley/core';
import { loadConfig } from '../config/index.js';
import { adapterCheck, channelCheck, formatDoctorReport, pingRoundTripCheck, runDoctor, storeCheck, unbluCheck, type DoctorCheck } from '../doctor/index.js';
import { startHost, type RunningHost } from '../host.js';
import { configPath } from './config-path.js';

/**
 * `parley doctor`: starts Parley briefly (without changing anything in Unblu) and checks the
 * store, Unblu, each channel, a ping from Unblu through to Parley's endpoint, and each adapter.
 * Prints one verdict per line; resolves false when something failed.
 */
export async function doctorCommand(options: { config?: string }, print: (line: string) => void): Promise<boolean> {
  const path = configPath(options.config);
  let host: RunningHost;
  try {
    host = await startHost({ config: await loadConfig(path), setup: false });
  } catch (error) {
    print(`✖ start: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  try {
    print(`✔ config: ${path}`);
    const report = await runDoctor(checksOf(host));
    for (const line of formatDoctorReport(report)) print(line);
    return report.ok;
  } finally {
    await host.close();
  }
}

function checksOf(host: RunningHost): DoctorCheck[] {
  const health = (id: string) => (): HealthStatus | undefined => host.engine.healthReport()[id];
  return [
    storeCheck(host.store),
    unbluCheck(host.gateway),
    ...host.messengers.flatMap((m) => {
      const channelId = host.setup?.channelIds[m.messengerId] ?? '';
      return [
        channelCheck(host.gateway, m.config.channel.name),
        pingRoundTripCheck(host.gateway, channelId, async (ms) => void (await host.nextPing(ms)), { name: `ping ${m.config.channel.name}` }),
        adapterCheck(m.messengerId, health(m.messengerId)),
      ];
    }),
  ];
}
