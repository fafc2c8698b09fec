/**
 * What `--debug` shows of authentication against the real stack: exactly
 * one token request per run (glance makes two), few requests overall, and
 * never a credential: passwords, application-credential secrets and tokens
 * appear only as keystoneauth's `{SHA256}<digest>`.
 *
 * Every run here has the token cache off (TSGLANCE_NO_TOKEN_CACHE=1): the
 * counts are those of a run that must authenticate, and the auth request is
 * what must not leak. What the cache saves is measured in auth.cache.test.ts.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GlanceClient } from '../../src/sdk/client.js'
import { tsglance, type RunResult } from './support/run.js'
import { expectNoSecrets, stackAppCredential } from './support/secrets.js'
import { authFromEnv, cloudsYaml, glanceUrl, issueToken, openrc, requireStack } from './support/stack.js'

requireStack()

const NO_CACHE = { TSGLANCE_NO_TOKEN_CACHE: '1' }
const DEMO_ENV: Record<string, string> = { ...openrc('demo'), ...NO_CACHE }
const TOKEN_REQUEST = /^REQ: curl -g -i -X POST \S+\/v3\/auth\/tokens /gm
const ANY_REQUEST = /^REQ: /gm
const REDACTED_TOKEN_HEADER = /X-Auth-Token: \{SHA256\}[0-9a-f]{64}/

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const createdImages: string[] = []

afterAll(async () => {
  const client = new GlanceClient({ auth: authFromEnv(DEMO_ENV) })
  try {
    for (const id of createdImages) await client.images.delete(id)
  } finally {
    await client.close()
  }
})

function imageFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tsglance-e2e-data-')), 'data.img')
  writeFileSync(path, Buffer.alloc(64 * 1024, 'tsglance'))
  return path
}

/** `--debug image-create --file` as demo; the created image is deleted after the suite. */
async function debugImageCreate(args: string[] = [], env: Record<string, string> = DEMO_ENV): Promise<RunResult> {
  const result = await tsglance(
    [...args, 'image-create', '--name', `auth-debug-${process.pid}`, '--disk-format', 'raw', '--container-format', 'bare', '--file', imageFile()],
    { env },
  )
  const id = /^\| id +\| ([0-9a-f-]{36}) +\|$/m.exec(result.stdout)?.[1]
  if (id) createdImages.push(id)
  return result
}

describe('one token request per run', () => {
  it('image-create --file with password auth: 1 token request, at most 5 requests, and the table', async () => {
    const result = await debugImageCreate(['--debug'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^\+-+\+-+\+\n\| Property +\| Value +\|\n/)
    expect(result.stdout).toMatch(/^\| status +\| active +\|$/m)
    expect(count(result.stderr, TOKEN_REQUEST)).toBe(1)
    // token, schema, create, upload, show
    expect(count(result.stderr, ANY_REQUEST)).toBeLessThanOrEqual(5)
  })

  it('GLANCECLIENT_DEBUG turns debugging on as --debug does', async () => {
    const result = await tsglance(['image-list'], { env: { ...DEMO_ENV, GLANCECLIENT_DEBUG: '1' } })
    expect(result.code).toBe(0)
    expect(count(result.stderr, TOKEN_REQUEST)).toBe(1)
  })

  it('image-list with password auth: the token request and one page', async () => {
    const result = await tsglance(['--debug', 'image-list'], { env: DEMO_ENV })
    expect(result.code).toBe(0)
    expect(count(result.stderr, TOKEN_REQUEST)).toBe(1)
    expect(count(result.stderr, /^REQ: curl -g -i -X GET \S+\/v2\/images\?/gm)).toBe(1)
    expect(count(result.stderr, ANY_REQUEST)).toBe(2)
  })

  it('image-list with an application credential: one token request', async () => {
    const result = await tsglance(['--debug', '--os-cloud', 'demo-appcred', 'image-list'], { env: { OS_CLIENT_CONFIG_FILE: cloudsYaml(), ...NO_CACHE } })
    expect(result.code).toBe(0)
    expect(count(result.stderr, TOKEN_REQUEST)).toBe(1)
  })

  it('token + image URL: no token request at all', async () => {
    const { token } = await issueToken('demo')
    const result = await tsglance(['--debug', '--os-auth-token', token, '--os-image-url', glanceUrl(), 'image-list'])
    expect(result.code).toBe(0)
    expect(count(result.stderr, TOKEN_REQUEST)).toBe(0)
    expect(count(result.stderr, ANY_REQUEST)).toBe(1)
  })
})

describe('--debug never shows a credential', () => {
  it('password auth (image-create --file): no password, no token, X-Auth-Token as {SHA256}', async () => {
    const result = await debugImageCreate(['--debug'])
    expect(result.code).toBe(0)
    expectNoSecrets(result, [DEMO_ENV.OS_PASSWORD])
    expect(result.stderr).toMatch(REDACTED_TOKEN_HEADER)
    // Keystone's answer carries the token in X-Subject-Token: redacted too.
    expect(result.stderr).toMatch(/x-subject-token: \{SHA256\}[0-9a-f]{64}/i)
    // The auth body (password inside) is not printed at all.
    expect(result.stderr).toMatch(/^REQ: curl -g -i -X POST \S+\/v3\/auth\/tokens .* -d <binary data>$/m)
  })

  it('password as a flag: not shown', async () => {
    const env = { ...DEMO_ENV }
    delete env.OS_PASSWORD
    const result = await tsglance(['--debug', '--os-password', DEMO_ENV.OS_PASSWORD, 'image-list'], { env })
    expect(result.code).toBe(0)
    expectNoSecrets(result, [DEMO_ENV.OS_PASSWORD])
    expect(result.stderr).toMatch(REDACTED_TOKEN_HEADER)
  })

  it('application credential (flags): no secret, no token', async () => {
    const { id, secret } = stackAppCredential()
    const result = await tsglance([
      '--debug',
      '--os-auth-type', 'v3applicationcredential',
      '--os-auth-url', DEMO_ENV.OS_AUTH_URL,
      '--os-application-credential-id', id,
      '--os-application-credential-secret', secret,
      'image-list',
    ], { env: NO_CACHE })
    expect(result.code).toBe(0)
    expectNoSecrets(result, [secret])
    expect(result.stderr).toMatch(REDACTED_TOKEN_HEADER)
  })

  it('token + image URL: the token only as its SHA256', async () => {
    const { token } = await issueToken('demo')
    const result = await tsglance(['--debug', '--os-auth-token', token, '--os-image-url', glanceUrl(), 'image-list'])
    expect(result.code).toBe(0)
    expectNoSecrets(result, [token])
    expect(result.stderr).toContain(`X-Auth-Token: {SHA256}${sha256(token)}`)
  })

  it('token rescoped through Keystone: the token is not shown in the auth request', async () => {
    const { token, projectId } = await issueToken('demo')
    const result = await tsglance(['--debug', '--os-auth-url', DEMO_ENV.OS_AUTH_URL, '--os-auth-token', token, '--os-project-id', projectId!, 'image-list'])
    expect(result.code).toBe(0)
    expect(count(result.stderr, TOKEN_REQUEST)).toBe(1)
    expectNoSecrets(result, [token])
    expect(result.stderr).toMatch(REDACTED_TOKEN_HEADER)
  })

  it('failures print no credential either (wrong password, wrong secret, rejected token)', async () => {
    const wrongPassword = 'wrong-password-4711'
    const refused = await tsglance(['--debug', 'image-list'], { env: { ...DEMO_ENV, OS_PASSWORD: wrongPassword } })
    expect(refused.code).toBe(1)
    expectNoSecrets(refused, [wrongPassword])

    const wrongSecret = 'wrong-secret-4711'
    const { id } = stackAppCredential()
    const refusedCredential = await tsglance([
      '--debug', '--os-auth-type', 'v3applicationcredential', '--os-auth-url', DEMO_ENV.OS_AUTH_URL,
      '--os-application-credential-id', id, '--os-application-credential-secret', wrongSecret, 'image-list',
    ], { env: NO_CACHE })
    expect(refusedCredential.code).toBe(1)
    expectNoSecrets(refusedCredential, [wrongSecret])

    const badToken = 'not-a-valid-token-4711'
    const rejected = await tsglance(['--debug', '--os-auth-token', badToken, '--os-image-url', glanceUrl(), 'image-list'])
    expect(rejected.code).toBe(1)
    expectNoSecrets(rejected, [badToken])
    expect(rejected.stderr).toContain(`X-Auth-Token: {SHA256}${sha256(badToken)}`)
  })
})
