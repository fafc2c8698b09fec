/**
 * Keystone's admin API for fixtures the stack does not provide: users with
 * TOTP credentials or MFA rules, and token revocation. Every call runs as
 * the stack's admin through a token issued by the SDK.
 */
import { HttpTransport, type HttpMethod } from '../../../src/sdk/transport/http-transport.js'
import { issueToken, openrc, stackIdentity } from './stack.js'
import { newTotpSecret } from './totp.js'

const KEYSTONE_V3 = `${openrc('admin').OS_AUTH_URL.replace(/\/+$/, '').replace(/\/v3$/, '')}/v3`

async function adminCall<T = unknown>(method: HttpMethod, path: string, options: { json?: unknown; headers?: Record<string, string>; expect: number[] }): Promise<T> {
  const admin = await issueToken('admin')
  const transport = new HttpTransport({ userAgent: 'tsglance-e2e' })
  try {
    const res = await transport.send({
      method,
      url: KEYSTONE_V3 + path,
      headers: { 'X-Auth-Token': admin.token, ...options.headers },
      ...(options.json === undefined ? {} : { json: options.json }),
      expect: options.expect,
    })
    return res.status === 204 ? (undefined as T) : await res.json<T>()
  } finally {
    await transport.close()
  }
}

/** A throwaway user of the demo project (role member) with a password and a TOTP credential. */
export interface TotpUser {
  id: string
  name: string
  password: string
  /** The base32 secret of the user's TOTP credential. */
  totpSecret: string
  /** The environment of an openrc for this user, without OS_PASSWORD. */
  env: Record<string, string>
}

export async function createTotpUser(name: string): Promise<TotpUser> {
  const demo = await stackIdentity('demo')
  const password = `${name}-pass`
  const { user } = await adminCall<{ user: { id: string } }>('POST', '/users', {
    json: { user: { name, password, domain_id: demo.userDomainId, default_project_id: demo.projectId } },
    expect: [201],
  })
  const { roles } = await adminCall<{ roles: { id: string }[] }>('GET', '/roles?name=member', { expect: [200] })
  await adminCall('PUT', `/projects/${demo.projectId}/users/${user.id}/roles/${roles[0].id}`, { expect: [204] })
  const totpSecret = newTotpSecret()
  await adminCall('POST', '/credentials', { json: { credential: { type: 'totp', user_id: user.id, blob: totpSecret } }, expect: [201] })
  const { OS_PASSWORD: _password, ...demoEnv } = openrc('demo')
  return { id: user.id, name, password, totpSecret, env: { ...demoEnv, OS_USERNAME: name } }
}

/** Require both password and TOTP for the user (Keystone's multi-factor rules). */
export async function requirePasswordAndTotp(userId: string): Promise<void> {
  await adminCall('PATCH', `/users/${userId}`, {
    json: { user: { options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: [['password', 'totp']] } } },
    expect: [200],
  })
}

/** Delete a user (its credentials and role assignments go with it). */
export async function deleteUser(userId: string): Promise<void> {
  await adminCall('DELETE', `/users/${userId}`, { expect: [204, 404] })
}

/** Revoke a token (`DELETE /v3/auth/tokens`, as admin). */
export async function revokeToken(token: string): Promise<void> {
  await adminCall('DELETE', '/auth/tokens', { headers: { 'X-Subject-Token': token }, expect: [204] })
}

/** What `registerOidcFederation` created, for `unregisterOidcFederation`. */
export interface OidcFederation {
  identityProvider: string
  protocol: string
  mappingId: string
  groupId: string
}

/**
 * Register an OpenID provider with Keystone as identity provider
 * `identityProvider` (remote id: its issuer), with a mapping that makes
 * every `HTTP_OIDC_SUB` an ephemeral user of a new group holding `member`
 * on the demo project. The protocol is named `mapped` because that is an
 * auth method the stack's Keystone already enables (a protocol id must be
 * one), so the shared Keystone needs no restart.
 */
export async function registerOidcFederation(identityProvider: string, issuer: string): Promise<OidcFederation> {
  const demo = await stackIdentity('demo')
  const protocol = 'mapped'
  const { group } = await adminCall<{ group: { id: string } }>('POST', '/groups', {
    json: { group: { name: `${identityProvider}-users`, domain_id: demo.userDomainId } },
    expect: [201],
  })
  const { roles } = await adminCall<{ roles: { id: string }[] }>('GET', '/roles?name=member', { expect: [200] })
  await adminCall('PUT', `/projects/${demo.projectId}/groups/${group.id}/roles/${roles[0].id}`, { expect: [204] })
  const mappingId = `${identityProvider}-mapping`
  await adminCall('PUT', `/OS-FEDERATION/mappings/${mappingId}`, {
    json: { mapping: { rules: [{ local: [{ user: { name: '{0}' }, group: { id: group.id } }], remote: [{ type: 'HTTP_OIDC_SUB' }] }] } },
    expect: [201],
  })
  await adminCall('PUT', `/OS-FEDERATION/identity_providers/${identityProvider}`, {
    json: { identity_provider: { enabled: true, remote_ids: [issuer], domain_id: demo.userDomainId } },
    expect: [201],
  })
  await adminCall('PUT', `/OS-FEDERATION/identity_providers/${identityProvider}/protocols/${protocol}`, {
    json: { protocol: { mapping_id: mappingId, remote_id_attribute: 'HTTP_OIDC_ISS' } },
    expect: [201],
  })
  return { identityProvider, protocol, mappingId, groupId: group.id }
}

export async function unregisterOidcFederation(federation: OidcFederation): Promise<void> {
  const { identityProvider, protocol, mappingId, groupId } = federation
  await adminCall('DELETE', `/OS-FEDERATION/identity_providers/${identityProvider}/protocols/${protocol}`, { expect: [204, 404] })
  await adminCall('DELETE', `/OS-FEDERATION/identity_providers/${identityProvider}`, { expect: [204, 404] })
  await adminCall('DELETE', `/OS-FEDERATION/mappings/${mappingId}`, { expect: [204, 404] })
  await adminCall('DELETE', `/groups/${groupId}`, { expect: [204, 404] })
}

/** Give a user `member` on its own domain, so it can ask for a domain-scoped token. */
export async function grantDomainMember(userId: string): Promise<void> {
  const demo = await stackIdentity('demo')
  const { roles } = await adminCall<{ roles: { id: string }[] }>('GET', '/roles?name=member', { expect: [200] })
  await adminCall('PUT', `/domains/${demo.userDomainId}/users/${userId}/roles/${roles[0].id}`, { expect: [204] })
}
