import type { Dispatcher } from 'undici'
import { GlanceClient } from '../sdk/client.js'
import { resolveConnectionConfig, sessionOptionsFrom, type ConnectionSettings } from '../sdk/config/index.js'
import { FileTokenCache, defaultTokenCacheDir } from '../sdk/auth/token-cache.js'
import { checkImageApiVersion } from './api-version.js'
import { promptForMissingSecrets } from './secret-prompt.js'
import type { GlobalFlags } from './base-command.js'

/** The settings the user actually typed on the command line (env and clouds.yaml are layered by the resolver). */
export function settingsFromFlags(flags: Partial<GlobalFlags>): ConnectionSettings {
  const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout)
  return {
    cloud: flags['os-cloud'],
    authType: flags['os-auth-type'],
    authUrl: flags['os-auth-url'],
    username: flags['os-username'],
    userId: flags['os-user-id'],
    password: flags['os-password'],
    userDomainName: flags['os-user-domain-name'],
    userDomainId: flags['os-user-domain-id'],
    projectName: flags['os-project-name'],
    projectId: flags['os-project-id'],
    projectDomainName: flags['os-project-domain-name'],
    projectDomainId: flags['os-project-domain-id'],
    domainName: flags['os-domain-name'],
    domainId: flags['os-domain-id'],
    defaultDomainId: flags['os-default-domain-id'],
    defaultDomainName: flags['os-default-domain-name'],
    systemScope: flags['os-system-scope'],
    token: flags['os-auth-token'],
    applicationCredentialId: flags['os-application-credential-id'],
    applicationCredentialSecret: flags['os-application-credential-secret'],
    applicationCredentialName: flags['os-application-credential-name'],
    passcode: flags['os-passcode'],
    authMethods: flags['os-auth-methods'],
    identityProvider: flags['os-identity-provider'],
    protocol: flags['os-protocol'],
    clientId: flags['os-client-id'],
    clientSecret: flags['os-client-secret'],
    openidScope: flags['os-openid-scope'],
    discoveryEndpoint: flags['os-discovery-endpoint'],
    accessTokenEndpoint: flags['os-access-token-endpoint'],
    accessTokenType: flags['os-access-token-type'],
    accessToken: flags['os-access-token'],
    regionName: flags['os-region-name'],
    interface: flags['os-endpoint-type'],
    serviceType: flags['os-service-type'],
    imageUrl: flags['os-image-url'],
    insecure: flags.insecure || undefined,
    caFile: flags['os-cacert'],
    certFile: flags['os-cert'],
    keyFile: flags['os-key'],
    timeoutSeconds: Number.isFinite(timeout) ? timeout : undefined,
    imageApiVersion: flags['os-image-api-version'],
  }
}

/**
 * Build the run's SDK client from flags > OS_* env > clouds.yaml.
 * `dispatcher` replaces the network for tests that answer every request
 * themselves (test/commands); the CLI never passes one.
 */
export async function createClientFromFlags(
  flags: Partial<GlobalFlags>,
  env: NodeJS.ProcessEnv,
  debug?: (line: string) => void,
  dispatcher?: Dispatcher,
): Promise<GlanceClient> {
  const config = await resolveConnectionConfig({ flags: settingsFromFlags(flags), env })
  checkImageApiVersion(config.imageApiVersion, config.imageUrl)
  await promptForMissingSecrets(config.auth, config.imageUrl)
  return new GlanceClient({
    ...sessionOptionsFrom(config),
    retry: flags.retries === undefined ? undefined : { retries: flags.retries },
    userAgent: 'tsglance',
    // python-requests' Accept: Glance (webob) then words its errors as HTML,
    // the form glance's messages are parsed from; JSON errors read differently.
    accept: '*/*',
    tokenCache: tokenCacheDisabled(flags, env) ? undefined : new FileTokenCache(defaultTokenCacheDir(env)),
    debug,
    dryRun: flags['dry-run'],
    // Not a clouds.yaml setting, so not the resolver's: the flag, else the environment.
    acceptLanguage: flags['os-accept-language'] || env.OS_ACCEPT_LANGUAGE || undefined,
    onInsecureRequest: (host) => process.stderr.write(`${insecureRequestWarning(host)}\n`),
    dispatcher,
  })
}

/** `--no-token-cache`, or TSGLANCE_NO_TOKEN_CACHE set to anything but empty, `0` or `false`. */
function tokenCacheDisabled(flags: Partial<GlobalFlags>, env: NodeJS.ProcessEnv): boolean {
  const value = env.TSGLANCE_NO_TOKEN_CACHE?.trim().toLowerCase()
  return flags['no-token-cache'] === true || (value !== undefined && !['', '0', 'false'].includes(value))
}

/**
 * The one stderr line of a run that sends HTTPS without verifying the
 * certificate: glance's urllib3 prints an InsecureRequestWarning per request
 * (docs/decisions/0008-tls-redirects-token-lifetime.md).
 */
export function insecureRequestWarning(host: string): string {
  return `WARNING: unverified HTTPS request to ${host} (--insecure): its TLS certificate is not checked; use --os-cacert to verify it.`
}
