import { GlanceClient } from '../sdk/client.js'
import { resolveConnectionConfig, type ConnectionSettings } from '../sdk/config/index.js'
import { checkImageApiVersion } from './api-version.js'
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

/** Build the run's SDK client from flags > OS_* env > clouds.yaml. */
export async function createClientFromFlags(
  flags: Partial<GlobalFlags>,
  env: NodeJS.ProcessEnv,
  debug?: (line: string) => void,
): Promise<GlanceClient> {
  const config = await resolveConnectionConfig({ flags: settingsFromFlags(flags), env })
  checkImageApiVersion(config.imageApiVersion, config.imageUrl)
  return new GlanceClient({
    auth: config.auth,
    endpoint: config.imageUrl,
    regionName: config.regionName,
    interface: config.interface,
    serviceType: config.serviceType,
    insecure: config.insecure,
    caFile: config.caFile,
    certFile: config.certFile,
    keyFile: config.keyFile,
    timeoutMs: config.timeoutSeconds === undefined ? undefined : config.timeoutSeconds * 1000,
    retry: flags.retries === undefined ? undefined : { retries: flags.retries },
    userAgent: 'tsglance',
    debug,
  })
}
