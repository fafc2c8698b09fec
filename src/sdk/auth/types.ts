/**
 * Keystone v3 plugins tsglance speaks, named as keystoneauth names them
 * (`--os-auth-type`, clouds.yaml `auth_type`). `none` means no Keystone at
 * all: requests go straight to `--os-image-url` without a token.
 */
export type AuthType = 'password' | 'token' | 'v3applicationcredential' | 'none'

/** Credentials and scope, one field per keystoneauth plugin option. */
export interface AuthOptions {
  /** Keystone URL, with or without the `/v3` segment. */
  authUrl?: string
  /** Inferred from the other fields when absent (see `inferAuthType`). */
  authType?: AuthType
  username?: string
  userId?: string
  password?: string
  userDomainName?: string
  userDomainId?: string
  projectName?: string
  projectId?: string
  projectDomainName?: string
  projectDomainId?: string
  /** Domain scope. */
  domainName?: string
  domainId?: string
  /** System scope; Keystone only knows `all`. */
  systemScope?: string
  /** An existing token, rescoped through the `token` method. */
  token?: string
  applicationCredentialId?: string
  applicationCredentialSecret?: string
  applicationCredentialName?: string
}

export interface CatalogEndpoint {
  id?: string
  /** `public`, `internal` or `admin`. */
  interface: string
  region?: string
  region_id?: string
  url: string
}

export interface CatalogService {
  type: string
  name?: string
  endpoints: CatalogEndpoint[]
}

/** What one `POST /v3/auth/tokens` returned. */
export interface KeystoneToken {
  /** The `X-Subject-Token` header: what requests send as `X-Auth-Token`. */
  token: string
  expiresAt?: Date
  catalog: CatalogService[]
  userId?: string
  /** Set for project-scoped tokens. */
  projectId?: string
  /** Set for domain-scoped tokens. */
  domainId?: string
  /** True for system-scoped tokens. */
  system?: boolean
  /** Role names. */
  roles: string[]
}
