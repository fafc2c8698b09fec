import { describe, expect, test } from 'vitest'

import { inspectImage } from '../../../src/sdk/index.js'
import { CountingReader, FIXTURE_NAMES, fixture, gptDisk, iso9660, mbrDisk, random, udf, vmdkWithFooter } from './support.js'

const MAX_BYTES = 1024 * 1024
const MUTATIONS_PER_IMAGE = 500
const RANDOM_HEADERS = 1500

/** Signatures planted at their offsets so random bytes reach each format's deeper checks. */
const MAGICS: [number, string][] = [
  [0, 'QFI\xfb'],
  [0, 'QED\0'],
  [0, 'LUKS\xba\xbe'],
  [0, 'KDMV'],
  [0, 'vhdxfile'],
  [0, 'conectix'],
  [0x40, '\x7f\x10\xda\xbe'],
  [32769, 'CD001'],
  [32769, 'BEA01'],
  [510, '\x55\xaa'],
  [0, '# Disk DescriptorFile\ncreateType="monolithicSparse"\n'],
]

/**
 * The buffer never fails to read, so any error at all (even our own
 * ImageInspectionError) would mean content made the inspector throw: content
 * problems must be findings. Reads stay inside the bound and the source.
 */
async function survive(bytes: Buffer, label: string): Promise<void> {
  const reader = new CountingReader(bytes)
  const report = await inspectImage(reader, { maxBytes: MAX_BYTES }).catch((error: Error) => {
    throw new Error(`${label}: ${error.stack}`)
  })
  expect(report.bytesRead, label).toBeLessThanOrEqual(MAX_BYTES)
  expect(reader.total, label).toBe(report.bytesRead)
  for (const r of reader.reads) expect(r.position + r.length, label).toBeLessThanOrEqual(bytes.length)
}

describe('fuzz (deterministic seeds; a failure names its case)', () => {
  const seeds = [
    ...FIXTURE_NAMES.map((name) => [name, fixture(name)] as const),
    ['vmdk-footer', vmdkWithFooter()] as const,
    ['iso9660', iso9660()] as const,
    ['udf', udf()] as const,
    ['gpt', gptDisk()] as const,
    ['mbr', mbrDisk()] as const,
  ]

  test.each(seeds)('%s: mutations of the bytes the inspector reads', async (name, original) => {
    // Mutating what a clean inspection looked at reaches every field a probe trusts.
    const clean = new CountingReader(original)
    await inspectImage(clean, { maxBytes: MAX_BYTES })
    const hot = clean.reads.filter((r) => r.length > 0)
    const next = random(name.length * 7919 + original.length)
    const image = Buffer.from(original)
    for (let i = 0; i < MUTATIONS_PER_IMAGE; i++) {
      const changed: number[] = []
      for (let n = 1 + Math.floor(next() * 8); n > 0; n--) {
        const region = hot[Math.floor(next() * hot.length)]
        // Favour the first bytes of a region: headers keep offsets and sizes there.
        const span = Math.min(next() < 0.8 ? 256 : region.length, region.length, original.length - region.position)
        const at = region.position + Math.floor(next() * span)
        if (at >= image.length) continue
        changed.push(at)
        const r = next()
        image[at] = r < 0.3 ? 0xff : r < 0.5 ? 0 : Math.floor(next() * 256)
      }
      const cut = next() < 0.15 ? Math.floor(next() * image.length) : image.length
      await survive(image.subarray(0, cut), `${name} case ${i} (bytes ${changed.join(',')}, cut ${cut})`)
      for (const at of changed) image[at] = original[at]
    }
  })

  test(`${RANDOM_HEADERS} random headers behind every signature`, async () => {
    const next = random(20261208)
    for (let i = 0; i < RANDOM_HEADERS; i++) {
      const length = Math.floor(next() ** 2 * 300 * 1024)
      const image = Buffer.alloc(length)
      for (let b = 0; b < Math.min(length, 8192); b++) image[b] = Math.floor(next() * 256)
      // Sprinkle random bytes where the far structures live (vhdx tables, ISO descriptors).
      for (let b = 0; b < 64; b++) {
        const at = Math.floor(next() * length)
        if (at < length) image[at] = Math.floor(next() * 256)
      }
      const [offset, magic] = MAGICS[i % MAGICS.length]
      if (offset + magic.length <= length) image.write(magic, offset, 'latin1')
      await survive(image, `random case ${i} (length ${length}, magic ${JSON.stringify(magic)})`)
    }
  })
})
