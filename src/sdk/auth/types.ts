/**
 * Keystone v3 plugins tsglance speaks, named as keystoneauth names them
 * (`--os-auth-type`, clouds.yaml `auth_type`). `none` means no Keystone at
 * all: requests go straight to `--os-image-url` without a token.
 */
export type AuthType =
  | 'password'
  | 'token'
  | 'v3applicationcredential'
  | 'v3totp'
  | 'v3multifactor'
  | 'v3oidcpassword'
  | 'v3oidcclientcredentials'
  | 'v3oidcaccesstoken'
  | 'none'

/** The identity methods `v3multifactor` can combine (keystoneauth's `auth_methods`). */
export type MultiFactorMethod = 'password' | 'totp'

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
  /** A TOTP passcode for `v3totp` and `v3multifactor` (`--os-passcode`). */
  passcode?: string
  /** The methods `v3multifactor` sends together (`--os-auth-methods v3password,v3totp`). */
  authMethods?: MultiFactorMethod[]
  /** OpenID Connect (`v3oidc*`): the Keystone identity provider and federation protocol ids. */
  identityProvider?: string
  protocol?: string
  /** OAuth 2.0 client of the OpenID provider, sent as HTTP Basic credentials to its token endpoint. */
  clientId?: string
  clientSecret?: string
  /** Scope asked of the OpenID provider; keystoneauth's default is `openid profile`. */
  openidScope?: string
  /** The provider's `.well-known/openid-configuration` URL, for its token endpoint and grant types. */
  discoveryEndpoint?: string
  /** The token endpoint; overrides the discovery document's. */
  accessTokenEndpoint?: string
  /** Which field of the token response to present to Keystone: `access_token` (default) or `id_token`. */
  accessTokenType?: string
  /** `v3oidcaccesstoken`: an access token already obtained from the provider. */
  accessToken?: string
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
  /** When Keystone issued it: with `expiresAt`, how long it was meant to live. */
  issuedAt?: Date
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
