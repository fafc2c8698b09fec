/**
 * Keystone v3 plugins tsglance speaks, named as keystoneauth names them
 * (`OS_AUTH_TYPE`, clouds.yaml `auth_type`). `none` means no Keystone at
 * all: requests go straight to the client's `endpoint` without a token.
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

/** The scope of the token asked for: a project, a domain, or the system (`all`); none gives an unscoped token. */
export interface AuthScope {
  projectName?: string
  projectId?: string
  projectDomainName?: string
  projectDomainId?: string
  /** Domain scope. */
  domainName?: string
  domainId?: string
  /** System scope; Keystone only knows `all`. */
  systemScope?: string
}

/** A Keystone user, by id or by name within a domain. */
export interface AuthUser {
  username?: string
  userId?: string
  userDomainName?: string
  userDomainId?: string
}

/**
 * Every credential and scope field, one per keystoneauth plugin option, all
 * optional: what the configuration resolver (flags, `OS_*`, clouds.yaml)
 * produces and what authentication reads; a missing credential is found
 * when authenticating (MissingCredentialError). Code that writes its
 * credentials itself uses `AuthOptions`, which the compiler checks per method.
 */
export interface AuthFields extends AuthScope, AuthUser {
  /** Keystone URL, with or without the `/v3` segment. */
  authUrl?: string
  /** Inferred from the other fields when absent (see `inferAuthType`). */
  authType?: AuthType
  password?: string
  /** An existing token, rescoped through the `token` method. */
  token?: string
  applicationCredentialId?: string
  applicationCredentialSecret?: string
  applicationCredentialName?: string
  /** A TOTP passcode for `v3totp` and `v3multifactor` (keystoneauth's `passcode`). */
  passcode?: string
  /** The methods `v3multifactor` sends together (keystoneauth's `auth_methods`). */
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

interface KeystoneAuth extends AuthScope {
  /** Keystone URL, with or without the `/v3` segment. */
  authUrl: string
}

/** Who authenticates: a user by name (with `userDomainName`/`userDomainId`) or by id, one of the two. */
export type AuthUserRef = { username: string; userId?: undefined } | { userId: string; username?: undefined }

/** keystoneauth `password` (the default when `authType` is left out and a password is given). */
export type PasswordAuthOptions = KeystoneAuth &
  AuthUser &
  AuthUserRef & {
    authType?: 'password'
    password: string
    /** Not with a password: without `authType` the two would be ambiguous. */
    token?: undefined
  }

/**
 * keystoneauth `token`: an existing token, rescoped through Keystone. Without
 * `authUrl`, and with the client's `endpoint`, the token is sent to Glance
 * as it is, without Keystone.
 */
export interface TokenAuthOptions extends AuthScope {
  authType?: 'token'
  authUrl?: string
  token: string
  password?: undefined
}

/** `v3applicationcredential`: the credential by id, or by name with its user. */
export type ApplicationCredentialAuthOptions = KeystoneAuth & {
  authType: 'v3applicationcredential'
  applicationCredentialSecret: string
} & (
    | { applicationCredentialId: string; applicationCredentialName?: undefined }
    | (AuthUser & AuthUserRef & { applicationCredentialName: string; applicationCredentialId?: undefined })
  )

/** `v3totp`: a user and a TOTP passcode. */
export type TotpAuthOptions = KeystoneAuth &
  AuthUser &
  AuthUserRef & {
    authType: 'v3totp'
    passcode: string
  }

/** `v3multifactor`: several methods in one request (`['password', 'totp']`). */
export type MultiFactorAuthOptions = KeystoneAuth &
  AuthUser &
  AuthUserRef & {
    authType: 'v3multifactor'
    authMethods: MultiFactorMethod[]
    password?: string
    passcode?: string
  }

interface OidcAuth extends KeystoneAuth {
  /** The Keystone identity provider and federation protocol ids. */
  identityProvider: string
  protocol: string
  /** The provider's `.well-known/openid-configuration` URL, for its token endpoint and grant types. */
  discoveryEndpoint?: string
  /** The token endpoint; overrides the discovery document's. */
  accessTokenEndpoint?: string
  /** Which field of the token response to present to Keystone: `access_token` (default) or `id_token`. */
  accessTokenType?: string
  /** Scope asked of the OpenID provider; keystoneauth's default is `openid profile`. */
  openidScope?: string
}

/** `v3oidcpassword`: the resource-owner password grant at the OpenID provider. */
export interface OidcPasswordAuthOptions extends OidcAuth {
  authType: 'v3oidcpassword'
  username: string
  password: string
  clientId: string
  clientSecret?: string
}

/** `v3oidcclientcredentials`: the client-credentials grant. */
export interface OidcClientCredentialsAuthOptions extends OidcAuth {
  authType: 'v3oidcclientcredentials'
  clientId: string
  clientSecret: string
}

/** `v3oidcaccesstoken`: an access token already obtained from the provider. */
export interface OidcAccessTokenAuthOptions extends KeystoneAuth {
  authType: 'v3oidcaccesstoken'
  identityProvider: string
  protocol: string
  accessToken: string
}

/** No Keystone: requests go to the client's `endpoint` without a token. */
export interface NoAuthOptions {
  authType: 'none'
}

/**
 * Credentials and scope, one shape per auth type (keystoneauth's plugin
 * names), so the compiler asks for what the chosen method needs:
 *
 * ```ts
 * { authUrl, username: 'demo', userDomainName: 'Default', password, projectName: 'demo', projectDomainName: 'Default' }
 * { authType: 'v3applicationcredential', authUrl, applicationCredentialId, applicationCredentialSecret }
 * ```
 */
export type AuthOptions =
  | PasswordAuthOptions
  | TokenAuthOptions
  | ApplicationCredentialAuthOptions
  | TotpAuthOptions
  | MultiFactorAuthOptions
  | OidcPasswordAuthOptions
  | OidcClientCredentialsAuthOptions
  | OidcAccessTokenAuthOptions
  | NoAuthOptions
