import type { ConnectionSettings } from './types.js'

type StringSetting = { [K in keyof ConnectionSettings]-?: ConnectionSettings[K] extends string | undefined ? K : never }[keyof ConnectionSettings]

/**
 * The variables behind each setting, first one winning: glance's own
 * (`OS_AUTH_TOKEN`, `OS_ENDPOINT_TYPE`, `OS_TENANT_*` fallbacks), then the
 * keystoneauth/openstacksdk spellings (`OS_TOKEN`, `OS_INTERFACE`,
 * `OS_USER_NAME`, `OS_AUTH_PLUGIN`). `insecure` and `timeoutSeconds` have no
 * variable in glance, so none here.
 */
const ENV_VARS: readonly (readonly [StringSetting, readonly string[]])[] = [
  ['cloud', ['OS_CLOUD']],
  ['authType', ['OS_AUTH_TYPE', 'OS_AUTH_PLUGIN']],
  ['authUrl', ['OS_AUTH_URL']],
  ['username', ['OS_USERNAME', 'OS_USER_NAME']],
  ['userId', ['OS_USER_ID']],
  ['password', ['OS_PASSWORD']],
  ['userDomainName', ['OS_USER_DOMAIN_NAME']],
  ['userDomainId', ['OS_USER_DOMAIN_ID']],
  ['projectName', ['OS_PROJECT_NAME', 'OS_TENANT_NAME']],
  ['projectId', ['OS_PROJECT_ID', 'OS_TENANT_ID']],
  ['projectDomainName', ['OS_PROJECT_DOMAIN_NAME']],
  ['projectDomainId', ['OS_PROJECT_DOMAIN_ID']],
  ['domainName', ['OS_DOMAIN_NAME']],
  ['domainId', ['OS_DOMAIN_ID']],
  ['defaultDomainId', ['OS_DEFAULT_DOMAIN_ID']],
  ['defaultDomainName', ['OS_DEFAULT_DOMAIN_NAME']],
  ['systemScope', ['OS_SYSTEM_SCOPE']],
  ['token', ['OS_AUTH_TOKEN', 'OS_TOKEN']],
  ['applicationCredentialId', ['OS_APPLICATION_CREDENTIAL_ID']],
  ['applicationCredentialSecret', ['OS_APPLICATION_CREDENTIAL_SECRET']],
  ['applicationCredentialName', ['OS_APPLICATION_CREDENTIAL_NAME']],
  ['passcode', ['OS_PASSCODE']],
  ['authMethods', ['OS_AUTH_METHODS']],
  ['identityProvider', ['OS_IDENTITY_PROVIDER']],
  ['protocol', ['OS_PROTOCOL']],
  ['clientId', ['OS_CLIENT_ID']],
  ['clientSecret', ['OS_CLIENT_SECRET']],
  ['openidScope', ['OS_OPENID_SCOPE']],
  ['discoveryEndpoint', ['OS_DISCOVERY_ENDPOINT']],
  ['accessTokenEndpoint', ['OS_ACCESS_TOKEN_ENDPOINT']],
  ['accessTokenType', ['OS_ACCESS_TOKEN_TYPE']],
  ['accessToken', ['OS_ACCESS_TOKEN']],
  ['regionName', ['OS_REGION_NAME']],
  ['interface', ['OS_ENDPOINT_TYPE', 'OS_INTERFACE']],
  ['serviceType', ['OS_SERVICE_TYPE']],
  ['imageUrl', ['OS_IMAGE_URL']],
  ['caFile', ['OS_CACERT']],
  ['certFile', ['OS_CERT']],
  ['keyFile', ['OS_KEY']],
  ['imageApiVersion', ['OS_IMAGE_API_VERSION']],
]

/** The connection settings `OS_*` variables carry; empty variables count as unset. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): ConnectionSettings {
  const settings: ConnectionSettings = {}
  for (const [setting, names] of ENV_VARS) {
    const value = names.map((name) => env[name]).find((v) => v !== undefined && v !== '')
    if (value !== undefined) settings[setting] = value
  }
  return settings
}
