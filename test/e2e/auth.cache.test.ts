/**
 * The token cache across runs, against the real Keystone + Glance: a
 * second run makes no token request, entries are 0600 files in a 0700
 * directory, a rejected (revoked) token costs one re-authentication, an
 * expired or nearly expired entry is replaced, and tokens the user passes
 * are never written. Token requests are counted in `--debug` output.
 *
 * Each test has its own cache directory (XDG_CACHE_HOME), so none depends
 * on another's entries.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTotpUser, deleteUser, revokeToken, type TotpUser } from './support/keystone-admin.js'
import { totpPasscode } from './support/totp.js'
import { privateHome, tsglance, type RunResult } from './support/run.js'
import { glanceUrl, issueToken, openrc, requireStack } from './support/stack.js'
import { freshTokenCache as freshCache, onlyTokenEntry as onlyEntry, tokenEntriesIn as entriesIn } from './support/token-cache.js'

requireStack()

const DEMO_ENV = openrc('demo')
const TOKEN_REQUEST = /^REQ: curl -g -i -X POST \S+\/v3\/auth\/tokens /gm
const tokenRequests = (result: RunResult) => result.stderr.match(TOKEN_REQUEST)?.length ?? 0
const TABLE_HEADER = /^\+-+\+-+\+\n\| ID +\| Name +\|\n/

function rewriteEntry(path: string, change: (entry: Record<string, unknown>) => void): void {
  const entry = JSON.parse(readFileSync(path, 'utf8'))
  change(entry)
  writeFileSync(path, JSON.stringify(entry))
}

const demoList = (env: Record<string, string>, args: string[] = []) => tsglance(['--debug', ...args, 'image-list'], { env: { ...DEMO_ENV, ...env } })

describe('a second run reuses the first run\'s token', () => {
  it('run 1 asks Keystone and writes a 0600 entry in a 0700 directory; run 2 makes no token request', async () => {
    const cache = freshCache()
    const first = await demoList(cache.env)
    expect(first.code).toBe(0)
    expect(tokenRequests(first)).toBe(1)
    const { path, entry } = onlyEntry(cache.dir)
    expect(statSync(cache.dir).mode & 0o777).toBe(0o700)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(new Date(entry.expires_at).getTime()).toBeGreaterThan(Date.now())
    expect(entry.catalog.length).toBeGreaterThan(0)

    const second = await demoList(cache.env)
    expect(second.code).toBe(0)
    expect(tokenRequests(second)).toBe(0)
    expect(second.stderr).toContain(`Using the cached token in ${path}`)
    expect(second.stdout).toMatch(TABLE_HEADER)
    // Only Glance was asked: the catalog came from the entry too.
    expect(second.stderr.match(/^REQ: /gm)).toHaveLength(1)
  })

  it('without XDG_CACHE_HOME the cache is ~/.cache/tsglance', async () => {
    const home = privateHome()
    expect((await demoList({ HOME: home })).code).toBe(0)
    const second = await demoList({ HOME: home })
    expect(tokenRequests(second)).toBe(0)
    expect(entriesIn(join(home, '.cache', 'tsglance'))).toHaveLength(1)
  })

  it('an application credential (clouds.yaml) is cached as well', async () => {
    const cache = freshCache()
    const env = { ...cache.env, OS_CLIENT_CONFIG_FILE: join(process.env.TSGLANCE_STACK_DIR ?? '/tmp/tsglance-stack', 'clouds.yaml') }
    const runs = [await tsglance(['--debug', '--os-cloud', 'demo-appcred', 'image-list'], { env })]
    runs.push(await tsglance(['--debug', '--os-cloud', 'demo-appcred', 'image-list'], { env }))
    expect(runs.map((r) => r.code)).toEqual([0, 0])
    expect(runs.map(tokenRequests)).toEqual([1, 0])
  })
})

describe('opting out', () => {
  it.each([
    ['--no-token-cache', ['--no-token-cache'], {}],
    ['TSGLANCE_NO_TOKEN_CACHE=1', [], { TSGLANCE_NO_TOKEN_CACHE: '1' }],
  ])('%s: every run asks Keystone and nothing is written', async (_name, args, env) => {
    const cache = freshCache()
    const runs = [await demoList({ ...cache.env, ...env }, args), await demoList({ ...cache.env, ...env }, args)]
    expect(runs.map((r) => r.code)).toEqual([0, 0])
    expect(runs.map(tokenRequests)).toEqual([1, 1])
    expect(entriesIn(cache.dir)).toEqual([])
  })

  it('--no-token-cache also ignores an entry already there', async () => {
    const cache = freshCache()
    await demoList(cache.env)
    expect(tokenRequests(await demoList(cache.env, ['--no-token-cache']))).toBe(1)
  })
})

describe('wrong or different credentials never get a cached token', () => {
  it('a wrong password after a good one: Keystone\'s 401', async () => {
    const cache = freshCache()
    expect((await demoList(cache.env)).code).toBe(0)
    const wrong = await tsglance(['image-list'], { env: { ...DEMO_ENV, ...cache.env, OS_PASSWORD: 'wrong-password-4711' } })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/^The request you have made requires authentication\. \(HTTP 401\)/)
  })

  it('another project of the same user is another entry', async () => {
    const cache = freshCache()
    await demoList(cache.env)
    const admin = await tsglance(['--debug', 'image-list'], { env: { ...openrc('admin'), ...cache.env } })
    expect(tokenRequests(admin)).toBe(1)
    expect(entriesIn(cache.dir)).toHaveLength(2)
  })
})

describe('v3totp: the passcode is part of the key', () => {
  let totpUser: TotpUser
  beforeAll(async () => {
    totpUser = await createTotpUser(`auth-cache-${process.pid}-${Date.now()}-totp`)
  })
  afterAll(async () => {
    if (totpUser) await deleteUser(totpUser.id)
  })

  it('the same passcode again is served from the cache; a wrong one goes to Keystone and is refused', async () => {
    const cache = freshCache()
    const passcode = totpPasscode(totpUser.totpSecret)
    const wrong = String((Number(passcode) + 500_000) % 1_000_000).padStart(6, '0')
    const run = (code: string) =>
      tsglance(['--debug', 'image-list'], { env: { ...totpUser.env, ...cache.env, OS_AUTH_TYPE: 'v3totp', OS_PASSCODE: code } })
    const first = await run(passcode)
    const again = await run(passcode)
    const refused = await run(wrong)
    expect([first.code, again.code, refused.code]).toEqual([0, 0, 1])
    expect([first, again, refused].map(tokenRequests)).toEqual([1, 0, 1])
    expect(refused.stderr).toMatch(/^The request you have made requires authentication\. \(HTTP 401\)/m)
  })
})

describe('stale entries recover', () => {
  it('a revoked token in the entry: Glance\'s 401, one re-authentication, the entry replaced', async () => {
    const cache = freshCache()
    await demoList(cache.env)
    const { path } = onlyEntry(cache.dir)
    // Glance caches a token it has validated for up to 300 s, so revoking
    // run 1's token would go unnoticed: put in a token of the same identity
    // that Glance has never seen, and revoke it first.
    const { token: revoked } = await issueToken('demo')
    await revokeToken(revoked)
    rewriteEntry(path, (entry) => (entry.token = revoked))

    const run = await demoList(cache.env)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(TABLE_HEADER)
    expect(run.stderr).toMatch(/^RESP: \[401\]/m)
    expect(tokenRequests(run)).toBe(1)
    const replaced = onlyEntry(cache.dir).entry.token
    expect(replaced).not.toBe(revoked)
    expect(tokenRequests(await demoList(cache.env))).toBe(0)
  })

  it.each([
    ['expired an hour ago', -3_600_000],
    ['expiring within the refresh margin (1 minute left)', 60_000],
  ])('an entry %s is replaced by a new token', async (_name, expiresInMs) => {
    const cache = freshCache()
    await demoList(cache.env)
    const { path, entry } = onlyEntry(cache.dir)
    const editedExpiry = new Date(Date.now() + expiresInMs).toISOString()
    rewriteEntry(path, (e) => (e.expires_at = editedExpiry))

    const run = await demoList(cache.env)
    expect(run.code).toBe(0)
    expect(tokenRequests(run)).toBe(1)
    const after = onlyEntry(cache.dir).entry
    expect(after.expires_at).not.toBe(editedExpiry)
    // Beyond the refresh margin, so the next run would use it.
    expect(new Date(after.expires_at).getTime()).toBeGreaterThan(Date.now() + 120_000)
    expect(after.token).not.toBe(entry.token)
  })

  it('an unreadable entry counts as none', async () => {
    const cache = freshCache()
    await demoList(cache.env)
    writeFileSync(onlyEntry(cache.dir).path, '{ not json')
    const run = await demoList(cache.env)
    expect(run.code).toBe(0)
    expect(tokenRequests(run)).toBe(1)
  })
})

describe('tokens the user passes are never written', () => {
  it('--os-auth-token rescoped through Keystone, and --os-auth-token with --os-image-url', async () => {
    const cache = freshCache()
    const { token, projectId } = await issueToken('demo')
    const rescoped = await tsglance(['--os-auth-url', DEMO_ENV.OS_AUTH_URL, '--os-auth-token', token, '--os-project-id', projectId!, 'image-list'], {
      env: cache.env,
    })
    const bare = await tsglance(['--os-auth-token', token, '--os-image-url', glanceUrl(), 'image-list'], { env: cache.env })
    expect([rescoped.code, bare.code]).toEqual([0, 0])
    expect(entriesIn(cache.dir)).toEqual([])
  })
})
