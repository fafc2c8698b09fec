import { Errors, Flags } from '@oclif/core'
import { OUTPUT_FORMATS } from './output-view.js'

/**
 * glance's global options (`glance help`), plus the modern spellings
 * (`--os-cloud`, `--os-interface`, application credentials). Environment
 * defaults (`OS_*`) are applied in one place, the config resolver, so the
 * precedence flags > env > clouds.yaml holds for every option alike.
 */
const str = (description: string, extra: { aliases?: string[]; char?: 'd' | 'v' | 'f' } = {}) =>
  Flags.string({ description, helpGroup: 'GLOBAL', ...extra })
const bool = (description: string, extra: { char?: 'd' | 'v' | 'f'; allowNo?: boolean } = {}) =>
  Flags.boolean({ description, helpGroup: 'GLOBAL', ...extra })

export const globalFlags = {
  debug: bool('Print requests and responses (credentials redacted). Defaults to env[GLANCECLIENT_DEBUG].', { char: 'd' }),
  verbose: bool('Print more verbose output.', { char: 'v' }),
  'get-schema': bool('Ignores cached copy and forces retrieval of schema.'),
  // glance's -f/--force is a global option, so glance accepts `-f` only before
  // the subcommand; the argv normaliser turns that `-f` into --force. After
  // the subcommand `-f` is --format, as in the openstack CLI (decision 0009).
  force: bool('Prevent select actions from requesting user confirmation.'),
  format: Flags.string({
    char: 'f',
    description: 'Output format (table: glance\'s table; json/yaml: the API objects; value/csv: cells for scripts).',
    helpGroup: 'GLOBAL',
    options: [...OUTPUT_FORMATS],
    default: 'table',
  }),
  'os-accept-language': str('Accept-Language sent with every Glance request, e.g. "de" or "fr-FR, en;q=0.5". Defaults to env[OS_ACCEPT_LANGUAGE].'),
  'dry-run': bool(
    'Print the requests that would change something (credentials redacted as with --debug) and send none of them; reads needed to work them out are sent.',
  ),
  column: Flags.string({
    char: 'c',
    description: 'Show only this column (a table heading or an API key); repeat for more.',
    helpGroup: 'GLOBAL',
    multiple: true,
    // One value per -c, like argparse's append: `image-show -c name <ID>` keeps its id.
    multipleNonGreedy: true,
  }),
  'os-image-url': str('Defaults to env[OS_IMAGE_URL].'),
  'os-image-api-version': str('Defaults to env[OS_IMAGE_API_VERSION] or 2.'),
  profile: str('HMAC key for osprofiler (accepted for compatibility; not used). Defaults to env[OS_PROFILE].'),
  'os-region-name': str('Defaults to env[OS_REGION_NAME].'),
  'os-auth-token': str('Defaults to env[OS_AUTH_TOKEN].'),
  'os-service-type': str('Defaults to env[OS_SERVICE_TYPE].'),
  'os-endpoint-type': str('Defaults to env[OS_ENDPOINT_TYPE].', { aliases: ['os-interface'] }),
  insecure: bool('Explicitly allow "insecure" TLS (https) requests: the server certificate is not verified.'),
  'os-cacert': str('CA bundle file to verify a TLS (https) server certificate. Defaults to env[OS_CACERT].'),
  'os-cert': str('Client certificate (PEM). Defaults to env[OS_CERT].'),
  'os-key': str('Client private key (PEM). Defaults to env[OS_KEY].'),
  timeout: Flags.custom<number>({
    description: 'Set request timeout (in seconds).',
    helpGroup: 'GLOBAL',
    // keystoneauth's argparse check (`_positive_non_zero_float`), so a bad value is a usage error, not an undici failure.
    parse: async (input) => {
      const seconds = input.trim() === '' ? Number.NaN : Number(input)
      if (!Number.isFinite(seconds)) throw new Errors.CLIError(`${input} must be a float`)
      if (seconds <= 0) throw new Errors.CLIError(`${input} must be greater than 0`)
      return seconds
    },
  })(),
  retries: Flags.integer({
    description: 'Retries of an idempotent request after a connection failure, timeout or HTTP 502/503/504, with jittered backoff (default 3; 0 disables).',
    helpGroup: 'GLOBAL',
    min: 0,
  }),
  'collect-timing': bool('Collect per-API call timing information.'),
  'os-auth-type': str('Authentication type to use. Defaults to env[OS_AUTH_TYPE].', { aliases: ['os-auth-plugin'] }),
  'os-auth-url': str('Authentication URL. Defaults to env[OS_AUTH_URL].'),
  'os-system-scope': str('Scope for system operations. Defaults to env[OS_SYSTEM_SCOPE].'),
  'os-domain-id': str('Domain ID to scope to. Defaults to env[OS_DOMAIN_ID].'),
  'os-domain-name': str('Domain name to scope to. Defaults to env[OS_DOMAIN_NAME].'),
  'os-project-id': str('Project ID to scope to. Defaults to env[OS_PROJECT_ID].', { aliases: ['os-tenant-id'] }),
  'os-project-name': str('Project name to scope to. Defaults to env[OS_PROJECT_NAME].', { aliases: ['os-tenant-name'] }),
  'os-project-domain-id': str('Domain ID containing project. Defaults to env[OS_PROJECT_DOMAIN_ID].'),
  'os-project-domain-name': str('Domain name containing project. Defaults to env[OS_PROJECT_DOMAIN_NAME].'),
  'os-trust-id': str('ID of the trust to use as a trustee use. Defaults to env[OS_TRUST_ID].'),
  'os-default-domain-id': str('Domain ID used for both user and project domain. Defaults to env[OS_DEFAULT_DOMAIN_ID].'),
  'os-default-domain-name': str('Domain name used for both user and project domain. Defaults to env[OS_DEFAULT_DOMAIN_NAME].'),
  'os-user-id': str('User id. Defaults to env[OS_USER_ID].'),
  'os-username': str('Username. Defaults to env[OS_USERNAME].', { aliases: ['os-user-name'] }),
  'os-user-domain-id': str("User's domain id. Defaults to env[OS_USER_DOMAIN_ID]."),
  'os-user-domain-name': str("User's domain name. Defaults to env[OS_USER_DOMAIN_NAME]."),
  'os-password': str("User's password. Defaults to env[OS_PASSWORD]."),
  'os-cloud': str('Named cloud from clouds.yaml. Defaults to env[OS_CLOUD].'),
  'os-application-credential-id': str('Application credential ID. Defaults to env[OS_APPLICATION_CREDENTIAL_ID].'),
  'os-application-credential-name': str('Application credential name. Defaults to env[OS_APPLICATION_CREDENTIAL_NAME].'),
  'os-application-credential-secret': str('Application credential secret. Defaults to env[OS_APPLICATION_CREDENTIAL_SECRET].'),
  'os-passcode': str("User's TOTP passcode (auth types v3totp, v3multifactor). Defaults to env[OS_PASSCODE]."),
  'os-auth-methods': str('Methods v3multifactor combines, e.g. v3password,v3totp. Defaults to env[OS_AUTH_METHODS].'),
  'os-identity-provider': str('Identity provider id in Keystone (auth types v3oidc*). Defaults to env[OS_IDENTITY_PROVIDER].'),
  'os-protocol': str('Federation protocol id in Keystone (auth types v3oidc*). Defaults to env[OS_PROTOCOL].'),
  'os-client-id': str('OAuth 2.0 client id at the OpenID provider. Defaults to env[OS_CLIENT_ID].'),
  'os-client-secret': str('OAuth 2.0 client secret at the OpenID provider. Defaults to env[OS_CLIENT_SECRET].'),
  'os-openid-scope': str('Scope asked of the OpenID provider (default "openid profile"). Defaults to env[OS_OPENID_SCOPE].'),
  'os-discovery-endpoint': str("OpenID provider's .well-known/openid-configuration URL. Defaults to env[OS_DISCOVERY_ENDPOINT]."),
  'os-access-token-endpoint': str("OpenID provider's token endpoint (overrides discovery). Defaults to env[OS_ACCESS_TOKEN_ENDPOINT]."),
  'os-access-token-type': str('Token response field sent to Keystone: access_token or id_token. Defaults to env[OS_ACCESS_TOKEN_TYPE].'),
  'os-access-token': str('OpenID Connect access token (auth type v3oidcaccesstoken). Defaults to env[OS_ACCESS_TOKEN].'),
  'no-token-cache': bool(
    'Neither read nor write the token cache ($XDG_CACHE_HOME/tsglance, else ~/.cache/tsglance). Defaults to env[TSGLANCE_NO_TOKEN_CACHE].',
  ),
}

export type GlobalFlagName = keyof typeof globalFlags

/** Long names (and aliases) of global flags that take a value, for the argv normaliser. */
export function valueTakingGlobalFlags(): Set<string> {
  const names = new Set<string>()
  for (const [name, flag] of Object.entries(globalFlags)) {
    if (flag.type !== 'option') continue
    names.add(`--${name}`)
    for (const alias of flag.aliases ?? []) names.add(`--${alias}`)
  }
  return names
}
