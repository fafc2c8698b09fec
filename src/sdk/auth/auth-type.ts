import { UnsupportedAuthMethodError, UnsupportedAuthTypeError } from '../errors.js'
import type { AuthFields, AuthType, MultiFactorMethod } from './types.js'

/**
 * keystoneauth plugin names accepted for each auth type. The generic
 * `password`/`token` plugins and their `v3` twins build the same v3 request
 * once discovery has picked v3, which is the only version tsglance speaks.
 */
const AUTH_TYPE_BY_PLUGIN_NAME: Record<string, AuthType> = {
  password: 'password',
  v3password: 'password',
  token: 'token',
  v3token: 'token',
  v3applicationcredential: 'v3applicationcredential',
  v3totp: 'v3totp',
  v3multifactor: 'v3multifactor',
  v3oidcpassword: 'v3oidcpassword',
  v3oidcclientcredentials: 'v3oidcclientcredentials',
  v3oidcaccesstoken: 'v3oidcaccesstoken',
  none: 'none',
}

/** Map an `OS_AUTH_TYPE` / `auth_type` value onto the auth types tsglance implements. */
export function parseAuthType(pluginName: string): AuthType {
  const authType = AUTH_TYPE_BY_PLUGIN_NAME[pluginName]
  if (!authType) {
    throw new UnsupportedAuthTypeError(pluginName, Object.keys(AUTH_TYPE_BY_PLUGIN_NAME))
  }
  return authType
}

/**
 * keystoneauth's `v3multifactor` takes plugin names and sends each plugin's
 * identity method; tsglance combines the two that need no other round trip.
 */
const METHOD_BY_PLUGIN_NAME: Record<string, MultiFactorMethod> = {
  password: 'password',
  v3password: 'password',
  totp: 'totp',
  v3totp: 'totp',
}

/** Parse keystoneauth's `auth_methods` (a comma-separated string or a YAML list). */
export function parseAuthMethods(value: string | readonly string[]): MultiFactorMethod[] {
  const names = (typeof value === 'string' ? value.split(',') : value).map((name) => name.trim()).filter(Boolean)
  const methods = names.map((name) => {
    const method = METHOD_BY_PLUGIN_NAME[name]
    if (!method) throw new UnsupportedAuthMethodError(name, Object.keys(METHOD_BY_PLUGIN_NAME))
    return method
  })
  return [...new Set(methods)]
}

/**
 * The auth type implied by the credentials when none is named: an
 * application credential wins, then a token, else a password. glance itself
 * always builds a password plugin; picking by credentials lets the same
 * environment work with `openstack` and `tsglance`.
 */
export function inferAuthType(options: AuthFields): AuthType {
  if (options.applicationCredentialId || options.applicationCredentialName) return 'v3applicationcredential'
  if (options.token) return 'token'
  return 'password'
}
