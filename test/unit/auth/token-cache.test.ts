import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { generateKeyPair, SignJWT } from 'jose'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJwsClaims } from '../../../src/sdk/auth/jws.js'
import { FileTokenCache, defaultTokenCacheDir, tokenCacheKey } from '../../../src/sdk/auth/token-cache.js'
import type { AuthFields, KeystoneToken } from '../../../src/sdk/auth/types.js'

const passwordAuth: AuthFields = {
  authType: 'password',
  authUrl: 'http://keystone.test:5000/v3',
  username: 'demo',
  userDomainName: 'Default',
  password: 'demo-pass',
  projectName: 'demo',
  projectDomainName: 'Default',
}

describe('tokenCacheKey', () => {
  it('is stable for the same identity and the same auth URL however it is spelled', () => {
    const key = tokenCacheKey(passwordAuth)
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(tokenCacheKey({ ...passwordAuth })).toBe(key)
    expect(tokenCacheKey({ ...passwordAuth, authUrl: 'http://keystone.test:5000/' })).toBe(key)
  })

  it('changes with the secret, the user, the scope, the auth URL and the auth type', () => {
    const key = tokenCacheKey(passwordAuth)
    const variants: AuthFields[] = [
      { ...passwordAuth, password: 'wrong-pass' },
      { ...passwordAuth, username: 'alt' },
      { ...passwordAuth, userDomainName: 'Other' },
      { ...passwordAuth, projectName: 'alt' },
      { ...passwordAuth, projectName: undefined, projectDomainName: undefined, systemScope: 'all' },
      { ...passwordAuth, authUrl: 'http://other.test:5000/v3' },
      { ...passwordAuth, authType: 'v3multifactor', authMethods: ['password', 'totp'], passcode: '123456' },
      { ...passwordAuth, authType: 'v3totp', password: undefined, passcode: '123456' },
    ]
    const keys = variants.map(tokenCacheKey)
    expect(keys).not.toContain(key)
    expect(new Set(keys).size).toBe(variants.length)
    const totp: AuthFields = { ...passwordAuth, authType: 'v3totp', password: undefined, passcode: '123456' }
    expect(tokenCacheKey({ ...totp, passcode: '654321' })).not.toBe(tokenCacheKey(totp))
    const appCredential: AuthFields = { authUrl: passwordAuth.authUrl, applicationCredentialId: 'ac', applicationCredentialSecret: 's1' }
    expect(tokenCacheKey({ ...appCredential, applicationCredentialSecret: 's2' })).not.toBe(tokenCacheKey(appCredential))
  })

  it('keys OpenID Connect identities by provider, protocol, client and secrets', () => {
    const oidc: AuthFields = {
      authType: 'v3oidcclientcredentials',
      authUrl: passwordAuth.authUrl,
      identityProvider: 'idp',
      protocol: 'openid',
      clientId: 'c',
      clientSecret: 's',
      accessTokenEndpoint: 'http://idp/token',
      projectName: 'demo',
    }
    const key = tokenCacheKey(oidc)
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    const variants = [{ clientSecret: 'other' }, { clientId: 'other' }, { identityProvider: 'other' }, { protocol: 'mapped' }].map((change) =>
      tokenCacheKey({ ...oidc, ...change }),
    )
    expect(variants).not.toContain(key)
    // An access token the user brings is theirs, like a Keystone token.
    expect(tokenCacheKey({ ...oidc, authType: 'v3oidcaccesstoken', accessToken: 'at' })).toBeUndefined()
  })

  it('gives no key to tokens the user passes, to auth type none, or without an auth URL', () => {
    expect(tokenCacheKey({ authUrl: passwordAuth.authUrl, token: 'given', projectName: 'demo' })).toBeUndefined()
    expect(tokenCacheKey({ ...passwordAuth, token: 'given' })).toBeUndefined()
    expect(tokenCacheKey({ ...passwordAuth, authType: 'none' })).toBeUndefined()
    expect(tokenCacheKey({ ...passwordAuth, authUrl: undefined })).toBeUndefined()
  })
})

describe('defaultTokenCacheDir', () => {
  it('uses an absolute XDG_CACHE_HOME, else ~/.cache', () => {
    expect(defaultTokenCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }, '/home/me')).toBe('/var/cache/me/tsglance')
    expect(defaultTokenCacheDir({}, '/home/me')).toBe('/home/me/.cache/tsglance')
    // The XDG spec says relative paths are invalid and must be ignored.
    expect(defaultTokenCacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/me')).toBe('/home/me/.cache/tsglance')
  })
})

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tsglance-token-cache-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const inOneHour = () => new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000)

function sampleToken(overrides: Partial<KeystoneToken> = {}): KeystoneToken {
  return {
    token: 'gAAAAA-fernet-token',
    expiresAt: inOneHour(),
    catalog: [{ type: 'image', endpoints: [{ interface: 'public', url: 'http://glance.test:9292', region_id: 'RegionOne' }] }],
    userId: 'u1',
    projectId: 'p1',
    system: false,
    roles: ['member'],
    ...overrides,
  }
}

describe('FileTokenCache', () => {
  it('reads back what it wrote, in a 0700 directory and a 0600 file, leaving no temporary files', async () => {
    const dir = join(root, 'cache', 'tsglance')
    const cache = new FileTokenCache(dir)
    const token = sampleToken()
    await cache.write('k1', token)
    expect(await cache.read('k1')).toEqual(token)
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect((await stat(cache.describe('k1'))).mode & 0o777).toBe(0o600)
    expect(await readdir(dir)).toEqual(['k1.json'])
  })

  it('tightens an existing directory and replaces an entry whole', async () => {
    const dir = join(root, 'open')
    await mkdir(dir, { mode: 0o755 })
    await chmod(dir, 0o755)
    const cache = new FileTokenCache(dir)
    await cache.write('k', sampleToken({ token: 'first' }))
    await cache.write('k', sampleToken({ token: 'second' }))
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect((await cache.read('k'))?.token).toBe('second')
    expect(await readdir(dir)).toEqual(['k.json'])
  })

  it('treats a missing, corrupt or foreign entry as absent, and removes entries', async () => {
    const cache = new FileTokenCache(root)
    expect(await cache.read('none')).toBeUndefined()
    await writeFile(cache.describe('corrupt'), '{"version": 1, "tok')
    expect(await cache.read('corrupt')).toBeUndefined()
    await writeFile(cache.describe('old'), JSON.stringify({ version: 0, token: 't', expires_at: inOneHour().toISOString(), catalog: [] }))
    expect(await cache.read('old')).toBeUndefined()
    await cache.write('k', sampleToken())
    await cache.remove('k')
    expect(await cache.read('k')).toBeUndefined()
    await cache.remove('k')
  })

  it('never stores a token without an expiry', async () => {
    const cache = new FileTokenCache(root)
    await cache.write('k', sampleToken({ expiresAt: undefined }))
    expect(await readdir(root)).toEqual([])
  })

  it('holds the token, its expiry and its catalog as JSON', async () => {
    const cache = new FileTokenCache(root)
    const token = sampleToken()
    await cache.write('k', token)
    const entry = JSON.parse(await readFile(cache.describe('k'), 'utf8'))
    expect(entry).toMatchObject({ version: 1, token: token.token, expires_at: token.expiresAt!.toISOString(), catalog: token.catalog })
  })
})

describe('JWS tokens (read with jose)', () => {
  async function keystoneJws(claims: Record<string, unknown>, expiresAt: Date): Promise<string> {
    const { privateKey } = await generateKeyPair('ES256')
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setSubject('u1')
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(privateKey)
  }

  it('reads expiry, user and scope from the claims Keystone sets', async () => {
    const expiresAt = inOneHour()
    const projectToken = await keystoneJws({ openstack_project_id: 'p1', openstack_methods: ['password'] }, expiresAt)
    expect(await readJwsClaims(projectToken)).toEqual({ expiresAt, userId: 'u1', projectId: 'p1', domainId: undefined, system: false })
    const systemToken = await keystoneJws({ openstack_system: 'all' }, expiresAt)
    expect((await readJwsClaims(systemToken))?.system).toBe(true)
    expect(await readJwsClaims('gAAAAABfernet')).toBeUndefined()
    expect(await readJwsClaims('eyJub3QiOiJqc29uIn0.bm90LWpzb24.c2ln')).toBeUndefined()
  })

  it('a cached JWS token expires when its claims say, whatever the file says', async () => {
    const claimedExpiry = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000)
    const token = await keystoneJws({ openstack_project_id: 'p1' }, claimedExpiry)
    const cache = new FileTokenCache(root)
    await cache.write('k', sampleToken({ token, expiresAt: new Date(Date.now() + 10 * 3_600_000) }))
    expect((await cache.read('k'))?.expiresAt).toEqual(claimedExpiry)
  })
})
