/**
 * Faults survived, nothing lost (issue 7), against the real stack: tsglance
 * talks to Glance and Keystone through fault proxies (test/support/
 * fault-proxy.ts) that reset connections mid-upload and mid-download,
 * answer 5xx (with and without Retry-After) or 401, stall, cut bodies short
 * and flip bytes. Each test asserts what a user needs: the transfer is
 * retried and ends intact and verified, or it fails with one clear line,
 * leaving no wrong file under the target name and no orphaned image. The
 * proxies' request logs show the retries, Range requests and token requests
 * that happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FaultProxy } from '../support/fault-proxy.js'
import { glance, tsglance, type RunResult } from './support/run.js'
import { glanceUrl, issueToken, openrc } from './support/stack.js'
import { ImageLedger } from './support/images.js'
import { imageIdOf } from './support/parity.js'

const MiB = 1 << 20
const dir = mkdtempSync(join(tmpdir(), 'tsglance-faults-'))
const images = new ImageLedger('faults')
const demo = openrc('demo')

let glanceProxy: FaultProxy
let keystoneProxy: FaultProxy
/** A 3 MiB image made with the real glance (directly, not through a proxy), and its bytes. */
let fixtureId: string
let fixture: Buffer
let fixtureFile: string

const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('hex')
const FILE_PATH = /^\/v2\/images\/[0-9a-f-]{36}\/file$/
const IMAGE_PATH = /^\/v2\/images\/[0-9a-f-]{36}$/
const TOKENS_PATH = /^\/v3\/auth\/tokens$/

/** tsglance as demo, Keystone and Glance both reached through the proxies. */
function viaProxies(args: string[]): Promise<RunResult> {
  // No token cache: every run authenticates, so the Keystone proxy counts this run's token requests.
  return tsglance(['--os-image-url', glanceProxy.url, ...args], { env: { ...demo, OS_AUTH_URL: `${keystoneProxy.url}/v3`, TSGLANCE_NO_TOKEN_CACHE: '1' } })
}

/** A fresh directory for one test's download, so "nothing else was left" can be checked. */
function downloadDir(label: string): { out: string; target: string } {
  const out = mkdtempSync(join(dir, `${label}-`))
  return { out, target: join(out, 'copy.img') }
}

interface GlanceImage {
  status: string
  size: number | null
  os_hash_value: string | null
  updated_at: string
}

/** The image record as Glance has it, asked directly (not through a proxy). */
async function glanceShow(id: string): Promise<GlanceImage> {
  const token = (await issueToken('demo')).token
  const res = await fetch(`${glanceUrl()}/v2/images/${id}`, { headers: { 'X-Auth-Token': token } })
  expect(res.status).toBe(200)
  return (await res.json()) as GlanceImage
}

/**
 * The status Glance settles on after a broken upload. Glance handles the
 * broken PUT on its own time (seconds on a loaded stack): the image goes
 * `saving`, then back. So wait until the record changed since `before`
 * (its updated_at) and is no longer `saving`.
 */
async function settledStatus(id: string, before: string): Promise<string> {
  for (let look = 0; look < 60; look++) {
    const image = await glanceShow(id)
    if (image.updated_at !== before && image.status !== 'saving') return image.status
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`image ${id} did not settle after a broken upload`)
}

/** updated_at before an upload; it has whole seconds, so let the next second begin for a change to show. */
async function updatedAtBefore(id: string): Promise<string> {
  const { updated_at } = await glanceShow(id)
  await new Promise((resolve) => setTimeout(resolve, 1100))
  return updated_at
}

/** One line on stderr, no stack trace. */
function expectOneLineError(res: RunResult): void {
  expect(res.code).not.toBe(0)
  expect(res.stderr).not.toMatch(/\n\s+at /)
  expect(res.stderr.trim().split('\n')).toHaveLength(1)
}

beforeAll(async () => {
  glanceProxy = await FaultProxy.start(glanceUrl())
  keystoneProxy = await FaultProxy.start(new URL(demo.OS_AUTH_URL).origin)
  fixture = randomBytes(3 * MiB)
  fixtureFile = join(dir, 'fixture.img')
  writeFileSync(fixtureFile, fixture)
  fixtureId = await images.create('fixture', ['--disk-format', 'raw', '--container-format', 'bare', '--file', fixtureFile])
})

afterAll(async () => {
  await glanceProxy?.close()
  await keystoneProxy?.close()
  await images.cleanup()
})

describe('downloads', () => {
  it('503 with Retry-After, then 503 without, then success: retried, file intact and verified', async () => {
    glanceProxy.setRules(
      { method: 'GET', path: FILE_PATH, fault: { kind: 'status', status: 503, retryAfter: '1' } },
      { method: 'GET', path: FILE_PATH, fault: { kind: 'status', status: 503 } },
    )
    const { target } = downloadDir('503')
    const res = await viaProxies(['image-download', fixtureId, '--file', target])
    expect(res.code, res.stderr).toBe(0)
    expect(glanceProxy.seen('GET', FILE_PATH).map((r) => r.status)).toEqual([503, 503, 200])
    expect(readFileSync(target).equals(fixture)).toBe(true)
  })

  // 502 (a gateway's) is retried until the retries run out; 500 is the server's own answer, reported at
  // once as glance does. Either way: one line, no file.
  it.each([
    { status: 502, requests: 3 },
    { status: 500, requests: 1 },
  ])('$status on every attempt: $requests request(s) with --retries 2, one clear line, no file', async ({ status, requests }) => {
    glanceProxy.setRules({ method: 'GET', path: FILE_PATH, times: 10, fault: { kind: 'status', status } })
    const { out, target } = downloadDir(String(status))
    const res = await viaProxies(['--retries', '2', 'image-download', fixtureId, '--file', target])
    expectOneLineError(res)
    expect(res.stderr).toContain(`Unable to download image '${fixtureId}'. (HTTP ${status}`)
    expect(glanceProxy.seen('GET', FILE_PATH)).toHaveLength(requests)
    expect(readdirSync(out)).toEqual([])
  })

  it('connection reset mid-body: continued with a Range request from the bytes written, file verified', async () => {
    glanceProxy.setRules({ method: 'GET', path: FILE_PATH, fault: { kind: 'reset-response', afterBytes: MiB + 123 } })
    const { out, target } = downloadDir('reset')
    const res = await viaProxies(['image-download', fixtureId, '--file', target])
    expect(res.code, res.stderr).toBe(0)
    const gets = glanceProxy.seen('GET', FILE_PATH)
    expect(gets).toHaveLength(2)
    expect(gets[0].headers.range).toBeUndefined()
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(gets[1].headers.range ?? '')?.[1])
    // Everything the client was sent before the reset was kept, or nearly (a chunk still in flight may be asked for again).
    expect(resumedAt).toBeGreaterThan(0)
    expect(resumedAt).toBeLessThanOrEqual(MiB + 123)
    expect(gets[1]).toMatchObject({ status: 206, responseBytes: fixture.length - resumedAt })
    expect(readFileSync(target).equals(fixture)).toBe(true)
    expect(readdirSync(out)).toEqual(['copy.img'])
  })

  it('truncated body with --retries 0: clear error, the bytes kept in .part, and --resume completes with only the rest', async () => {
    glanceProxy.setRules({ method: 'GET', path: FILE_PATH, fault: { kind: 'truncate', afterBytes: 2 * MiB } })
    const { out, target } = downloadDir('truncate')
    const cut = await viaProxies(['--retries', '0', 'image-download', fixtureId, '--file', target])
    expectOneLineError(cut)
    expect(cut.stderr).toContain(`Download of image ${fixtureId} broke off after ${2 * MiB} of ${fixture.length} bytes`)
    expect(cut.stderr).toContain(`kept in ${target}.part: run the command again with --resume to continue.`)
    expect(readdirSync(out)).toEqual(['copy.img.part'])
    expect(readFileSync(`${target}.part`).equals(fixture.subarray(0, 2 * MiB))).toBe(true)

    glanceProxy.setRules()
    const resumed = await viaProxies(['image-download', fixtureId, '--file', target, '--resume'])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stderr).toBe('')
    const [get] = glanceProxy.seen('GET', FILE_PATH)
    expect(get.headers.range).toBe(`bytes=${2 * MiB}-`)
    expect(get.responseBytes).toBe(fixture.length - 2 * MiB)
    expect(readFileSync(target).equals(fixture)).toBe(true)
    expect(readdirSync(out)).toEqual(['copy.img'])
  })

  it('connection reset while downloading to stdout: no retry possible (bytes already written), one clear error', async () => {
    glanceProxy.setRules({ method: 'GET', path: FILE_PATH, fault: { kind: 'reset-response', afterBytes: MiB } })
    const res = await viaProxies(['image-download', fixtureId])
    expectOneLineError(res)
    expect(res.stderr).toMatch(new RegExp(`^Download of image ${fixtureId} broke off after \\d+ of ${fixture.length} bytes \\(.+\\)\n$`))
    expect(res.stdoutBytes.length).toBeLessThan(fixture.length)
    expect(res.stdoutBytes.equals(fixture.subarray(0, res.stdoutBytes.length))).toBe(true)
    expect(glanceProxy.seen('GET', FILE_PATH)).toHaveLength(1)
  })

  it('a flipped byte: checksum error, non-zero exit, nothing under the target name and no .part', async () => {
    glanceProxy.setRules({ method: 'GET', path: FILE_PATH, fault: { kind: 'flip-byte', offset: 1_500_000 } })
    const { out, target } = downloadDir('flip')
    writeFileSync(target, 'what the user had before')
    const res = await viaProxies(['image-download', fixtureId, '--file', target])
    expectOneLineError(res)
    expect(res.stderr).toMatch(/^\[Errno 32\] Corrupt image download\. Hash was [0-9a-f]{128} expected [0-9a-f]{128}\n$/)
    expect(res.stderr).toContain(`expected ${sha512(fixture)}`)
    expect(readdirSync(out)).toEqual(['copy.img'])
    expect(readFileSync(target, 'utf8')).toBe('what the user had before')
  })

  it('a flipped byte in a resumed download: the part file is discarded and the image downloaded whole', async () => {
    const { target } = downloadDir('flip-resume')
    writeFileSync(`${target}.part`, fixture.subarray(0, MiB))
    glanceProxy.setRules({ method: 'GET', path: FILE_PATH, fault: { kind: 'flip-byte', offset: 10 } })
    const res = await viaProxies(['image-download', fixtureId, '--file', target, '--resume'])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stderr).toMatch(/^Not resuming: the resumed download did not verify \(Corrupt image download\. .*\): downloading from the start\.\n$/)
    expect(glanceProxy.seen('GET', FILE_PATH).map((r) => r.headers.range)).toEqual([`bytes=${MiB}-`, undefined])
    expect(readFileSync(target).equals(fixture)).toBe(true)
  })

  it('a server that stalls past --timeout once: retried, and the download completes', async () => {
    glanceProxy.setRules({ method: 'GET', path: FILE_PATH, fault: { kind: 'stall' } })
    const { target } = downloadDir('stall-once')
    const res = await viaProxies(['--timeout', '2', 'image-download', fixtureId, '--file', target])
    expect(res.code, res.stderr).toBe(0)
    expect(glanceProxy.seen('GET', FILE_PATH).map((r) => r.status)).toEqual([undefined, 200])
    expect(readFileSync(target).equals(fixture)).toBe(true)
  })

  it('a server that always stalls: retried, then a clear timeout error', async () => {
    glanceProxy.setRules({ method: 'GET', path: FILE_PATH, times: 10, fault: { kind: 'stall' } })
    const { out, target } = downloadDir('stall')
    const res = await viaProxies(['--timeout', '1', '--retries', '1', 'image-download', fixtureId, '--file', target])
    expectOneLineError(res)
    expect(res.stderr).toMatch(/^Error communicating with http:\/\/127\.0\.0\.1:\d+\/v2\/images\/[0-9a-f-]{36}\/file: .*Timeout/)
    expect(glanceProxy.seen('GET', FILE_PATH)).toHaveLength(2)
    expect(readdirSync(out)).toEqual([])
  })
})

describe('uploads', () => {
  it('image-create --file reset after 1 MiB: the PUT is retried from the reopened file and the image ends active and verified', async () => {
    glanceProxy.setRules({ method: 'PUT', path: FILE_PATH, fault: { kind: 'reset-request', afterBytes: MiB } })
    const res = await viaProxies(['image-create', '--name', images.name('create-reset'), '--disk-format', 'raw', '--container-format', 'bare', '--file', fixtureFile])
    expect(res.code, res.stderr).toBe(0)
    const id = imageIdOf(res.stdout)!
    // The retry may first race Glance still handling the broken PUT (409/500, retried again); the last PUT carries the whole file.
    const puts = glanceProxy.seen('PUT', FILE_PATH)
    expect(puts[0].fault).toBe('reset-request')
    expect(puts.length).toBeGreaterThanOrEqual(2)
    expect(puts.at(-1)).toMatchObject({ status: 204, requestBytes: fixture.length })
    const shown = await glanceShow(id)
    expect(shown.status).toBe('active')
    expect(shown.os_hash_value).toBe(sha512(fixture))
    expect(shown.size).toBe(fixture.length)
  })

  it('image-upload to a server that stalls past --timeout once: retried, the image ends active and verified', async () => {
    const id = await images.create('upload-stall', ['--disk-format', 'raw', '--container-format', 'bare'])
    glanceProxy.setRules({ method: 'PUT', path: FILE_PATH, fault: { kind: 'stall' } })
    const res = await viaProxies(['--timeout', '3', 'image-upload', id, '--file', fixtureFile])
    expect(res.code, res.stderr).toBe(0)
    expect(glanceProxy.seen('PUT', FILE_PATH).map((r) => r.status)).toEqual([undefined, 204])
    const shown = await glanceShow(id)
    expect(shown.status).toBe('active')
    expect(shown.os_hash_value).toBe(sha512(fixture))
  })

  it('image-create --file reset with --retries 0: one clear error and no orphaned image', async () => {
    glanceProxy.setRules({ method: 'PUT', path: FILE_PATH, fault: { kind: 'reset-request', afterBytes: MiB } })
    const name = images.name('create-noretry')
    const res = await viaProxies(['--retries', '0', 'image-create', '--name', name, '--disk-format', 'raw', '--container-format', 'bare', '--file', fixtureFile])
    expect(res.code).toBe(1)
    expect(res.stderr).not.toMatch(/\n\s+at /)
    const [deleted, reason, ...rest] = res.stderr.trim().split('\n')
    expect(deleted).toMatch(/^Image [0-9a-f-]{36} was deleted because its data upload failed\.$/)
    expect(reason).toMatch(/^Error finding address for http:\/\/127\.0\.0\.1:\d+\/v2\/images\/[0-9a-f-]{36}\/file: /)
    expect(rest).toEqual([])
    expect(glanceProxy.seen('DELETE', IMAGE_PATH).map((r) => r.status)).toEqual([204])
    const list = await glance(['image-list', '--property-filter', `name=${name}`], { env: demo })
    expect(list.stdout).not.toContain(name)
  })

  it('image-upload of an existing image reset with --retries 0: clear error, the image left queued as glance leaves it, and a retry completes it', async () => {
    const byGlance = await images.create('upload-glance', ['--disk-format', 'raw', '--container-format', 'bare'])
    const byTsglance = await images.create('upload-tsglance', ['--disk-format', 'raw', '--container-format', 'bare'])

    glanceProxy.setRules({ method: 'PUT', path: FILE_PATH, fault: { kind: 'reset-request', afterBytes: MiB } })
    const glanceBefore = await updatedAtBefore(byGlance)
    const reference = await glance(['--os-image-url', glanceProxy.url, 'image-upload', byGlance, '--file', fixtureFile], { env: demo })
    expect(reference.code).not.toBe(0)
    const glanceLeft = await settledStatus(byGlance, glanceBefore)

    glanceProxy.setRules({ method: 'PUT', path: FILE_PATH, fault: { kind: 'reset-request', afterBytes: MiB } })
    const tsglanceBefore = await updatedAtBefore(byTsglance)
    const res = await viaProxies(['--retries', '0', 'image-upload', byTsglance, '--file', fixtureFile])
    expectOneLineError(res)
    expect(res.stderr).toMatch(/^Error finding address for http:\/\/127\.0\.0\.1:\d+\/v2\/images\/[0-9a-f-]{36}\/file: /)
    const tsglanceLeft = await settledStatus(byTsglance, tsglanceBefore)
    expect(tsglanceLeft).toBe(glanceLeft)
    expect(tsglanceLeft).toBe('queued')

    glanceProxy.setRules()
    const again = await viaProxies(['image-upload', byTsglance, '--file', fixtureFile])
    expect(again.code, again.stderr).toBe(0)
    const shown = await glanceShow(byTsglance)
    expect(shown.status).toBe('active')
    expect(shown.os_hash_value).toBe(sha512(fixture))
  })
})

describe('authentication', () => {
  it('a 401 from Glance once: one new token from Keystone, the call replayed, success', async () => {
    keystoneProxy.setRules()
    glanceProxy.setRules({ method: 'GET', path: IMAGE_PATH, fault: { kind: 'status', status: 401 } })
    const res = await viaProxies(['image-show', fixtureId])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toContain(fixtureId)
    expect(glanceProxy.seen('GET', IMAGE_PATH).map((r) => r.status)).toEqual([401, 200])
    expect(keystoneProxy.seen('POST', TOKENS_PATH).map((r) => r.status)).toEqual([201, 201])
  })

  it('a 401 during a download: re-authenticated and the file verified', async () => {
    keystoneProxy.setRules()
    glanceProxy.setRules({ method: 'GET', path: FILE_PATH, fault: { kind: 'status', status: 401 } })
    const { target } = downloadDir('401')
    const res = await viaProxies(['image-download', fixtureId, '--file', target])
    expect(res.code, res.stderr).toBe(0)
    expect(keystoneProxy.seen('POST', TOKENS_PATH)).toHaveLength(2)
    expect(readFileSync(target).equals(fixture)).toBe(true)
  })

  it('401 on every Glance call: one re-authentication only, then glance\'s message', async () => {
    keystoneProxy.setRules()
    glanceProxy.setRules({ method: 'GET', path: IMAGE_PATH, times: 10, fault: { kind: 'status', status: 401 } })
    const res = await viaProxies(['image-show', fixtureId])
    expectOneLineError(res)
    expect(res.stderr).toBe('Invalid OpenStack Identity credentials.\n')
    expect(glanceProxy.seen('GET', IMAGE_PATH)).toHaveLength(2)
    expect(keystoneProxy.seen('POST', TOKENS_PATH)).toHaveLength(2)
  })

  it('a 503 on the Keystone token request: retried, then success', async () => {
    keystoneProxy.setRules({ method: 'POST', path: TOKENS_PATH, fault: { kind: 'status', status: 503 } })
    glanceProxy.setRules()
    const res = await viaProxies(['image-show', fixtureId])
    expect(res.code, res.stderr).toBe(0)
    expect(keystoneProxy.seen('POST', TOKENS_PATH).map((r) => r.status)).toEqual([503, 201])
  })

  it('Keystone connection reset while the token request is sent: retried, then success', async () => {
    keystoneProxy.setRules({ method: 'POST', path: TOKENS_PATH, fault: { kind: 'reset-request', afterBytes: 0 } })
    glanceProxy.setRules()
    const res = await viaProxies(['image-show', fixtureId])
    expect(res.code, res.stderr).toBe(0)
    expect(keystoneProxy.seen('POST', TOKENS_PATH)).toHaveLength(2)
  })
})

describe('files the suite left', () => {
  it('no download left a .part next to a completed or failed target it should not have', () => {
    const leftovers = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.part'))
    // Only the truncation test keeps a .part, and --resume consumed it.
    expect(leftovers).toEqual([])
    expect(existsSync(fixtureFile) && statSync(fixtureFile).size).toBe(fixture.length)
  })
})
