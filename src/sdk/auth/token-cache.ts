import { createHash, randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { tsglanceCacheHome } from '../config/cache-home.js'
import { inferAuthType } from './auth-type.js'
import { readJwsClaims } from './jws.js'
import { keystoneTokensUrl } from './keystone.js'
import type { AuthFields, AuthType, CatalogService, KeystoneToken } from './types.js'

/**
 * Tokens kept between runs, one entry per auth identity. The Session reads
 * an entry before asking Keystone, writes one after, and drops it when
 * Glance answers 401.
 */
export interface TokenCache {
  read(key: string): Promise<KeystoneToken | undefined>
  write(key: string, token: KeystoneToken): Promise<void>
  remove(key: string): Promise<void>
  /** Where an entry lives, for debug output. */
  describe(key: string): string
}

/**
 * Auth types whose tokens may be cached. Not `token` (nor
 * `v3oidcaccesstoken`): a token the user passes is theirs to manage, and
 * caching what it was exchanged for would outlive its revocation. Not
 * `none`: there is no token.
 */
const CACHEABLE: ReadonlySet<AuthType> = new Set([
  'password',
  'v3applicationcredential',
  'v3totp',
  'v3multifactor',
  'v3oidcpassword',
  'v3oidcclientcredentials',
])

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * The cache key of an identity, or undefined when its tokens are not
 * cached. It hashes everything that decides which token Keystone issues
 * (auth URL, auth type, user, scope, methods, OpenID provider and client)
 * together with a hash of the secrets: a different (or wrong) password,
 * application credential secret, passcode or client secret never finds
 * another one's token.
 */
export function tokenCacheKey(auth: AuthFields): string | undefined {
  const authType = auth.authType ?? inferAuthType(auth)
  if (!CACHEABLE.has(authType) || auth.token || !auth.authUrl) return undefined
  const secrets = sha256(
    JSON.stringify([auth.password ?? null, auth.applicationCredentialSecret ?? null, auth.passcode ?? null, auth.clientSecret ?? null]),
  )
  const identity = [
    keystoneTokensUrl(auth.authUrl),
    authType,
    auth.authMethods ?? null,
    auth.userId ?? null,
    auth.username ?? null,
    auth.userDomainId ?? null,
    auth.userDomainName ?? null,
    auth.projectId ?? null,
    auth.projectName ?? null,
    auth.projectDomainId ?? null,
    auth.projectDomainName ?? null,
    auth.domainId ?? null,
    auth.domainName ?? null,
    auth.systemScope ?? null,
    auth.applicationCredentialId ?? null,
    auth.applicationCredentialName ?? null,
    auth.identityProvider ?? null,
    auth.protocol ?? null,
    auth.clientId ?? null,
    auth.discoveryEndpoint ?? null,
    auth.accessTokenEndpoint ?? null,
    auth.openidScope ?? null,
    secrets,
  ]
  return sha256(JSON.stringify(identity))
}

/** `$XDG_CACHE_HOME/tsglance`, else `~/.cache/tsglance` (the XDG default). */
export function defaultTokenCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return tsglanceCacheHome(env, home)
}

/** The file format; a different version is ignored (and replaced on the next write). */
const ENTRY_VERSION = 1

interface CacheEntry {
  version: number
  token: string
  expires_at: string
  catalog: CatalogService[]
  user_id?: string
  project_id?: string
  domain_id?: string
  system?: boolean
  roles: string[]
}

function toEntry(token: KeystoneToken & { expiresAt: Date }): CacheEntry {
  return {
    version: ENTRY_VERSION,
    token: token.token,
    expires_at: token.expiresAt.toISOString(),
    catalog: token.catalog,
    user_id: token.userId,
    project_id: token.projectId,
    domain_id: token.domainId,
    system: token.system,
    roles: token.roles,
  }
}

function fromEntry(entry: unknown): KeystoneToken | undefined {
  const e = entry as Partial<CacheEntry> | null
  if (!e || e.version !== ENTRY_VERSION || typeof e.token !== 'string' || typeof e.expires_at !== 'string') return undefined
  const expiresAt = new Date(e.expires_at)
  if (Number.isNaN(expiresAt.getTime()) || !Array.isArray(e.catalog)) return undefined
  return {
    token: e.token,
    expiresAt,
    catalog: e.catalog,
    userId: e.user_id,
    projectId: e.project_id,
    domainId: e.domain_id,
    system: e.system,
    roles: Array.isArray(e.roles) ? e.roles : [],
  }
}

/**
 * A JWS token knows its own expiry: the earlier of that and the file's is
 * the one that counts, so an edited or stale file cannot extend a token.
 */
async function withJwsExpiry(token: KeystoneToken): Promise<KeystoneToken> {
  const claims = await readJwsClaims(token.token)
  if (!claims?.expiresAt) return token
  if (token.expiresAt && token.expiresAt <= claims.expiresAt) return token
  return { ...token, expiresAt: claims.expiresAt }
}

/**
 * One JSON file per identity (`<key>.json`) in a directory only the user can
 * enter (0700). Files are 0600 and replaced atomically (write a temporary
 * file, then rename), so concurrent runs never read half an entry. Entries
 * that cannot be read count as absent; tokens without an expiry are not
 * stored, since nothing would tell when to stop using them.
 */
export class FileTokenCache implements TokenCache {
  constructor(readonly directory: string) {}

  describe(key: string): string {
    return join(this.directory, `${key}.json`)
  }

  async read(key: string): Promise<KeystoneToken | undefined> {
    let text: string
    try {
      text = await readFile(this.describe(key), 'utf8')
    } catch {
      return undefined
    }
    let token: KeystoneToken | undefined
    try {
      token = fromEntry(JSON.parse(text))
    } catch {
      return undefined
    }
    return token && withJwsExpiry(token)
  }

  async write(key: string, token: KeystoneToken): Promise<void> {
    if (!token.expiresAt) return
    await mkdir(this.directory, { recursive: true, mode: 0o700 })
    // mkdir's mode only applies to a directory it creates; tighten an existing one.
    await chmod(this.directory, 0o700)
    const path = this.describe(key)
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(temporary, JSON.stringify(toEntry({ ...token, expiresAt: token.expiresAt })), { mode: 0o600, flag: 'wx' })
      await rename(temporary, path)
    } catch (err) {
      await rm(temporary, { force: true })
      throw err
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.describe(key), { force: true })
  }
}
