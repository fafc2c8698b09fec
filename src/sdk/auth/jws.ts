/**
 * What a Keystone JWS token (`[token] provider = jws`) says about itself.
 * Keystone signs a JWT whose claims carry the user (`sub`), the expiry
 * (`exp`) and the scope (`openstack_project_id`, `openstack_domain_id`,
 * `openstack_system`), so both can be read without asking Keystone.
 * Fernet tokens are opaque and give nothing here.
 */

/** Three base64url segments, the first a JSON header (`{"` is `eyJ` in base64url). */
const COMPACT_JWS = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

export interface JwsTokenClaims {
  expiresAt?: Date
  userId?: string
  projectId?: string
  domainId?: string
  system: boolean
}

export function looksLikeJws(token: string): boolean {
  return COMPACT_JWS.test(token)
}

/**
 * The expiry and scope a JWS token carries, read (not verified: Keystone
 * does that) with jose, which loads only for JWS tokens. Undefined for any
 * other token or one whose payload cannot be decoded.
 */
export async function readJwsClaims(token: string): Promise<JwsTokenClaims | undefined> {
  if (!looksLikeJws(token)) return undefined
  const { decodeJwt } = await import('jose')
  let claims: Record<string, unknown>
  try {
    claims = decodeJwt(token)
  } catch {
    return undefined
  }
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)
  return {
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined,
    userId: text(claims.sub),
    projectId: text(claims.openstack_project_id),
    domainId: text(claims.openstack_domain_id),
    // Keystone stores the system scope as `all`; accept the `{"all": true}` of its API too.
    system: claims.openstack_system === 'all' || (claims.openstack_system as { all?: unknown } | undefined)?.all === true,
  }
}
