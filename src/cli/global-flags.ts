import { Errors, Flags } from '@oclif/core'
import { addition } from './additions.js'
import { OUTPUT_FORMATS } from './output-view.js'

/**
 * glance's global options, in glance's order and with glance's help text
 * (`glance help`), then tsglance's additions (marked, shown apart by help):
 * the modern spellings (`--os-cloud`, `--os-interface`, application
 * credentials), output options and more auth types. Environment defaults
 * (`OS_*`) are applied in one place, the config resolver, so the precedence
 * flags > env > clouds.yaml holds for every option alike. `helpValue` is
 * glance's metavar where it has one (else argparse's, the upper-cased name).
 */
type StringExtra = { aliases?: string[]; helpValue?: string }
const str = (description: string, extra: StringExtra = {}) => Flags.string({ description, helpGroup: 'GLOBAL', ...extra })
const bool = (description: string, extra: { char?: 'd' | 'v' } = {}) => Flags.boolean({ description, helpGroup: 'GLOBAL', ...extra })

export const globalFlags = {
  debug: bool('Defaults to env[GLANCECLIENT_DEBUG].', { char: 'd' }),
  verbose: bool('Print more verbose output.', { char: 'v' }),
  'get-schema': bool('Ignores cached copy and forces retrieval of schema that generates portions of the help text. Ignored with API version 1.'),
  // glance's -f/--force is a global option, so glance accepts `-f` only before
  // the subcommand; the argv normaliser turns that `-f` into --force. After
  // the subcommand `-f` is --format, as in the openstack CLI (decision 0009).
  force: bool('Prevent select actions from requesting user confirmation.'),
  'os-image-url': str(
    'Defaults to env[OS_IMAGE_URL]. If the provided image url contains a version number and `--os-image-api-version` is omitted the version of the URL will be picked as the image api version to use.',
  ),
  'os-image-api-version': str('Defaults to env[OS_IMAGE_API_VERSION] or 2.'),
  // Accepted for compatibility; tsglance does no osprofiler tracing.
  profile: str(
    'HMAC key to use for encrypting context data for performance profiling of operation. This key should be the value of HMAC key configured in osprofiler middleware in glance, it is specified in glance configuration file at /etc/glance/glance-api.conf and /etc/glance/glance-registry.conf. Without key the profiling will not be triggered even if osprofiler is enabled on server side. Defaults to env[OS_PROFILE].',
    { helpValue: 'HMAC_KEY' },
  ),
  'os-region-name': str('Defaults to env[OS_REGION_NAME].'),
  'os-auth-token': str('Defaults to env[OS_AUTH_TOKEN].'),
  'os-service-type': str('Defaults to env[OS_SERVICE_TYPE].'),
  'os-endpoint-type': addition(str('Defaults to env[OS_ENDPOINT_TYPE].', { aliases: ['os-interface'] }), { aliases: ['os-interface'] }),
  insecure: bool(
    'Explicitly allow client to perform "insecure" TLS (https) requests. The server\'s certificate will not be verified against any certificate authorities. This option should be used with caution.',
  ),
  'os-cacert': str('Specify a CA bundle file to use in verifying a TLS (https) server certificate. Defaults to env[OS_CACERT].', { helpValue: '<ca-certificate>' }),
  'os-cert': str('The location for the keystore (PEM formatted) containing the public key of this client. Defaults to env[OS_CERT].', { helpValue: '<certificate>' }),
  'os-key': str('The location for the keystore (PEM formatted) containing the private key of this client. Defaults to env[OS_KEY].', { helpValue: '<key>' }),
  timeout: Flags.custom<number>({
    description: 'Set request timeout (in seconds).',
    helpGroup: 'GLOBAL',
    helpValue: '<seconds>',
    // keystoneauth's argparse check (`_positive_non_zero_float`), so a bad value is a usage error, not an undici failure.
    parse: async (input) => {
      const seconds = input.trim() === '' ? Number.NaN : Number(input)
      if (!Number.isFinite(seconds)) throw new Errors.CLIError(`${input} must be a float`)
      if (seconds <= 0) throw new Errors.CLIError(`${input} must be greater than 0`)
      return seconds
    },
  })(),
  'collect-timing': bool('Collect per-API call timing information.'),
  'os-auth-type': str('Authentication type to use', { aliases: ['os-auth-plugin'], helpValue: '<name>' }),
  'os-auth-url': str('Authentication URL'),
  'os-system-scope': str('Scope for system operations'),
  'os-domain-id': str('Domain ID to scope to'),
  'os-domain-name': str('Domain name to scope to'),
  'os-project-id': str('Project ID to scope to', { aliases: ['os-tenant-id'] }),
  'os-project-name': str('Project name to scope to', { aliases: ['os-tenant-name'] }),
  'os-project-domain-id': str('Domain ID containing project'),
  'os-project-domain-name': str('Domain name containing project'),
  'os-trust-id': str('ID of the trust to use as a trustee use'),
  'os-default-domain-id': str('Optional domain ID to use with v3 and v2 parameters. It will be used for both the user and project domain in v3 and ignored in v2 authentication.'),
  'os-default-domain-name': str(
    'Optional domain name to use with v3 API and v2 parameters. It will be used for both the user and project domain in v3 and ignored in v2 authentication.',
  ),
  'os-user-id': str('User id'),
  'os-username': str('Username', { aliases: ['os-user-name'] }),
  'os-user-domain-id': str("User's domain id"),
  'os-user-domain-name': str("User's domain name"),
  'os-password': str("User's password"),

  format: addition(
    Flags.string({
      char: 'f',
      description: "Output format (table: glance's table; json/yaml: the API objects; value/csv: cells for scripts).",
      helpGroup: 'GLOBAL',
      options: [...OUTPUT_FORMATS],
      default: 'table',
    }),
  ),
  column: addition(
    Flags.string({
      char: 'c',
      description: 'Show only this column (a table heading or an API key); repeat for more.',
      helpGroup: 'GLOBAL',
      helpValue: '<COLUMN>',
      multiple: true,
      // One value per -c, like argparse's append: `image-show -c name <ID>` keeps its id.
      multipleNonGreedy: true,
    }),
  ),
  'dry-run': addition(
    bool('Print the requests that would change something (credentials redacted as with --debug) and send none of them; reads needed to work them out are sent.'),
  ),
  'os-accept-language': addition(str('Accept-Language sent with every Glance request, e.g. "de" or "fr-FR, en;q=0.5". Defaults to env[OS_ACCEPT_LANGUAGE].')),
  retries: addition(
    Flags.integer({
      description: 'Retries of an idempotent request after a connection failure, timeout or HTTP 502/503/504, with jittered backoff (default 3; 0 disables).',
      helpGroup: 'GLOBAL',
      min: 0,
    }),
  ),
  'os-cloud': addition(str('Named cloud from clouds.yaml. Defaults to env[OS_CLOUD].')),
  'os-application-credential-id': addition(str('Application credential ID. Defaults to env[OS_APPLICATION_CREDENTIAL_ID].')),
  'os-application-credential-name': addition(str('Application credential name. Defaults to env[OS_APPLICATION_CREDENTIAL_NAME].')),
  'os-application-credential-secret': addition(str('Application credential secret. Defaults to env[OS_APPLICATION_CREDENTIAL_SECRET].')),
  'os-passcode': addition(str("User's TOTP passcode (auth types v3totp, v3multifactor). Defaults to env[OS_PASSCODE].")),
  'os-auth-methods': addition(str('Methods v3multifactor combines, e.g. v3password,v3totp. Defaults to env[OS_AUTH_METHODS].')),
  'os-identity-provider': addition(str('Identity provider id in Keystone (auth types v3oidc*). Defaults to env[OS_IDENTITY_PROVIDER].')),
  'os-protocol': addition(str('Federation protocol id in Keystone (auth types v3oidc*). Defaults to env[OS_PROTOCOL].')),
  'os-client-id': addition(str('OAuth 2.0 client id at the OpenID provider. Defaults to env[OS_CLIENT_ID].')),
  'os-client-secret': addition(str('OAuth 2.0 client secret at the OpenID provider. Defaults to env[OS_CLIENT_SECRET].')),
  'os-openid-scope': addition(str('Scope asked of the OpenID provider (default "openid profile"). Defaults to env[OS_OPENID_SCOPE].')),
  'os-discovery-endpoint': addition(str("OpenID provider's .well-known/openid-configuration URL. Defaults to env[OS_DISCOVERY_ENDPOINT].")),
  'os-access-token-endpoint': addition(str("OpenID provider's token endpoint (overrides discovery). Defaults to env[OS_ACCESS_TOKEN_ENDPOINT].")),
  'os-access-token-type': addition(str('Token response field sent to Keystone: access_token or id_token. Defaults to env[OS_ACCESS_TOKEN_TYPE].')),
  'os-access-token': addition(str('OpenID Connect access token (auth type v3oidcaccesstoken). Defaults to env[OS_ACCESS_TOKEN].')),
  'no-token-cache': addition(
    bool('Neither read nor write the token cache ($XDG_CACHE_HOME/tsglance, else ~/.cache/tsglance). Defaults to env[TSGLANCE_NO_TOKEN_CACHE].'),
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
