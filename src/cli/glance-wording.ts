/**
 * The CLI's words for the SDK's structured configuration and
 * authentication errors: glance's own text where glance has a message
 * (glanceclient's shell, `_get_kwargs_to_create_auth_plugin`), and the same
 * pattern, naming options and env[...] variables, where it has none. The
 * SDK says the same things in terms of its own options (`auth.password`).
 */
import {
  AuthRequiredError,
  HttpError,
  LocationsHiddenError,
  MissingCredentialError,
  TokenExpiredError,
  UnscopedTokenError,
  UnsupportedAuthMethodError,
  UnsupportedApiVersionError,
  UnsupportedAuthTypeError,
  ValidationError,
  type MissingCredential,
} from '../sdk/errors.js'

export const GLANCE_MISSING_CREDENTIAL: Record<MissingCredential, string> = {
  username: 'You must provide a username via either --os-username or env[OS_USERNAME]',
  password: 'You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response',
  project:
    'You must provide a project_id or project_name (with project_domain_name or project_domain_id) via' +
    '   --os-project-id (env[OS_PROJECT_ID])  --os-project-name (env[OS_PROJECT_NAME]),' +
    '  --os-project-domain-id (env[OS_PROJECT_DOMAIN_ID])  --os-project-domain-name (env[OS_PROJECT_DOMAIN_NAME])',
  authUrl: 'You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]',
  token: 'You must provide a token via either --os-auth-token or env[OS_AUTH_TOKEN]',
  applicationCredential:
    'You must provide an application credential id or name via either --os-application-credential-id ' +
    '(env[OS_APPLICATION_CREDENTIAL_ID]) or --os-application-credential-name (env[OS_APPLICATION_CREDENTIAL_NAME])',
  applicationCredentialSecret:
    'You must provide an application credential secret via either --os-application-credential-secret ' +
    'or env[OS_APPLICATION_CREDENTIAL_SECRET]',
  applicationCredentialUser:
    'An application credential given by name needs its owner: provide --os-user-id (env[OS_USER_ID]) ' +
    'or --os-username (env[OS_USERNAME]) with --os-user-domain-name or --os-user-domain-id',
  passcode: 'You must provide a TOTP passcode via either --os-passcode or env[OS_PASSCODE]',
  authMethods: 'You must name the methods to combine via either --os-auth-methods or env[OS_AUTH_METHODS] (e.g. v3password,v3totp)',
  endpoint: 'Auth type "none" sends no token and needs the Glance URL: provide --os-image-url or env[OS_IMAGE_URL]',
  identityProvider: 'You must provide an identity provider via either --os-identity-provider or env[OS_IDENTITY_PROVIDER]',
  protocol: 'You must provide a federation protocol via either --os-protocol or env[OS_PROTOCOL]',
  oidcTokenEndpoint:
    'You must provide the OpenID provider via either --os-discovery-endpoint (env[OS_DISCOVERY_ENDPOINT]) ' +
    'or --os-access-token-endpoint (env[OS_ACCESS_TOKEN_ENDPOINT])',
  clientId: 'You must provide an OAuth 2.0 client id via either --os-client-id or env[OS_CLIENT_ID]',
  clientSecret: 'You must provide an OAuth 2.0 client secret via either --os-client-secret or env[OS_CLIENT_SECRET]',
  accessToken: 'You must provide an OpenID Connect access token via either --os-access-token or env[OS_ACCESS_TOKEN]',
}

/** The CLI's message for an SDK error it words itself; undefined for the others (their own message stands). */
export function glanceWording(err: Error): string | undefined {
  if (err instanceof MissingCredentialError) return GLANCE_MISSING_CREDENTIAL[err.credential]
  if (err instanceof UnsupportedAuthTypeError) {
    return `The plugin ${err.authType} could not be found. Set --os-auth-type (env[OS_AUTH_TYPE]) to one of: ${err.supported.join(', ')}`
  }
  if (err instanceof UnsupportedAuthMethodError) {
    return `Unsupported auth method "${err.method}" in --os-auth-methods (env[OS_AUTH_METHODS]); use: ${err.supported.join(', ')}`
  }
  if (err instanceof TokenExpiredError) {
    return `The token given with --os-auth-token (env[OS_AUTH_TOKEN]) expired at ${err.expiresAt.toISOString()}: get a new one`
  }
  if (err instanceof UnscopedTokenError) {
    return (
      'no project scope: the token is unscoped, so its catalog lists no Glance. Set --os-project-name (env[OS_PROJECT_NAME]) ' +
      'or --os-project-id (env[OS_PROJECT_ID]), or give the Glance URL with --os-image-url (env[OS_IMAGE_URL])'
    )
  }
  if (err instanceof AuthRequiredError) {
    return 'Glance requires authentication (HTTP 401): auth type "none" sends no token. Set --os-auth-type (env[OS_AUTH_TYPE]) to a Keystone auth type and give its credentials'
  }
  // glanceclient raises these checks as HTTP exceptions of its own
  // (HTTPBadRequest, HTTPNotImplemented), which print as `HTTP <details>`.
  if (err instanceof ValidationError || err instanceof LocationsHiddenError || err instanceof UnsupportedApiVersionError) return `HTTP ${err.message}`
  return undefined
}

/** What the CLI prints for an error: its glance wording, else its own message. */
export const cliMessage = (err: Error): string => glanceWording(err) ?? err.message

/**
 * The failures glance's per-image loops report and go past: its HTTP
 * exceptions, which include the HTTPNotImplemented glanceclient raises
 * itself when the server lacks the API version a call needs.
 */
export function isGlanceHttpFailure(err: unknown): err is HttpError | UnsupportedApiVersionError {
  return err instanceof HttpError || err instanceof UnsupportedApiVersionError
}
