/**
 * Failed logins against the real stack, compared with the real `glance`:
 * stdout and exit code identical, stderr identical wherever glance words
 * the message itself (request ids masked). Where the text ends in a Python
 * object dump (urllib3's connection errors) only glance's prefix and URL are
 * compared (docs/decisions/0001-cli-compatibility.md).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { mask } from './support/mask.js'
import { glance, openstack, privateHome, tsglance, type RunOptions, type RunResult } from './support/run.js'
import { cloudsYaml, glanceUrl, openrc, requireStack } from './support/stack.js'

requireStack()

const DEMO_ENV = openrc('demo')
function demoAppCredentialId(): string {
  const doc = parse(readFileSync(cloudsYaml(), 'utf8')) as { clouds: Record<string, { auth: Record<string, string> }> }
  return doc.clouds['demo-appcred'].auth.application_credential_id
}

/** What a run printed and returned, as text (for comparing with literals). */
const printed = ({ stdout, stderr, code }: RunResult) => ({ stdout, stderr, code })

const KEYSTONE_401 = /^The request you have made requires authentication\. \(HTTP 401\) \(Request-ID: req-[0-9a-f-]{36}\)\n$/

async function both(args: string[], options: RunOptions = {}, glanceOptions: RunOptions = options): Promise<{ ours: RunResult; theirs: RunResult }> {
  const [ours, theirs] = await Promise.all([tsglance(args, options), glance(args, glanceOptions)])
  return { ours, theirs }
}

/** Same stdout, same exit code (a failure), same stderr up to request ids. */
function expectSameFailure({ ours, theirs }: { ours: RunResult; theirs: RunResult }): void {
  expect(theirs.code).not.toBe(0)
  expect({ stdout: ours.stdout, code: ours.code, stderr: mask(ours.stderr) }).toEqual({
    stdout: theirs.stdout,
    code: theirs.code,
    stderr: mask(theirs.stderr),
  })
}

/** The URL in "<prefix> <url>: <reason>" and the reason, or undefined. */
function failedUrl(stderr: string, prefix: string): { url: URL; reason: string } | undefined {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const m = new RegExp(`^${escaped} (\\S+): (.+)`).exec(stderr)
  return m ? { url: new URL(m[1]), reason: m[2] } : undefined
}

/**
 * The URL with its page size set aside: tsglance asks for 1000 images a
 * page where glance asks for 200 (src/sdk/images/images.ts), the one
 * deliberate difference in these URLs. Returns [URL without limit, limit].
 */
function splitPageSize(url: URL | undefined): [string | undefined, string | null | undefined] {
  if (!url) return [undefined, undefined]
  const rest = new URL(url)
  rest.searchParams.delete('limit')
  return [rest.href, url.searchParams.get('limit')]
}

describe('Keystone refuses the credentials', () => {
  it('wrong password: glance\'s 401 line, exit 1', async () => {
    const result = await both(['image-list'], { env: { ...DEMO_ENV, OS_PASSWORD: 'wrong-password' } })
    expectSameFailure(result)
    expect(result.ours.code).toBe(1)
    expect(result.ours.stderr).toMatch(KEYSTONE_401)
  })

  it('unknown user: glance\'s 401 line, exit 1', async () => {
    const result = await both(['image-list'], { env: { ...DEMO_ENV, OS_USERNAME: 'no-such-user' } })
    expectSameFailure(result)
    expect(result.ours.stderr).toMatch(KEYSTONE_401)
  })

  it('unknown project: glance\'s 401 line, exit 1', async () => {
    const result = await both(['image-list'], { env: { ...DEMO_ENV, OS_PROJECT_NAME: 'no-such-project' } })
    expectSameFailure(result)
    expect(result.ours.stderr).toMatch(KEYSTONE_401)
  })

  it('user without a domain: Keystone\'s 400 as glance prints it', async () => {
    const env = { ...DEMO_ENV }
    delete env.OS_USER_DOMAIN_NAME
    const result = await both(['image-list'], { env })
    expectSameFailure(result)
    expect(result.ours.stderr).toMatch(/^Expecting to find domain in user.*\(HTTP 400\) \(Request-ID: req-/)
  })
})

describe('settings missing: glance\'s messages, before any request', () => {
  it('no credentials at all', async () => {
    const result = await both(['image-list'])
    expectSameFailure(result)
    expect(printed(result.ours)).toEqual({ stdout: '', stderr: 'You must provide a username via either --os-username or env[OS_USERNAME]\n', code: 1 })
  })

  it('no password', async () => {
    const env = { ...DEMO_ENV }
    delete env.OS_PASSWORD
    const result = await both(['image-list'], { env })
    expectSameFailure(result)
    expect(result.ours.stderr).toBe('You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response\n')
  })

  it('no project', async () => {
    const env = { ...DEMO_ENV }
    delete env.OS_PROJECT_NAME
    expectSameFailure(await both(['image-list'], { env }))
  })

  it('no auth URL', async () => {
    const env = { ...DEMO_ENV }
    delete env.OS_AUTH_URL
    const result = await both(['image-list'], { env })
    expectSameFailure(result)
    expect(result.ours.stderr).toBe('You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]\n')
  })
})

describe('servers that cannot be reached', () => {
  it('unreachable Keystone (--os-auth-url http://127.0.0.1:1/v3): keystoneauth\'s prefix and URL, exit 1', async () => {
    const { ours, theirs } = await both(['--os-auth-url', 'http://127.0.0.1:1/v3', 'image-list'], { env: DEMO_ENV })
    expect({ stdout: ours.stdout, code: ours.code }).toEqual({ stdout: theirs.stdout, code: theirs.code })
    expect(ours.code).toBe(1)
    const prefix = 'Unable to establish connection to'
    const [mine, glances] = [failedUrl(ours.stderr, prefix), failedUrl(theirs.stderr, prefix)]
    expect(glances?.url.href).toBe('http://127.0.0.1:1/v3/auth/tokens')
    expect(mine?.url.href).toBe(glances?.url.href)
    expect(mine?.reason).toMatch(/ECONNREFUSED/)
  })

  it('unreachable Glance with a token (--os-image-url http://127.0.0.1:1): glance\'s prefix and URL, exit 1', async () => {
    // With the API version given, glance asks for the images directly (as
    // tsglance always does) instead of first asking /versions.
    const args = ['--os-image-api-version', '2', '--os-auth-token', 'some-token', '--os-image-url', 'http://127.0.0.1:1', 'image-list']
    const { ours, theirs } = await both(args, {}, { env: { HOME: privateHome() } })
    expect({ stdout: ours.stdout, code: ours.code }).toEqual({ stdout: theirs.stdout, code: theirs.code })
    expect(ours.code).toBe(1)
    expect(ours.stderr).toMatch(/^Error finding address for http:\/\/127\.0\.0\.1:1\/v2\/images/)
    const prefix = 'Error finding address for'
    const [mine, glances] = [failedUrl(ours.stderr, prefix), failedUrl(theirs.stderr, prefix)]
    expect(glances).toBeDefined()
    const [[myUrl, myLimit], [theirUrl, theirLimit]] = [splitPageSize(mine?.url), splitPageSize(glances?.url)]
    expect(myUrl).toBe(theirUrl)
    expect([myLimit, theirLimit]).toEqual(['1000', '200'])
    expect(mine?.reason).toMatch(/ECONNREFUSED/)
  })

  it('unreachable Glance after a password login: glance\'s prefix and URL, exit 1', async () => {
    const { ours, theirs } = await both(['--os-image-url', 'http://127.0.0.1:1', 'image-list'], { env: DEMO_ENV })
    expect({ stdout: ours.stdout, code: ours.code }).toEqual({ stdout: theirs.stdout, code: theirs.code })
    const prefix = 'Error finding address for'
    const [[myUrl, myLimit], [theirUrl, theirLimit]] = [splitPageSize(failedUrl(ours.stderr, prefix)?.url), splitPageSize(failedUrl(theirs.stderr, prefix)?.url)]
    expect(theirUrl).toBeDefined()
    expect(myUrl).toBe(theirUrl)
    expect([myLimit, theirLimit]).toEqual(['1000', '200'])
  })
})

describe('catalog and token problems', () => {
  it('unknown region: keystoneauth\'s "not found", identical', async () => {
    const result = await both(['--os-region-name', 'NoSuchRegion', 'image-list'], { env: DEMO_ENV })
    expectSameFailure(result)
    expect(result.ours.stderr).toBe('public endpoint for image service in NoSuchRegion region not found\n')
  })

  it('unknown region with a v2-style interface name: identical', async () => {
    expectSameFailure(await both(['--os-endpoint-type', 'internalURL', '--os-region-name', 'NoSuchRegion', 'image-list'], { env: DEMO_ENV }))
  })

  it('a token Glance rejects: "Invalid OpenStack Identity credentials.", identical', async () => {
    const args = ['--os-auth-token', 'not-a-valid-token', '--os-image-url', glanceUrl(), 'image-list']
    const result = await both(args, {}, { env: { HOME: privateHome() } })
    expectSameFailure(result)
    expect(result.ours.stderr).toBe('Invalid OpenStack Identity credentials.\n')
  })
})

describe('clouds.yaml problems (glance has no --os-cloud: compared with openstack)', () => {
  it('--os-cloud nosuchcloud: openstacksdk\'s message, exit 1', async () => {
    const options = { env: { OS_CLIENT_CONFIG_FILE: cloudsYaml() } }
    const [ours, theirs] = await Promise.all([
      tsglance(['--os-cloud', 'nosuchcloud', 'image-list'], options),
      openstack(['--os-cloud', 'nosuchcloud', 'image', 'list'], options),
    ])
    expect(printed(ours)).toEqual({ stdout: '', stderr: 'Cloud nosuchcloud was not found.\n', code: 1 })
    expect(ours.stderr).toBe(theirs.stderr)
    expect(ours.code).toBe(theirs.code)
  })

  it('OS_CLOUD=nosuchcloud: the same', async () => {
    const ours = await tsglance(['image-list'], { env: { OS_CLIENT_CONFIG_FILE: cloudsYaml(), OS_CLOUD: 'nosuchcloud' } })
    expect(printed(ours)).toEqual({ stdout: '', stderr: 'Cloud nosuchcloud was not found.\n', code: 1 })
  })

  /** Run tsglance and openstack with an application credential given by OS_* variables. */
  async function withAppCredential(id: string, secret: string): Promise<{ ours: RunResult; theirs: RunResult }> {
    const env = {
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_AUTH_URL: DEMO_ENV.OS_AUTH_URL,
      OS_APPLICATION_CREDENTIAL_ID: id,
      OS_APPLICATION_CREDENTIAL_SECRET: secret,
    }
    const [ours, theirs] = await Promise.all([tsglance(['image-list'], { env }), openstack(['image', 'list'], { env })])
    return { ours, theirs }
  }

  it('a wrong application credential secret: Keystone\'s 401 line, as openstack prints it', async () => {
    const { ours, theirs } = await withAppCredential(demoAppCredentialId(), 'wrong-secret')
    expect(ours.stdout).toBe('')
    expect(ours.code).toBe(1)
    expect(ours.code).toBe(theirs.code)
    expect(ours.stderr).toMatch(KEYSTONE_401)
    expect(mask(ours.stderr)).toBe(mask(theirs.stderr))
  })

  it('an unknown application credential: Keystone\'s 404 line, as openstack prints it', async () => {
    const { ours, theirs } = await withAppCredential('no-such-credential', 'wrong-secret')
    expect(ours.code).toBe(1)
    expect(ours.code).toBe(theirs.code)
    expect(ours.stderr).toMatch(/^Could not find Application Credential: no-such-credential\. \(HTTP 404\) \(Request-ID: req-/)
    expect(mask(ours.stderr)).toBe(mask(theirs.stderr))
  })
})
