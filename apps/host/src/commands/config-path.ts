/** Where the configuration is: `--config`, else `PARLEY_CONFIG`, else `./parley.yaml`. */
export function configPath(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env['PARLEY_CONFIG'] ?? 'parley.yaml';
}
