/**
 * The SDK's one-call shapes against the real stack (decision 0021):
 * `images.publish` (upload, glance-direct import, and the cleanup of an
 * aborted publish), `images.patch` (one request, as given), the list
 * filters glance's CLI has no flags for, and typed custom properties.
 */
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GlanceClient, customProperties, type PublishCleanup } from 'tsglance'
import { recordingClient } from './support/sdk-client.js'
import { requireStack } from './support/stack.js'

requireStack()

const runTag = `sdk-publish-${process.pid}-${Date.now()}`
const FORMATS = { disk_format: 'raw', container_format: 'bare' } as const
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex')

let glance: GlanceClient
const requests: string[] = []
const made: string[] = []

beforeAll(() => {
  glance = recordingClient('demo', requests)
})

afterAll(async () => {
  for (const id of made) await glance.images.delete(id).catch(() => undefined)
  await glance.close()
})

/** Requests sent while `action` ran, as `METHOD path`. */
async function sent<T>(action: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const from = requests.length
  const result = await action()
  const lines = requests
    .slice(from)
    .map((line) => {
      const [, method, url] = /-X (\S+) (\S+)/.exec(line) ?? []
      return `${method} ${new URL(url).pathname}`
    })
    // Keystone's token request comes with whichever call is first.
    .filter((line) => !line.includes('/v3/auth/tokens'))
  return { result, lines }
}

describe('images.publish on the stack', () => {
  it('upload: one call creates, uploads and returns the active image with the bytes Glance hashed', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 5)
    const { result: image, lines } = await sent(() => glance.images.publish({ name: `${runTag}-upload`, ...FORMATS }, data))
    made.push(image.id)
    expect(image).toMatchObject({ status: 'active', size: data.length, checksum: md5(data) })
    expect(lines).toEqual(['POST /v2/images', `PUT /v2/images/${image.id}/file`, `GET /v2/images/${image.id}`])
  })

  it('glance-direct: staged, imported and waited for until active', async () => {
    const data = randomBytes(1024 * 1024)
    const image = await glance.images.publish({ name: `${runTag}-import`, ...FORMATS }, data, { method: 'glance-direct', intervalMs: 250 })
    made.push(image.id)
    expect(image).toMatchObject({ status: 'active', size: data.length, checksum: md5(data) })
  })

  it('aborted mid-upload: rejects with the signal\'s reason and leaves no image behind', async () => {
    const name = `${runTag}-aborted`
    const controller = new AbortController()
    const reason = new Error('publish cancelled by the test')
    const cleanups: PublishCleanup[] = []
    const publishing = glance.images.publish({ name, ...FORMATS }, randomBytes(64 * 1024 * 1024), {
      signal: controller.signal,
      onProgress: ({ transferred }) => transferred > 4 * 1024 * 1024 && controller.abort(reason),
      onCleanup: (cleanup) => cleanups.push(cleanup),
    })
    await expect(publishing).rejects.toBe(reason)
    expect(cleanups).toHaveLength(1)
    expect(cleanups[0]).toMatchObject({ step: 'upload', deleted: true })
    expect(await glance.images.list({ name }).toArray()).toEqual([])
  })
})

describe('images.patch and typed properties on the stack', () => {
  it('sends the operations as given in one PATCH; the custom properties read back typed', async () => {
    const image = await glance.images.create({ name: `${runTag}-patch`, ...FORMATS, os_distro: 'debian', hw_disk_bus: 'scsi' })
    made.push(image.id)
    const { result: patched, lines } = await sent(() =>
      glance.images.patch(image.id, [
        { op: 'replace', path: '/os_distro', value: 'ubuntu' },
        { op: 'remove', path: '/hw_disk_bus' },
        { op: 'add', path: '/tags', value: ['a', 'b'] },
      ]),
    )
    expect(lines).toEqual([`PATCH /v2/images/${image.id}`])
    expect(patched.tags.sort()).toEqual(['a', 'b'])
    const read = await glance.images.get<{ os_distro?: string; hw_disk_bus?: string }>(image.id)
    expect(read.os_distro).toBe('ubuntu')
    expect(read.hw_disk_bus).toBeUndefined()
    expect(customProperties(read)).toEqual({ os_distro: 'ubuntu' })
  })
})

describe('images.list filters on the stack', () => {
  it('name, status, sizes, formats and creation time select what Glance selects', async () => {
    const small = await glance.images.publish({ name: `${runTag}-filter`, ...FORMATS }, randomBytes(1000))
    const big = await glance.images.publish({ name: `${runTag}-filter`, disk_format: 'qcow2', container_format: 'bare' }, randomBytes(5000))
    const queued = await glance.images.create({ name: `${runTag}-filter`, ...FORMATS })
    made.push(small.id, big.id, queued.id)
    const ids = async (options: Parameters<typeof glance.images.list>[0]) =>
      (await glance.images.list({ name: `${runTag}-filter`, ...options }).toArray()).map((i) => i.id).sort()

    expect(await ids({})).toEqual([small.id, big.id, queued.id].sort())
    expect(await ids({ status: 'queued' })).toEqual([queued.id])
    expect(await ids({ sizeMin: 2000 })).toEqual([big.id])
    expect(await ids({ sizeMax: 2000 })).toEqual([small.id])
    expect(await ids({ diskFormat: 'qcow2' })).toEqual([big.id])
    expect(await ids({ ids: [small.id, queued.id] })).toEqual([small.id, queued.id].sort())
    expect(await ids({ createdAt: { op: 'gte', value: new Date(Date.parse(small.created_at) - 60_000) } })).toHaveLength(3)
    expect(await ids({ createdAt: { op: 'lt', value: new Date(Date.parse(small.created_at) - 60_000) } })).toEqual([])
  })
})
