import type { AuthFields } from '../auth/types.js'

/** Everything needed to reach Glance, resolved from flags, env and clouds.yaml. */
export interface ConnectionConfig {
  /** Credentials and scope; `authType` is always set (named or inferred). */
  auth: AuthFields
  regionName?: string
  /** Catalog interface: `public`, `internal`, `admin` (or `publicURL` etc.). */
  interface?: string
  /** Catalog service type when not `image` (`OS_SERVICE_TYPE`). */
  serviceType?: string
  /**
   * Glance URL that bypasses the catalog (`OS_IMAGE_URL`). With a token
   * and no other credentials it also bypasses Keystone, as glance does.
   */
  imageUrl?: string
  insecure?: boolean
  caFile?: string
  certFile?: string
  keyFile?: string
  timeoutSeconds?: number
  imageApiVersion?: string
  /** The clouds.yaml entry the settings came from, if any. */
  cloudName?: string
}

/**
 * One source's settings, flat as the CLI parses them (one field per glance
 * or keystoneauth option). Empty strings count as unset, as in glance. The
 * credential and scope fields are AuthFields' own (`projectName` also comes
 * from `OS_TENANT_NAME`, `projectId` from `OS_TENANT_ID`, `token` from
 * keystoneauth's `OS_TOKEN`); the fields declared here are the rest.
 */
export interface ConnectionSettings extends Omit<AuthFields, 'authType' | 'authMethods'> {
  /** clouds.yaml entry to read (`OS_CLOUD`). */
  cloud?: string
  /** keystoneauth plugin name (`OS_AUTH_TYPE`, clouds.yaml `auth_type`), e.g. `password`, `v3applicationcredential`; checked when resolved. */
  authType?: string
  /** `v3multifactor` plugin names, comma-separated (`v3password,v3totp`, keystoneauth's `auth_methods`). */
  authMethods?: string
  /** keystoneauth's fallback for both user and project domain. */
  defaultDomainId?: string
  defaultDomainName?: string
  regionName?: string
  /** Catalog interface (`OS_ENDPOINT_TYPE` or `OS_INTERFACE`). */
  interface?: string
  serviceType?: string
  imageUrl?: string
  /** Only `true` has an effect: a source can switch verification off, never on. */
  insecure?: boolean
  caFile?: string
  certFile?: string
  keyFile?: string
  timeoutSeconds?: number
  imageApiVersion?: string
}
