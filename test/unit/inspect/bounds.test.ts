import { mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { finished } from 'node:stream/promises'

import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { DEFAULT_MAX_BYTES, ImageInspectionError, inspectImage } from '../../../src/sdk/index.js'
import { CountingReader, FIXTURE_NAMES, fixture, gptDisk, iso9660, vmdkWithFooter } from './support.js'

const MiB = 1024 * 1024
const GiB = 1024 * MiB

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsglance-inspect-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A sparse file of `size` bytes holding `start` at offset 0 and `end` at its end. */
async function sparseFile(name: string, size: number, start: Uint8Array, end: Uint8Array = new Uint8Array(0)): Promise<string> {
  const path = join(dir, name)
  const handle = await open(path, 'w')
  try {
    await handle.truncate(size)
    await handle.write(start, 0, start.length, 0)
    await handle.write(end, 0, end.length, size - end.length)
  } finally {
    await handle.close()
  }
  return path
}

describe('files are read at offsets, never whole', () => {
  test('an 8 GiB qcow2 costs its head only', async () => {
    const path = await sparseFile('big.qcow2', 8 * GiB, fixture('qcow2-v3'))
    const report = await inspectImage(path)
    expect(report).toMatchObject({ format: 'qcow2', size: 8 * GiB, findings: [] })
    expect(report.bytesRead).toBeLessThanOrEqual(DEFAULT_MAX_BYTES)
  })

  test('a fixed VHD of 4 GiB is found by its footer at the end', async () => {
    const fixed = fixture('vhd-fixed')
    const path = await sparseFile('fixed.vhd', 4 * GiB, Buffer.alloc(0), fixed.subarray(fixed.length - 512))
    const report = await inspectImage(path)
    expect(report).toMatchObject({ format: 'vhd', virtualSize: 1079296, findings: [] })
    expect(report.bytesRead).toBeLessThan(128 * 1024)
  })

  test('a streamOptimized footer at the end of a 2 GiB file is checked', async () => {
    const image = vmdkWithFooter()
    const tail = image.subarray(image.length - 1536)
    const path = await sparseFile('stream.vmdk', 2 * GiB, image.subarray(0, image.length - 1536), tail)
    const report = await inspectImage(path)
    expect(report).toMatchObject({ format: 'vmdk', findings: [], skipped: [] })
    expect(report.bytesRead).toBeLessThan(256 * 1024)
  })

  test('an ISO of 1 GiB is read at 32 KiB, not through', async () => {
    const path = await sparseFile('big.iso', GiB, iso9660(64))
    const report = await inspectImage(path)
    expect(report.format).toBe('iso')
    expect(report.bytesRead).toBeLessThan(256 * 1024)
  })

  test('a missing file is an inspection error, not a crash', async () => {
    await expect(inspectImage(join(dir, 'nope.img'))).rejects.toThrow(ImageInspectionError)
    await expect(inspectImage(dir)).rejects.toThrow(/not a regular file/)
  })
})

describe('the bound holds for every source', () => {
  const images = [...FIXTURE_NAMES.map((n) => [n, fixture(n)] as const), ['gpt', gptDisk()] as const, ['iso', iso9660()] as const]

  test.each(images)('%s: reads stay inside the source and under the bound', async (_, image) => {
    for (const maxBytes of [512, 4096, 65536, 300 * 1024, DEFAULT_MAX_BYTES]) {
      const reader = new CountingReader(image)
      const report = await inspectImage(reader, { maxBytes })
      expect(reader.total).toBeLessThanOrEqual(maxBytes)
      expect(report.bytesRead).toBe(reader.total)
      for (const r of reader.reads) expect(r.position + r.length).toBeLessThanOrEqual(image.length)
    }
  })

  test('a bound too small for a format is a finding, not a silent pass', async () => {
    const report = await inspectImage(fixture('vhdx'), { maxBytes: 4096 })
    expect(report.format).toBe('vhdx')
    expect(report.findings.map((f) => f.code)).toEqual(['read-limit'])
  })

  test.each([0, 100, -1, 1.5, Number.NaN])('maxBytes %s is refused', async (maxBytes) => {
    await expect(inspectImage(fixture('raw'), { maxBytes })).rejects.toThrow(ImageInspectionError)
  })

  test.each([null, 42, {}])('%s is not an image source', async (source) => {
    await expect(inspectImage(source as never)).rejects.toThrow(ImageInspectionError)
  })

  test('a reader that fails is an inspection error', async () => {
    const broken = { size: 1000, read: async () => Promise.reject(new Error('EIO')) }
    await expect(inspectImage(broken)).rejects.toThrow(/cannot read the image: EIO/)
  })
})

/** Chunks of `bytes` as a stream would deliver them, counting what was pulled. */
function chunked(bytes: Buffer, size: number): { stream: Readable; pulled: () => number } {
  let pulled = 0
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += size) {
      const chunk = bytes.subarray(at, at + size)
      pulled += chunk.length
      yield chunk
    }
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), pulled: () => pulled }
}

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of stream) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

describe('streams are inspected by their head and replayed whole', () => {
  test('a long qcow2 stream: only the head is pulled, and the replay is byte-identical', async () => {
    const image = Buffer.concat([fixture('qcow2-backing'), Buffer.alloc(12 * MiB, 7)])
    const source = chunked(image, 64 * 1024)
    const { report, stream } = await inspectImage(source.stream, { maxBytes: MiB })
    expect(report).toMatchObject({ format: 'qcow2', size: undefined })
    expect(report.findings.map((f) => f.code)).toEqual(['qcow2-backing-file'])
    expect(source.pulled()).toBeLessThanOrEqual(MiB + 64 * 1024)
    expect((await collect(stream)).equals(image)).toBe(true)
  })

  test('a stream shorter than the bound is seen whole, end checks included', async () => {
    const image = vmdkWithFooter()
    const { report, stream } = await inspectImage(chunked(image, 1000).stream)
    expect(report).toMatchObject({ format: 'vmdk', size: image.length, findings: [], skipped: [] })
    expect((await collect(stream)).equals(image)).toBe(true)
  })

  test('end-of-stream checks beyond the head are reported as skipped', async () => {
    const image = vmdkWithFooter()
    const padded = Buffer.concat([image.subarray(0, 65536), Buffer.alloc(2 * MiB), image.subarray(65536)])
    const { report } = await inspectImage(chunked(padded, 4096).stream, { maxBytes: 128 * 1024 })
    expect(report.format).toBe('vmdk')
    expect(report.skipped).toContainEqual(expect.objectContaining({ format: 'vmdk', check: 'vmdk-footer' }))
    expect(report.skipped).toContainEqual(expect.objectContaining({ format: 'vhd', check: 'vhd-fixed-footer' }))
  })

  test('an async iterable of strings and Uint8Arrays works too', async () => {
    async function* parts() {
      yield 'QFI'
      yield new Uint8Array([0xfb])
      yield fixture('qcow2-v3').subarray(4)
    }
    const { report, stream } = await inspectImage(parts())
    expect(report.format).toBe('qcow2')
    expect((await collect(stream)).equals(fixture('qcow2-v3'))).toBe(true)
  })

  test('a failing stream is an inspection error', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(10)
      throw new Error('connection reset')
    }
    await expect(inspectImage(failing())).rejects.toThrow(/cannot read the image stream: connection reset/)
  })

  test('stopping the replay early releases the source', async () => {
    let released = false
    async function* endless(): AsyncGenerator<Buffer> {
      try {
        for (;;) yield Buffer.alloc(64 * 1024)
      } finally {
        released = true
      }
    }
    const { stream } = await inspectImage(endless(), { maxBytes: 128 * 1024 })
    for await (const _ of stream) break
    await finished(stream).catch(() => undefined)
    expect(released).toBe(true)
  })
})

describe('every source kind sees the same image', () => {
  test.each(FIXTURE_NAMES)('%s: path, buffer and stream agree', async (name) => {
    const image = fixture(name)
    const path = join(dir, `${name}.img`)
    await writeFile(path, image)
    const fromBuffer = await inspectImage(image)
    expect(await inspectImage(path)).toEqual(fromBuffer)
    const { report } = await inspectImage(chunked(image, 4096).stream, { maxBytes: 16 * MiB })
    expect({ ...report, bytesRead: 0 }).toEqual({ ...fromBuffer, bytesRead: 0 })
  })
})
