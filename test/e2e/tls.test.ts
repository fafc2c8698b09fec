/**
 * tsglance against Glance behind TLS (a throwaway CA and a TLS-terminating
 * proxy in front of the stack's Glance): certificate errors are one clear
 * line, `--os-cacert` and OS_CACERT make the connection verify, `--insecure`
 * works but warns once, and image data crosses TLS intact. The transport's
 * own TLS behaviour is unit-tested in test/unit/sdk/tls-proxy.test.ts.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTlsProxy, type TlsProxy } from '../support/tls-proxy.js'
import { ImageLedger } from './support/images.js'
import { tsglance } from './support/run.js'
import { glanceUrl, issueToken, openrc, requireStack } from './support/stack.js'

requireStack()

const DEMO_ENV = openrc('demo')
const ledger = new ImageLedger('tls')
const workDir = mkdtempSync(join(tmpdir(), 'tsglance-e2e-tls-'))
let proxy: TlsProxy
let token: string

beforeAll(async () => {
  proxy = await startTlsProxy(glanceUrl())
  token = (await issueToken('demo')).token
})
afterAll(async () => {
  await proxy?.close()
  await ledger.cleanup()
})

/** `tsglance` with a token and the TLS Glance URL: the Glance requests are the only ones. */
const withToken = (args: string[], env: Record<string, string> = {}) =>
  tsglance(['--os-auth-token', token, '--os-image-url', proxy.url, ...args], { env })
/** `tsglance` as demo (password auth against the plain-HTTP Keystone), Glance over TLS. */
const withPassword = (args: string[], env: Record<string, string> = {}) =>
  tsglance(['--os-image-url', proxy.url, ...args], { env: { ...DEMO_ENV, ...env } })

const TABLE_HEADER = /^\+-+\+-+\+\n\| ID +\| Name +\|\n/

describe('certificate verification', () => {
  it.each([
    ['token', withToken],
    ['password', withPassword],
  ])('without a CA (%s auth): one line naming the certificate failure, exit 1', async (_auth, run) => {
    const result = await run(['image-list'])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(
      /^SSL exception connecting to https:\/\/127\.0\.0\.1:\d+\/v2\/images\?\S+: certificate verify failed: unable to verify the first certificate\n$/,
    )
  })

  it('--os-cacert with the CA: the image list', async () => {
    const result = await withToken(['--os-cacert', proxy.caFile, 'image-list'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toMatch(TABLE_HEADER)
  })

  it('OS_CACERT with the CA: the image list (password auth)', async () => {
    const result = await withPassword(['image-list'], { OS_CACERT: proxy.caFile })
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toMatch(TABLE_HEADER)
  })

  it('a CA file that does not exist: one line, exit 1', async () => {
    const missing = join(workDir, 'no-such-ca.pem')
    const result = await withToken(['--os-cacert', missing, 'image-list'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^Unable to read CA certificate file ${missing}: .+\\n$`))
  })
})

describe('--insecure', () => {
  it('works without the CA and warns exactly once per run, on stderr', async () => {
    const path = join(workDir, 'insecure.img')
    writeFileSync(path, randomBytes(64 * 1024))
    // Several HTTPS requests (schema, create, upload, show): still one warning.
    const result = await withPassword([
      '--insecure', 'image-create', '--name', ledger.name('insecure'), '--disk-format', 'raw', '--container-format', 'bare', '--file', path,
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^\| status +\| active +\|$/m)
    expect(result.stderr).toBe(
      `WARNING: unverified HTTPS request to ${new URL(proxy.url).host} (--insecure): its TLS certificate is not checked; use --os-cacert to verify it.\n`,
    )
  })

  it('says nothing when no request uses HTTPS', async () => {
    const result = await tsglance(['--insecure', 'image-list'], { env: DEMO_ENV })
    expect(result).toMatchObject({ code: 0, stderr: '' })
  })
})

describe('image data over TLS', () => {
  it('uploads, then downloads with verification, byte for byte', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 5)
    const source = join(workDir, 'source.img')
    const copy = join(workDir, 'copy.img')
    writeFileSync(source, data)
    const created = await withPassword([
      '--os-cacert', proxy.caFile, 'image-create', '--name', ledger.name('data'), '--disk-format', 'raw', '--container-format', 'bare', '--file', source,
    ])
    expect(created.code).toBe(0)
    const id = /^\| id +\| ([0-9a-f-]{36}) +\|$/m.exec(created.stdout)![1]

    const downloaded = await withToken(['--os-cacert', proxy.caFile, 'image-download', '--file', copy, id])
    expect(downloaded).toMatchObject({ code: 0, stderr: '' })
    expect(readFileSync(copy).equals(data)).toBe(true)
    expect(proxy.forwarded).toContain(`PUT /v2/images/${id}/file`)
    expect(proxy.forwarded).toContain(`GET /v2/images/${id}/file`)
  })
})
