/**
 * The auth types glance lacks (v3totp, v3multifactor, none) and the scopes,
 * against the real Keystone + Glance. A throwaway user of the demo project
 * gets a TOTP credential through Keystone's admin API; its passcodes are
 * computed here with node:crypto. Seeing demo's private image proves the
 * token was scoped to the demo project.
 *
 * The token cache is off in this file (TSGLANCE_NO_TOKEN_CACHE=1): each run
 * must authenticate for the type under test, not reuse an earlier token.
 * (The scope tests turn it on in a directory of their own, to read the token's scope.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Image } from '../../src/sdk/images/types.js'
import { createDemoPrivateImage, deleteDemoImage, imageRow } from './support/demo-image.js'
import { createTotpUser, deleteUser, grantDomainMember, requirePasswordAndTotp, type TotpUser } from './support/keystone-admin.js'
import { tsglance, type RunResult } from './support/run.js'
import { glanceUrl, openrc, requireStack, stackIdentity } from './support/stack.js'
import { onlyTokenEntry, freshTokenCache } from './support/token-cache.js'
import { totpPasscode } from './support/totp.js'

requireStack()

const NO_CACHE = { TSGLANCE_NO_TOKEN_CACHE: '1' }
const TOKEN_REQUEST = /^REQ: curl -g -i -X POST \S+\/v3\/auth\/tokens /gm
const KEYSTONE_401 = /^The request you have made requires authentication\. \(HTTP 401\) \(Request-ID: req-[0-9a-f-]{36}\)\n$/
const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0

const runTag = `auth-types-${process.pid}-${Date.now()}`
let demoImage: Image
let totpUser: TotpUser
let mfaUser: TotpUser

beforeAll(async () => {
  demoImage = await createDemoPrivateImage(`${runTag}-demo`)
  totpUser = await createTotpUser(`${runTag}-totp`)
  mfaUser = await createTotpUser(`${runTag}-mfa`)
  await requirePasswordAndTotp(mfaUser.id)
})

afterAll(async () => {
  for (const user of [totpUser, mfaUser]) if (user) await deleteUser(user.id)
  if (demoImage) await deleteDemoImage(demoImage.id)
})

/** `image-list` succeeded and shows demo's private image: a token scoped to project demo. */
function expectDemoProjectList(result: RunResult): void {
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(result.stdout).toMatch(imageRow(demoImage))
}

describe('test helpers', () => {
  it('computes RFC 6238 passcodes (SHA1 test vectors, 6 digits)', () => {
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' // base32 of "12345678901234567890"
    expect(totpPasscode(rfcSecret, 59_000)).toBe('287082')
    expect(totpPasscode(rfcSecret, 1_111_111_109_000)).toBe('081804')
  })
})

describe('v3totp', () => {
  it('--os-auth-type v3totp --os-passcode: one token request, demo project scope', async () => {
    const result = await tsglance(['--debug', '--os-auth-type', 'v3totp', '--os-passcode', totpPasscode(totpUser.totpSecret), 'image-list'], {
      env: { ...totpUser.env, ...NO_CACHE },
    })
    expect(result.code).toBe(0)
    expect(count(result.stderr, TOKEN_REQUEST)).toBe(1)
    expect(result.stdout).toMatch(imageRow(demoImage))
  })

  it('OS_AUTH_TYPE=v3totp and OS_PASSCODE', async () => {
    const env = { ...totpUser.env, ...NO_CACHE, OS_AUTH_TYPE: 'v3totp', OS_PASSCODE: totpPasscode(totpUser.totpSecret) }
    expectDemoProjectList(await tsglance(['image-list'], { env }))
  })

  it('a wrong passcode: Keystone\'s 401 line, exit 1', async () => {
    const wrong = String((Number(totpPasscode(totpUser.totpSecret)) + 500_000) % 1_000_000).padStart(6, '0')
    const result = await tsglance(['--os-auth-type', 'v3totp', '--os-passcode', wrong, 'image-list'], { env: { ...totpUser.env, ...NO_CACHE } })
    expect({ stdout: result.stdout, code: result.code }).toEqual({ stdout: '', code: 1 })
    expect(result.stderr).toMatch(KEYSTONE_401)
  })
})

describe('v3multifactor (the user\'s MFA rules require password and totp)', () => {
  const passwordAndTotp = () => ({
    ...mfaUser.env,
    ...NO_CACHE,
    OS_AUTH_TYPE: 'v3multifactor',
    OS_AUTH_METHODS: 'v3password,v3totp',
    OS_PASSWORD: mfaUser.password,
    OS_PASSCODE: totpPasscode(mfaUser.totpSecret),
  })

  it('password + totp in one request: demo project scope', async () => {
    expectDemoProjectList(await tsglance(['image-list'], { env: passwordAndTotp() }))
  })

  it('--os-auth-methods on the command line', async () => {
    const { OS_AUTH_METHODS: _methods, ...env } = passwordAndTotp()
    expectDemoProjectList(await tsglance(['--os-auth-methods', 'v3password,v3totp', 'image-list'], { env }))
  })

  it('the password alone is refused by Keystone (the rules are enforced): exit 1 with a 401', async () => {
    const result = await tsglance(['image-list'], { env: { ...mfaUser.env, ...NO_CACHE, OS_PASSWORD: mfaUser.password } })
    expect({ stdout: result.stdout, code: result.code }).toEqual({ stdout: '', code: 1 })
    expect(result.stderr).toMatch(/\(HTTP 401\) \(Request-ID: req-[0-9a-f-]{36}\)\n$/)
  })
})

describe('none (Glance on the stack requires a token)', () => {
  it('sends the request without X-Auth-Token, asks no Keystone, and explains the 401', async () => {
    const result = await tsglance(['--debug', '--os-auth-type', 'none', '--os-image-url', glanceUrl(), 'image-list'], {
      env: { ...openrc('demo'), ...NO_CACHE },
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(count(result.stderr, TOKEN_REQUEST)).toBe(0)
    const imageRequests = result.stderr.split('\n').filter((line) => line.startsWith('REQ: ') && line.includes('/v2/images'))
    expect(imageRequests).toHaveLength(1)
    expect(imageRequests[0]).not.toMatch(/X-Auth-Token/i)
    expect(result.stderr).toMatch(/^RESP: \[401\]/m)
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      'Glance requires authentication (HTTP 401): auth type "none" sends no token. ' +
        'Set --os-auth-type (env[OS_AUTH_TYPE]) to a Keystone auth type and give its credentials',
    )
  })
})

describe('scopes', () => {
  /**
   * `image-list` with the token cache on in a directory of its own: the
   * entry it leaves records the scope Keystone gave the token (debug output
   * shows no successful response bodies).
   */
  async function imageListWithScope(args: string[], env: Record<string, string>) {
    const cache = freshTokenCache()
    const result = await tsglance(['--debug', ...args, 'image-list'], { env: { ...env, ...cache.env } })
    expect(count(result.stderr, TOKEN_REQUEST)).toBe(1)
    const { entry } = onlyTokenEntry(cache.dir)
    const scope = Object.fromEntries(
      Object.entries({ project: entry.project_id, domain: entry.domain_id, system: entry.system || undefined }).filter(([, v]) => v !== undefined),
    )
    return { result, scope }
  }

  it('project by id (--os-project-id, no project domain needed): demo\'s private image', async () => {
    const demo = await stackIdentity('demo')
    const { OS_PROJECT_NAME: _name, OS_PROJECT_DOMAIN_NAME: _domain, ...env } = openrc('demo')
    expectDemoProjectList(await tsglance(['--os-project-id', demo.projectId, 'image-list'], { env: { ...env, ...NO_CACHE } }))
  })

  it('system scope (--os-system-scope all, admin): Glance accepts the system token', async () => {
    const { OS_PROJECT_NAME: _name, OS_PROJECT_DOMAIN_NAME: _domain, ...env } = openrc('admin')
    const { result, scope } = await imageListWithScope(['--os-system-scope', 'all'], env)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^\+-+\+-+\+\n\| ID +\| Name +\|\n/)
    expect(scope).toEqual({ system: true })
  })

  it('domain scope (--os-domain-name, no project) for a user with a role on the domain: a domain token Glance accepts', async () => {
    await grantDomainMember(totpUser.id)
    const { OS_PROJECT_NAME: _name, OS_PROJECT_DOMAIN_NAME: _domain, ...env } = totpUser.env
    const { result, scope } = await imageListWithScope(['--os-domain-name', 'Default'], { ...env, OS_PASSWORD: totpUser.password })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^\+-+\+-+\+\n\| ID +\| Name +\|\n/)
    expect(scope).toEqual({ domain: (await stackIdentity('demo')).userDomainId })
  })

  it('domain scope without a role on the domain (admin): Keystone refuses the domain token', async () => {
    // admin has no role on the Default domain, so Keystone refuses: the
    // refusal proves the request asked for a domain scope, not the project.
    const { OS_PROJECT_NAME: _name, OS_PROJECT_DOMAIN_NAME: _domain, ...env } = openrc('admin')
    const result = await tsglance(['--os-domain-name', 'Default', 'image-list'], { env: { ...env, ...NO_CACHE } })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(KEYSTONE_401)
  })
})

describe('missing settings name what to set, before any request', () => {
  const totpEnv = () => ({ ...totpUser.env, ...NO_CACHE, OS_AUTH_TYPE: 'v3totp', OS_PASSCODE: '000000' })
  const without = (env: Record<string, string>, ...names: string[]) =>
    Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)))

  it.each([
    ['no passcode', ['OS_PASSCODE'], 'You must provide a TOTP passcode via either --os-passcode or env[OS_PASSCODE]'],
    ['no username', ['OS_USERNAME'], 'You must provide a username via either --os-username or env[OS_USERNAME]'],
    ['no auth URL', ['OS_AUTH_URL'], 'You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]'],
  ])('v3totp, %s', async (_case, unset, message) => {
    const result = await tsglance(['--debug', 'image-list'], { env: without(totpEnv(), ...unset) })
    expect({ stdout: result.stdout, code: result.code }).toEqual({ stdout: '', code: 1 })
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(message)
    expect(count(result.stderr, /^REQ: /gm)).toBe(0)
  })

  it('v3totp, no project scope: names the project flags and variables', async () => {
    const result = await tsglance(['image-list'], { env: without(totpEnv(), 'OS_PROJECT_NAME', 'OS_PROJECT_DOMAIN_NAME') })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^You must provide a project_id or project_name .*--os-project-id \(env\[OS_PROJECT_ID\]\)  --os-project-name \(env\[OS_PROJECT_NAME\]\)/)
  })

  it('v3multifactor without its methods: names --os-auth-methods / OS_AUTH_METHODS', async () => {
    const result = await tsglance(['image-list'], { env: { ...totpEnv(), OS_AUTH_TYPE: 'v3multifactor', OS_PASSWORD: 'x' } })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'You must name the methods to combine via either --os-auth-methods or env[OS_AUTH_METHODS] (e.g. v3password,v3totp)\n',
    )
  })

  it('none without --os-image-url: names the flag and variable', async () => {
    const result = await tsglance(['--os-auth-type', 'none', 'image-list'], { env: { ...openrc('demo'), ...NO_CACHE } })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('Auth type "none" sends no token and needs the Glance URL: provide --os-image-url or env[OS_IMAGE_URL]\n')
  })

  it('an unknown auth type: names --os-auth-type / OS_AUTH_TYPE and the choices', async () => {
    const result = await tsglance(['image-list'], { env: { ...openrc('demo'), ...NO_CACHE, OS_AUTH_TYPE: 'v3kerberos' } })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^The plugin v3kerberos could not be found\. Set --os-auth-type \(env\[OS_AUTH_TYPE\]\) to one of: password, .*v3totp, v3multifactor.*\n$/)
  })
})
