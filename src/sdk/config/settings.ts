import type { SessionOptions } from '../session.js'
import { inferAuthType, parseAuthMethods, parseAuthType } from '../auth/auth-type.js'
import type { AuthFields, AuthOptions } from '../auth/types.js'
import type { ConnectionConfig, ConnectionSettings } from './types.js'

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== ''
}

/**
 * Combine sources field by field, earlier ones winning (flags, then env, then
 * clouds.yaml). `insecure` is a one-way switch: any source may turn
 * verification off (`insecure: true`, clouds.yaml `verify: false`), none on.
 */
export function mergeSettings(...layers: ConnectionSettings[]): ConnectionSettings {
  const merged: Record<string, unknown> = {}
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (key === 'insecure') {
        if (value === true) merged.insecure = true
      } else if (!isSet(merged[key]) && isSet(value)) {
        merged[key] = value
      }
    }
  }
  return merged as ConnectionSettings
}

function withoutUnset<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => isSet(v))) as T
}

type DomainKeys = { id: 'userDomainId' | 'projectDomainId'; name: 'userDomainName' | 'projectDomainName' }
const USER_DOMAIN: DomainKeys = { id: 'userDomainId', name: 'userDomainName' }
const PROJECT_DOMAIN: DomainKeys = { id: 'projectDomainId', name: 'projectDomainName' }

/** Give the user or project a domain only if it has none, so an explicit one always wins. */
function fillDomain(auth: AuthFields, keys: DomainKeys, id: string | undefined, name: string | undefined): void {
  if (auth[keys.id] || auth[keys.name]) return
  if (id) auth[keys.id] = id
  else if (name) auth[keys.name] = name
}

/**
 * Turn merged settings into a connection config, applying the domain
 * shorthands users rely on:
 * - openstacksdk's `_handle_domain_id`: with a project scope, `domain_id` /
 *   `domain_name` names the user's and project's domain rather than a domain
 *   scope (otherwise keystoneauth would refuse two scopes);
 * - keystoneauth's generic plugins: `default_domain_id` / `_name` stands in
 *   for user and project domains that were not given.
 */
export function toConnectionConfig(settings: ConnectionSettings): ConnectionConfig {
  // Every field not taken out here is a credential or scope field of AuthFields (see ConnectionSettings).
  const {
    cloud,
    authType,
    authMethods,
    defaultDomainId,
    defaultDomainName,
    regionName,
    interface: catalogInterface,
    serviceType,
    imageUrl,
    insecure,
    caFile,
    certFile,
    keyFile,
    timeoutSeconds,
    imageApiVersion,
    ...credentials
  } = settings
  const auth: AuthFields = withoutUnset({ ...credentials, authMethods: authMethods ? parseAuthMethods(authMethods) : undefined })
  if ((auth.projectId || auth.projectName) && (auth.domainId || auth.domainName)) {
    for (const keys of [USER_DOMAIN, PROJECT_DOMAIN]) fillDomain(auth, keys, auth.domainId, auth.domainName)
    delete auth.domainId
    delete auth.domainName
  }
  for (const keys of [USER_DOMAIN, PROJECT_DOMAIN]) fillDomain(auth, keys, defaultDomainId, defaultDomainName)
  auth.authType = authType ? parseAuthType(authType) : inferAuthType(auth)

  return withoutUnset({
    auth,
    regionName,
    interface: catalogInterface,
    serviceType,
    imageUrl,
    insecure: insecure || undefined,
    caFile,
    certFile,
    keyFile,
    timeoutSeconds,
    imageApiVersion,
    cloudName: cloud,
  })
}

/** The client options a resolved configuration gives: where and how to connect. */
export function sessionOptionsFrom(config: ConnectionConfig): Pick<
  SessionOptions,
  'auth' | 'endpoint' | 'regionName' | 'interface' | 'serviceType' | 'insecure' | 'caFile' | 'certFile' | 'keyFile' | 'timeoutMs'
> {
  return {
    // Checked when authenticating (MissingCredentialError): an environment may hold any mix of fields.
    auth: config.auth as AuthOptions,
    endpoint: config.imageUrl,
    regionName: config.regionName,
    interface: config.interface,
    serviceType: config.serviceType,
    insecure: config.insecure,
    caFile: config.caFile,
    certFile: config.certFile,
    keyFile: config.keyFile,
    timeoutMs: config.timeoutSeconds === undefined ? undefined : config.timeoutSeconds * 1000,
  }
}
