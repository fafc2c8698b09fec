import { ConfigurationError } from '../errors.js'
import type { AuthOptions, AuthType } from './types.js'

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
  none: 'none',
}

/** Map a `--os-auth-type` / `auth_type` value onto the auth types tsglance implements. */
export function parseAuthType(pluginName: string): AuthType {
  const authType = AUTH_TYPE_BY_PLUGIN_NAME[pluginName]
  if (!authType) {
    const supported = Object.keys(AUTH_TYPE_BY_PLUGIN_NAME).join(', ')
    throw new ConfigurationError(`The plugin ${pluginName} could not be found. Supported auth types: ${supported}`)
  }
  return authType
}

/**
 * The auth type implied by the credentials when none is named: an
 * application credential wins, then a token, else a password. glance itself
 * always builds a password plugin; picking by credentials lets the same
 * environment work with `openstack` and `tsglance`.
 */
export function inferAuthType(options: AuthOptions): AuthType {
  if (options.applicationCredentialId || options.applicationCredentialName) return 'v3applicationcredential'
  if (options.token) return 'token'
  return 'password'
}
