/**
 * Parity of the cache-management commands (API v2.14, admin only by
 * default policy) with the real `glance` 4.1.0: on the stack's Glance as
 * admin and as a non-admin, and on a fake Glance on 127.0.0.1 for what the
 * stack cannot show (a server older than v2.14, a fixed cache state with
 * queued images and never-read entries).
 *
 * The cache belongs to the Glance node, not to a project: other suites'
 * downloads change hits and access times while we look, so listings of the
 * real cache are compared only once two glance runs around the tsglance run
 * agree (runBothSettled). Only the queue is ever cleared, never the cache.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImageLedger } from './support/images.js'
import { expectParity, runBoth, runBothSettled, type Pair } from './support/parity.js'
import { glance, privateHome, tsglance } from './support/run.js'
import { openrc, requireStack } from './support/stack.js'

requireStack()

const images = new ImageLedger('cache')
const dir = mkdtempSync(join(tmpdir(), 'tsglance-cache-'))
const dataFile = join(dir, 'data.img')
writeFileSync(dataFile, randomBytes(3000))
const DATA_ARGS = ['--disk-format', 'raw', '--container-format', 'bare', '--file', dataFile]

afterAll(async () => {
  try {
    await images.cleanup()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

/** Whether glance (as admin) lists the image as cached. */
async function isCached(id: string): Promise<boolean> {
  const res = await glance(['cache-list'], { env: openrc('admin') })
  expect(res.code, res.stderr).toBe(0)
  return new RegExp(`^\\| ${id} \\| cached `, 'm').test(res.stdout)
}

/** Glance caches a queued image in the background: wait until it shows as cached. */
async function waitUntilCached(id: string): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    if (await isCached(id)) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`image ${id} was never cached`)
}

describe('as admin', () => {
  let id = ''
  beforeAll(async () => {
    id = await images.create('cached', DATA_ARGS, { user: 'admin' })
  })

  it('cache-queue: no output, exit 0, and the image gets cached', async () => {
    const pair = expectParity(await runBoth(['cache-queue', id], { user: 'admin' }), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toBe('')
    await waitUntilCached(id)
  })

  it('cache-list: the centred cache table (same server state, byte for byte)', async () => {
    const pair = expectParity(await runBothSettled(['cache-list'], { user: 'admin' }), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toMatch(/^\| +ID +\| State  \| +Last Accessed \(UTC\) +\|/m)
    expect(pair.tsglance.stdout).toMatch(new RegExp(`^\\| ${id} \\| cached \\| .* \\| +3000 +\\|`, 'm'))
  })

  it('cache-delete: tsglance removes the image from the cache', async () => {
    const res = await tsglance(['cache-delete', id], { env: openrc('admin') })
    expect(res).toMatchObject({ code: 0, stdout: '', stderr: '' })
    expect(await isCached(id)).toBe(false)
  })

  it('cache-delete of an image not cached: accepted by the server, no output', async () => {
    expectParity(await runBoth(['cache-delete', id, randomUUID()], { user: 'admin' }), { code: 0, masked: false })
  })

  it('cache-queue of unknown images: one message per id, exit 0', async () => {
    const unknown = [randomUUID(), randomUUID()]
    const pair = expectParity(await runBoth(['cache-queue', ...unknown], { user: 'admin' }), { code: 0, masked: false })
    expect(pair.tsglance.stderr).toBe(unknown.map((u) => `'HTTP 404 Not Found: Image ${u} not found.': Unable to queue image '${u}' for caching.\n`).join(''))
  })

  it('cache-clear --target queue: no output, exit 0', async () => {
    expectParity(await runBoth(['cache-clear', '--target', 'queue'], { user: 'admin' }), { code: 0, masked: false })
  })
})

describe('as a non-admin (policy refuses)', () => {
  let id = ''
  beforeAll(async () => {
    id = await images.create('refused', DATA_ARGS)
  })

  it('cache-list: exit 1 with the policy message', async () => {
    const pair = expectParity(await runBoth(['cache-list']), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('HTTP 403 Forbidden: You are not authorized to complete cache_list action.\n')
  })

  it('cache-queue: glance\'s "not permitted" line, exit 0', async () => {
    const pair = expectParity(await runBoth(['cache-queue', id]), { code: 0, masked: false })
    expect(pair.tsglance.stderr).toBe(`You are not permitted to queue the image '${id}' for caching.\n`)
  })

  it('cache-delete: glance\'s "not permitted" line, exit 0', async () => {
    const pair = expectParity(await runBoth(['cache-delete', id]), { code: 0, masked: false })
    expect(pair.tsglance.stderr).toBe(`You are not permitted to delete the image '${id}' from cache.\n`)
  })

  it.each(['both', 'cache', 'queue'])('cache-clear --target %s: "not permitted", exit 0', async (target) => {
    const pair = expectParity(await runBoth(['cache-clear', '--target', target]), { code: 0, masked: false })
    expect(pair.tsglance.stderr).toBe('You are not permitted to delete image(s) from cache.\n')
  })

  it('cache-clear with the default target', async () => {
    expectParity(await runBoth(['cache-clear']), { code: 0, masked: false })
  })
})

describe('usage errors (exit 2)', () => {
  it.each([[['cache-queue']], [['cache-delete']], [['cache-clear', '--target', 'everything']], [['cache-list', 'extra']]])('%j', async (args) => {
    expectParity(await runBoth(args), { code: 2, stderr: 'ignore', masked: false })
  })
})

/** A stand-in Glance: `/versions` up to v2.<newest>, and the cache API answered from `cache`. */
function fakeGlance(newest: number, cache: unknown): Server {
  const versions = Array.from({ length: newest + 1 }, (_, minor) => ({ id: `v2.${minor}`, status: minor === newest ? 'CURRENT' : 'SUPPORTED', links: [] })).reverse()
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' })
      res.end(body === undefined ? undefined : JSON.stringify(body))
    }
    req.resume()
    if (req.method === 'GET' && req.url === '/versions') return send(200, { versions })
    if (req.method === 'GET' && req.url === '/v2/cache') return send(200, cache)
    if (req.method === 'PUT' && req.url?.startsWith('/v2/cache/')) return send(202)
    if (req.method === 'DELETE' && req.url?.startsWith('/v2/cache')) return send(204)
    return send(404, { error: { message: 'The resource could not be found.' } })
  })
}

/** Both tools against a fake Glance: token + URL (no Keystone), each run with a fresh HOME. */
async function runBothOn(server: Server, args: string[]): Promise<Pair> {
  const { port } = server.address() as AddressInfo
  const env = () => ({ OS_AUTH_TOKEN: 'fake-token', OS_IMAGE_URL: `http://127.0.0.1:${port}`, OS_IMAGE_API_VERSION: '2', HOME: privateHome() })
  return { glance: await glance(args, { env: env() }), tsglance: await tsglance(args, { env: env() }) }
}

async function listening(server: Server): Promise<Server> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

describe('on a fake Glance', () => {
  const state = {
    cached_images: [
      { image_id: 'b7f3c1de-0000-4000-8000-000000000001', hits: 12, last_accessed: 1795618580.0924995, last_modified: 1795618575.3388813, size: 268435456 },
      { image_id: 'b7f3c1de-0000-4000-8000-000000000002', hits: 0, last_accessed: 0, last_modified: 1700000000, size: 1 },
    ],
    queued_images: ['b7f3c1de-0000-4000-8000-000000000003', 'b7f3c1de-0000-4000-8000-000000000004'],
  }
  let current: Server
  let old: Server
  beforeAll(async () => {
    current = await listening(fakeGlance(16, state))
    old = await listening(fakeGlance(13, state))
  })
  afterAll(() => {
    current.close()
    old.close()
  })

  it('cache-list of cached, never-read and queued images', async () => {
    const pair = expectParity(await runBothOn(current, ['cache-list']), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toContain('| b7f3c1de-0000-4000-8000-000000000002 | cached |            N/A             |')
    expect(pair.tsglance.stdout).toContain('| b7f3c1de-0000-4000-8000-000000000004 | queued |            N/A             |')
  })

  it('an empty cache', async () => {
    const empty = await listening(fakeGlance(16, { cached_images: [], queued_images: [] }))
    try {
      expectParity(await runBothOn(empty, ['cache-list']), { code: 0, masked: false })
    } finally {
      empty.close()
    }
  })

  it('a server older than v2.14: cache-list fails with glanceclient\'s message', async () => {
    const pair = expectParity(await runBothOn(old, ['cache-list']), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('HTTP Glance does not support image caching API (v2.14)\n')
  })

  it('a server older than v2.14: cache-queue / cache-delete report each id, exit 0', async () => {
    const pair = expectParity(await runBothOn(old, ['cache-queue', 'a', 'b']), { code: 0, masked: false })
    expect(pair.tsglance.stderr).toBe(
      ["'HTTP Glance does not support image caching API (v2.14)': Unable to queue image 'a' for caching.", "'HTTP Glance does not support image caching API (v2.14)': Unable to queue image 'b' for caching.", ''].join('\n'),
    )
    expectParity(await runBothOn(old, ['cache-delete', 'a']), { code: 0, masked: false })
  })

  it('a server older than v2.14: cache-clear reports, exit 0', async () => {
    const pair = expectParity(await runBothOn(old, ['cache-clear', '--target', 'cache']), { code: 0, masked: false })
    expect(pair.tsglance.stderr).toBe("'HTTP Glance does not support image caching API (v2.14)': Unable to delete image(s) from cache.\n")
  })

  it('a v2.14 server: queue, delete and clear succeed silently', async () => {
    for (const args of [['cache-queue', 'a'], ['cache-delete', 'a'], ['cache-clear']]) {
      const pair = expectParity(await runBothOn(current, args), { code: 0, masked: false })
      expect(pair.tsglance.stdout + pair.tsglance.stderr).toBe('')
    }
  })
})
