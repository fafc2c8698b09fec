/**
 * The SDK's error family. Every failure an SDK call can raise is a
 * `GlanceError`; HTTP failures are `HttpError` subclasses named after
 * glanceclient's `exc.HTTP*` classes, so the CLI can print glance's wording
 * (`HTTP 404 Not Found: No image found with ID x`) from the same object that
 * SDK users branch on with `instanceof`.
 */

export class GlanceError extends Error {
  override name = 'GlanceError'
}

export interface HttpErrorContext {
  status: number
  /** Human text extracted from the response body the way glanceclient does. */
  details?: string
  method: string
  /** Request URL; never carries credentials (Glance URLs have none). */
  url: string
  /** `x-openstack-request-id` (or Keystone's `x-openstack-request-id`), if any. */
  requestId?: string
}

export class HttpError extends GlanceError {
  override name = 'HttpError'
  readonly status: number
  readonly details: string
  readonly method: string
  readonly url: string
  readonly requestId?: string

  constructor(ctx: HttpErrorContext) {
    const details = ctx.details || new.target.name
    super(`HTTP ${details}`)
    this.name = new.target.name
    this.status = ctx.status
    this.details = details
    this.method = ctx.method
    this.url = ctx.url
    this.requestId = ctx.requestId
  }
}

export class HTTPMultipleChoices extends HttpError {
  constructor(ctx: HttpErrorContext) {
    super(ctx)
    this.message = 'HTTPMultipleChoices (HTTP 300) Requested version of OpenStack Images API is not available.'
  }
}
export class HTTPBadRequest extends HttpError {}
export class HTTPUnauthorized extends HttpError {}
export class HTTPForbidden extends HttpError {}
export class HTTPNotFound extends HttpError {}
export class HTTPMethodNotAllowed extends HttpError {}
export class HTTPConflict extends HttpError {}
export class HTTPOverLimit extends HttpError {}
export class HTTPInternalServerError extends HttpError {}
export class HTTPNotImplemented extends HttpError {}
export class HTTPBadGateway extends HttpError {}
export class HTTPServiceUnavailable extends HttpError {}
/** Any status glanceclient has no class for (it raises a bare HTTPException). */
export class HTTPException extends HttpError {}

const HTTP_ERROR_BY_STATUS: Record<number, new (ctx: HttpErrorContext) => HttpError> = {
  300: HTTPMultipleChoices,
  400: HTTPBadRequest,
  401: HTTPUnauthorized,
  403: HTTPForbidden,
  404: HTTPNotFound,
  405: HTTPMethodNotAllowed,
  409: HTTPConflict,
  413: HTTPOverLimit,
  500: HTTPInternalServerError,
  501: HTTPNotImplemented,
  502: HTTPBadGateway,
  503: HTTPServiceUnavailable,
}

/**
 * Extract the error text from a response body as glanceclient's
 * `exc.from_response` does: JSON bodies join the `message` of each top-level
 * object (Glance's own JSON errors, which glanceclient never asks for, carry
 * `message` at the top); HTML bodies are stripped of tags, blank and duplicate lines dropped
 * and joined with ': '; anything else is the text with blank lines squeezed.
 */
export function errorDetailsFromBody(contentType: string, body: string): string {
  if (!body) return ''
  if (contentType.includes('json')) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>
      // Glance's own (webob) JSON error: {"message": "...<br /><br />", "code": "404 Not Found", "title": ...}.
      if (typeof parsed.message === 'string') return parsed.message.replace(/<br\s*\/?>/g, '\n').trim()
      return Object.values(parsed)
        .map((v) => (v && typeof v === 'object' ? (v as { message?: unknown }).message : undefined))
        .filter((m): m is string => m !== undefined && m !== null)
        .map(String)
        .join('\n')
    } catch {
      return body
    }
  }
  if (contentType.includes('html')) {
    const seen = new Set<string>()
    for (const line of body.split(/\r\n|\r|\n/)) {
      const text = line.trim().replace(/<.+?>/g, '')
      if (text) seen.add(text)
    }
    return [...seen].join(': ')
  }
  return body.replaceAll('\n\n', '\n')
}

export function httpErrorFromResponse(ctx: Omit<HttpErrorContext, 'details'> & { contentType: string; body: string }): HttpError {
  const ErrorClass = HTTP_ERROR_BY_STATUS[ctx.status] ?? HTTPException
  return new ErrorClass({ ...ctx, details: errorDetailsFromBody(ctx.contentType, ctx.body) })
}

/** A call's options were refused before anything was sent (`option` names the one at fault). */
export class ValidationError extends GlanceError {
  override name = 'ValidationError'
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Glance does not serve the API version a call needs (`version`, e.g.
 * `v2.14`); `offered` lists the versions it serves. Nothing was sent for
 * the call itself.
 */
export class UnsupportedApiVersionError extends GlanceError {
  override name = 'UnsupportedApiVersionError'
  constructor(
    readonly feature: string,
    readonly version: string,
    readonly offered: readonly string[],
  ) {
    super(`Glance does not support ${feature} (${version})`)
  }
}

/** The image was shown without `locations`: the cloud does not expose them (`show_multiple_locations` off). */
export class LocationsHiddenError extends GlanceError {
  override name = 'LocationsHiddenError'
  constructor() {
    super('The administrator has disabled API access to image locations')
  }
}

/** The server could not be reached (refused, reset, DNS, TLS failure). */
export class CommunicationError extends GlanceError {
  override name = 'CommunicationError'
}

/** The TLS handshake failed: most often the server's certificate could not be verified (keystoneauth's SSLError). */
export class SSLError extends CommunicationError {
  override name = 'SSLError'
}

/**
 * A download broke off mid-body (connection reset or closed early, timeout,
 * abort) after its retries. When `keptBytes` > 0 the bytes received stay in
 * `partPath`, and `downloadToFile(..., { resume: true })` continues from them.
 */
export class PartialDownloadError extends CommunicationError {
  override name = 'PartialDownloadError'
  constructor(
    message: string,
    readonly partPath: string,
    readonly keptBytes: number,
    readonly total: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/**
 * The server answered, but not as an OpenStack API does: a body that is not
 * JSON where JSON was expected (an HTML page from a proxy, a web server or
 * another service at the configured URL).
 */
export class InvalidResponseError extends GlanceError {
  override name = 'InvalidResponseError'
}

/** A request took longer than the configured timeout. */
export class RequestTimeoutError extends GlanceError {
  override name = 'RequestTimeoutError'
}

/** Keystone refused or could not complete authentication. */
export class AuthenticationError extends GlanceError {
  override name = 'AuthenticationError'
}

/** The configuration is incomplete or contradictory (e.g. no auth URL). */
export class ConfigurationError extends GlanceError {
  override name = 'ConfigurationError'
}

/**
 * What an auth type needs and was not given, named by the `AuthFields`
 * field (or client option, `endpoint`) that supplies it.
 */
export type MissingCredential =
  | 'username'
  | 'password'
  | 'project'
  | 'authUrl'
  | 'token'
  | 'applicationCredential'
  | 'applicationCredentialSecret'
  | 'applicationCredentialUser'
  | 'passcode'
  | 'authMethods'
  | 'endpoint'
  | 'identityProvider'
  | 'protocol'
  | 'oidcTokenEndpoint'
  | 'clientId'
  | 'clientSecret'
  | 'accessToken'

const MISSING_CREDENTIAL_TEXT: Record<MissingCredential, string> = {
  username: 'auth.username (or auth.userId) is required',
  password: 'auth.password is required',
  project: 'a scope is required: auth.projectId, or auth.projectName with auth.projectDomainName or auth.projectDomainId (or a domain or system scope)',
  authUrl: 'auth.authUrl is required',
  token: 'auth.token is required',
  applicationCredential: 'auth.applicationCredentialId or auth.applicationCredentialName is required',
  applicationCredentialSecret: 'auth.applicationCredentialSecret is required',
  applicationCredentialUser: 'an application credential given by name needs its owner: auth.userId, or auth.username with auth.userDomainName or auth.userDomainId',
  passcode: 'auth.passcode is required',
  authMethods: "auth.authMethods is required (e.g. ['password', 'totp'])",
  endpoint: 'auth type "none" sends no token, so the Glance URL must be given: endpoint is required',
  identityProvider: 'auth.identityProvider is required',
  protocol: 'auth.protocol is required',
  oidcTokenEndpoint: 'auth.discoveryEndpoint or auth.accessTokenEndpoint is required',
  clientId: 'auth.clientId is required',
  clientSecret: 'auth.clientSecret is required',
  accessToken: 'auth.accessToken is required',
}

/** A setting the chosen auth type needs is missing; nothing was sent. */
export class MissingCredentialError extends ConfigurationError {
  override name = 'MissingCredentialError'
  constructor(readonly credential: MissingCredential) {
    super(MISSING_CREDENTIAL_TEXT[credential])
  }
}

/** `auth.authType` (clouds.yaml `auth_type`) names a plugin the SDK does not implement. */
export class UnsupportedAuthTypeError extends ConfigurationError {
  override name = 'UnsupportedAuthTypeError'
  constructor(
    readonly authType: string,
    readonly supported: readonly string[],
  ) {
    super(`Unsupported auth type "${authType}"; supported: ${supported.join(', ')}`)
  }
}

/** `auth.authMethods` names a method `v3multifactor` cannot combine. */
export class UnsupportedAuthMethodError extends ConfigurationError {
  override name = 'UnsupportedAuthMethodError'
  constructor(
    readonly method: string,
    readonly supported: readonly string[],
  ) {
    super(`Unsupported auth method "${method}"; supported: ${supported.join(', ')}`)
  }
}

/** The token given as `auth.token` with a fixed endpoint says it has expired. */
export class TokenExpiredError extends AuthenticationError {
  override name = 'TokenExpiredError'
  constructor(readonly expiresAt: Date) {
    super(`auth.token expired at ${expiresAt.toISOString()}`)
  }
}

/** Keystone issued an unscoped token: its catalog lists no Glance. */
export class UnscopedTokenError extends ConfigurationError {
  override name = 'UnscopedTokenError'
  constructor() {
    super('the token is unscoped, so its catalog lists no Glance: give auth a project scope (auth.projectName or auth.projectId) or set endpoint')
  }
}

/** Glance answered 401 to a client that sends no token on purpose (auth type `none`). */
export class AuthRequiredError extends AuthenticationError {
  override name = 'AuthRequiredError'
  constructor(options?: ErrorOptions) {
    super('Glance requires authentication (HTTP 401), and auth type "none" sends no token', options)
  }
}

/** The service catalog has no endpoint matching type/interface/region. */
export class EndpointNotFound extends GlanceError {
  override name = 'EndpointNotFound'
}

/** Downloaded bytes do not hash to the value Glance recorded. */
export class ChecksumMismatchError extends GlanceError {
  override name = 'ChecksumMismatchError'
  constructor(
    readonly algorithm: string,
    readonly actual: string,
    readonly expected: string,
  ) {
    super(`Corrupt image download. Hash was ${actual} expected ${expected}`)
  }
}
