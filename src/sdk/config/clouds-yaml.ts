import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { ConfigurationError } from '../errors.js'
import { toConnectionConfig } from './settings.js'
import type { ConnectionConfig, ConnectionSettings } from './types.js'

export interface CloudsYamlOptions {
  cloudName: string
  /** Defaults to `process.env`; read for `OS_CLIENT_CONFIG_FILE`, `OS_CLIENT_SECURE_FILE`, `XDG_CONFIG_HOME`. */
  env?: NodeJS.ProcessEnv
  /** Defaults to `process.cwd()`. */
  cwd?: string
  /** Defaults to the user's home directory. */
  home?: string
}

type YamlMap = Record<string, unknown>

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const SUFFIXES = ['.yaml', '.yml', '.json']

/**
 * openstacksdk's search path (`openstack/config/loader.py`): the working
 * directory, the user config directory (`$XDG_CONFIG_HOME/openstack`, else
 * `~/.config/openstack`), then `/etc/openstack`; each with `.yaml`, `.yml`
 * and `.json`. The override variable's file is tried first.
 */
function candidateFiles(baseName: 'clouds' | 'secure', override: string | undefined, env: NodeJS.ProcessEnv, cwd: string, home: string): string[] {
  const unixUserConfig = join(home, '.config', 'openstack')
  const userConfig = env.XDG_CONFIG_HOME ? join(env.XDG_CONFIG_HOME, 'openstack') : unixUserConfig
  const dirs = [...new Set([cwd, userConfig, unixUserConfig, '/etc/openstack'])]
  const files = dirs.flatMap((dir) => SUFFIXES.map((suffix) => join(dir, baseName + suffix)))
  return override ? [override, ...files] : files
}

/**
 * The first candidate that exists, parsed. Like openstacksdk, missing or
 * unreadable files are skipped and later ones are never merged in.
 */
async function readFirstFile(paths: string[]): Promise<YamlMap | undefined> {
  for (const path of paths) {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') continue
      throw new ConfigurationError(`Could not read ${path}: ${(err as Error).message}`, { cause: err })
    }
    // Loaded only when a file exists: most runs have none, and the parser
    // costs ~15 ms of start-up.
    const { parse } = await import('yaml')
    let document: unknown
    try {
      // YAML is a superset of JSON, so one parser reads every suffix.
      document = parse(text)
    } catch (err) {
      throw new ConfigurationError(`Could not parse ${path}: ${(err as Error).message}`, { cause: err })
    }
    return isMap(document) ? document : {}
  }
  return undefined
}

/** openstacksdk's `merge_clouds`: nested maps merge, anything else is replaced. */
function deepMerge(base: YamlMap, override: YamlMap): YamlMap {
  const merged: YamlMap = { ...base }
  for (const [key, value] of Object.entries(override)) {
    merged[key] = isMap(value) && isMap(merged[key]) ? deepMerge(merged[key] as YamlMap, value) : value
  }
  return merged
}

/** openstacksdk accepts `project-name` as well as `project_name`. */
function normaliseKeys(map: YamlMap): YamlMap {
  return Object.fromEntries(
    Object.entries(map).map(([key, value]) => [key.replaceAll('-', '_'), isMap(value) ? normaliseKeys(value) : value]),
  )
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  // Unquoted YAML ids and passwords can parse as numbers.
  if (typeof value === 'number') return String(value)
  return undefined
}

function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true'
  return undefined
}

function seconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN
  return Number.isFinite(n) ? n : undefined
}

/** `regions: [RegionOne]` or `regions: [{name: RegionOne, values: …}]`: the first is the default. */
function firstRegion(regions: unknown): string | undefined {
  if (!Array.isArray(regions) || regions.length === 0) return undefined
  const first: unknown = regions[0]
  return isMap(first) ? text(first.name) : text(first)
}

function expandHome(path: string | undefined, home: string): string | undefined {
  return path?.replace(/^~(?=$|\/)/, home)
}

/** Map one clouds.yaml entry onto settings, following openstacksdk's key names and fallbacks. */
function settingsFromCloud(name: string, cloud: YamlMap, home: string): ConnectionSettings {
  const auth = isMap(cloud.auth) ? cloud.auth : {}
  // openstacksdk moves plugin options found at the cloud's top level into `auth`.
  const authValue = (key: string): string | undefined => text(auth[key]) ?? text(cloud[key])
  const authType = text(cloud.auth_type) ?? text(cloud.auth_plugin)
  const verify = flag(cloud.verify)
  return {
    cloud: name,
    authType,
    authUrl: authValue('auth_url'),
    username: authValue('username') ?? authValue('user_name'),
    userId: authValue('user_id'),
    password: authValue('password'),
    userDomainName: authValue('user_domain_name'),
    userDomainId: authValue('user_domain_id'),
    projectName: authValue('project_name') ?? authValue('tenant_name'),
    projectId: authValue('project_id') ?? authValue('tenant_id'),
    projectDomainName: authValue('project_domain_name'),
    projectDomainId: authValue('project_domain_id'),
    domainName: authValue('domain_name'),
    domainId: authValue('domain_id'),
    defaultDomainId: authValue('default_domain_id'),
    defaultDomainName: authValue('default_domain_name'),
    systemScope: authValue('system_scope'),
    token: authValue('token') ?? authValue('auth_token'),
    applicationCredentialId: authValue('application_credential_id'),
    applicationCredentialSecret: authValue('application_credential_secret'),
    applicationCredentialName: authValue('application_credential_name'),
    passcode: authValue('passcode'),
    // keystoneauth reads a YAML list as well as a comma-separated string.
    authMethods: Array.isArray(auth.auth_methods) ? auth.auth_methods.map(text).join(',') : authValue('auth_methods'),
    identityProvider: authValue('identity_provider'),
    protocol: authValue('protocol'),
    clientId: authValue('client_id'),
    clientSecret: authValue('client_secret'),
    openidScope: authValue('openid_scope'),
    discoveryEndpoint: authValue('discovery_endpoint'),
    accessTokenEndpoint: authValue('access_token_endpoint'),
    accessTokenType: authValue('access_token_type'),
    accessToken: authValue('access_token'),
    // Service-prefixed keys beat general ones (openstacksdk's `_get_config`).
    regionName: text(cloud.image_region_name) ?? text(cloud.region_name) ?? firstRegion(cloud.regions),
    interface:
      text(cloud.image_interface) ?? text(cloud.image_endpoint_type) ?? text(cloud.interface) ?? text(cloud.endpoint_type),
    serviceType: text(cloud.image_service_type),
    // With auth_type none, `auth.endpoint` is the endpoint for every service.
    imageUrl:
      text(cloud.image_endpoint_override) ??
      text(cloud.image_endpoint) ??
      (authType === 'none' ? text(auth.endpoint) : undefined),
    insecure: flag(cloud.insecure) === true || verify === false ? true : undefined,
    caFile: expandHome(text(cloud.cacert), home),
    certFile: expandHome(text(cloud.cert), home),
    keyFile: expandHome(text(cloud.key), home),
    timeoutSeconds: seconds(cloud.api_timeout),
    imageApiVersion: text(cloud.image_api_version),
  }
}

/**
 * The named cloud's settings from the first clouds.yaml found, with the
 * first secure.yaml found merged over it (openstacksdk's discovery).
 */
export async function readCloudSettings(options: CloudsYamlOptions): Promise<ConnectionSettings> {
  const env = options.env ?? process.env
  const cwd = options.cwd ?? process.cwd()
  const home = options.home ?? homedir()
  const clouds = await readFirstFile(candidateFiles('clouds', env.OS_CLIENT_CONFIG_FILE, env, cwd, home))
  const secure = await readFirstFile(candidateFiles('secure', env.OS_CLIENT_SECURE_FILE, env, cwd, home))
  const document = deepMerge(clouds ?? {}, secure ?? {})
  const cloud = isMap(document.clouds) ? document.clouds[options.cloudName] : undefined
  if (!isMap(cloud)) throw new ConfigurationError(`Cloud ${options.cloudName} was not found.`)
  return settingsFromCloud(options.cloudName, normaliseKeys(cloud), home)
}

/** Load one cloud from clouds.yaml/secure.yaml as openstacksdk would find and merge them. */
export async function loadCloudsYaml(options: CloudsYamlOptions): Promise<ConnectionConfig> {
  return toConnectionConfig(await readCloudSettings(options))
}
