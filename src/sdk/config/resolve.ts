import { readCloudSettings } from './clouds-yaml.js'
import { settingsFromEnv } from './environment.js'
import { mergeSettings, toConnectionConfig } from './settings.js'
import type { ConnectionConfig, ConnectionSettings } from './types.js'

export interface ResolveConnectionInput {
  /** What the command line gave explicitly; unset flags must be left out (or undefined). */
  flags?: ConnectionSettings
  env: NodeJS.ProcessEnv
  /** Where to look for clouds.yaml; default `process.cwd()`. */
  cwd?: string
  /** Default: the user's home directory. */
  home?: string
}

/**
 * Decide where and how to connect, field by field: the settings given
 * explicitly (`flags`), then `OS_*` variables, then the clouds.yaml entry
 * named by the `cloud` setting or `OS_CLOUD`. clouds.yaml is read only when a cloud is named: glance never
 * reads it, so an environment that works with glance keeps working unchanged.
 */
export async function resolveConnectionConfig(input: ResolveConnectionInput): Promise<ConnectionConfig> {
  const flags = input.flags ?? {}
  const fromEnv = settingsFromEnv(input.env)
  const cloudName = flags.cloud || fromEnv.cloud
  const fromCloud = cloudName
    ? await readCloudSettings({ cloudName, env: input.env, cwd: input.cwd, home: input.home })
    : {}
  return toConnectionConfig(mergeSettings(flags, fromEnv, fromCloud))
}
