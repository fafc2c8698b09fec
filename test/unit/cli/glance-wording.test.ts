/**
 * The CLI words the SDK's structured errors as glance does (the e2e auth
 * suites compare the whole line with the real glance); the SDK's own
 * messages name SDK options, never flags or env[...] variables.
 */
import { describe, expect, it } from 'vitest'
import { glanceWording, GLANCE_MISSING_CREDENTIAL, isGlanceHttpFailure } from '../../../src/cli/glance-wording.js'
import {
  AuthRequiredError,
  GlanceError,
  HTTPNotFound,
  LocationsHiddenError,
  MissingCredentialError,
  TokenExpiredError,
  UnscopedTokenError,
  UnsupportedAuthMethodError,
  UnsupportedApiVersionError,
  UnsupportedAuthTypeError,
  ValidationError,
  type MissingCredential,
} from '../../../src/sdk/errors.js'

describe('glanceWording', () => {
  it("glance's own words for the settings glance checks", () => {
    expect(glanceWording(new MissingCredentialError('username'))).toBe('You must provide a username via either --os-username or env[OS_USERNAME]')
    expect(glanceWording(new MissingCredentialError('password'))).toBe('You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response')
    expect(glanceWording(new MissingCredentialError('authUrl'))).toBe('You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]')
  })

  it('every missing setting is worded with a flag and its variable, the SDK message with the SDK option', () => {
    for (const credential of Object.keys(GLANCE_MISSING_CREDENTIAL) as MissingCredential[]) {
      const err = new MissingCredentialError(credential)
      expect(glanceWording(err)).toMatch(/--os-[a-z-]+.*env\[OS_[A-Z_]+\]/)
      expect(err.message).not.toMatch(/--|env\[/)
    }
  })

  it('auth types, methods, expired and unscoped tokens, a 401 without auth', () => {
    expect(glanceWording(new UnsupportedAuthTypeError('v3kerberos', ['password', 'token']))).toBe(
      'The plugin v3kerberos could not be found. Set --os-auth-type (env[OS_AUTH_TYPE]) to one of: password, token',
    )
    expect(glanceWording(new UnsupportedAuthMethodError('v3token', ['password', 'totp']))).toBe(
      'Unsupported auth method "v3token" in --os-auth-methods (env[OS_AUTH_METHODS]); use: password, totp',
    )
    expect(glanceWording(new TokenExpiredError(new Date('2026-01-02T03:04:05Z')))).toBe(
      'The token given with --os-auth-token (env[OS_AUTH_TOKEN]) expired at 2026-01-02T03:04:05.000Z: get a new one',
    )
    expect(glanceWording(new UnscopedTokenError())).toMatch(/^no project scope: .*--os-project-name \(env\[OS_PROJECT_NAME\]\)/)
    expect(glanceWording(new AuthRequiredError())).toMatch(/^Glance requires authentication \(HTTP 401\): auth type "none" sends no token\. Set --os-auth-type/)
  })

  it("checks glanceclient makes itself print as its client-side HTTP exceptions do", () => {
    expect(glanceWording(new ValidationError('sort', 'Invalid sort direction: up. It must be one of the following: asc, desc.'))).toBe(
      'HTTP Invalid sort direction: up. It must be one of the following: asc, desc.',
    )
    expect(glanceWording(new LocationsHiddenError())).toBe('HTTP The administrator has disabled API access to image locations')
    const unsupported = new UnsupportedApiVersionError('image caching API', 'v2.14', ['v2.0', 'v2.13'])
    expect(glanceWording(unsupported)).toBe('HTTP Glance does not support image caching API (v2.14)')
    expect(isGlanceHttpFailure(unsupported)).toBe(true)
    expect(isGlanceHttpFailure(new HTTPNotFound({ status: 404, method: 'GET', url: 'u' }))).toBe(true)
    expect(isGlanceHttpFailure(new ValidationError('sort', 'x'))).toBe(false)
  })

  it('leaves every other error to its own message', () => {
    expect(glanceWording(new GlanceError('x'))).toBeUndefined()
  })
})
