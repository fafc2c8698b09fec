import { readFileSync } from 'node:fs'
import { gunzipSync, crc32 } from 'node:zlib'

import type { ImageReader } from '../../../src/sdk/inspect/index.js'

const FIXTURES = new URL('../../fixtures/images/', import.meta.url)

/** A qemu-img made image from test/fixtures/images (see make.sh there). */
export function fixture(name: string): Buffer {
  return gunzipSync(readFileSync(new URL(`${name}.img.gz`, FIXTURES)))
}

export const FIXTURE_NAMES = [
  'raw',
  'qcow2-v2',
  'qcow2-v3',
  'qcow2-backing',
  'qcow2-datafile',
  'qed',
  'luks-head',
  'vmdk-sparse',
  'vmdk-stream',
  'vmdk-flat-descriptor',
  'vhd-dynamic',
  'vhd-fixed',
  'vhdx',
  'vdi',
] as const

/** A reader over bytes that records every read, to hold the inspector to its bound. */
export class CountingReader implements ImageReader {
  readonly reads: { position: number; length: number }[] = []

  constructor(
    private readonly bytes: Uint8Array,
    readonly size: number | undefined = bytes.length,
  ) {}

  get total(): number {
    return this.reads.reduce((sum, r) => sum + r.length, 0)
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    this.reads.push({ position, length })
    return this.bytes.subarray(position, position + length)
  }
}

const SECTOR = 512
const ISO_SECTOR = 2048

function isoDescriptor(type: number, id: string): Buffer {
  const d = Buffer.alloc(ISO_SECTOR)
  d[0] = type
  d.write(id, 1, 'latin1')
  d[6] = 1
  return d
}

/** An ISO 9660 image per ECMA-119: 16 system sectors, a primary volume descriptor, a terminator. */
export function iso9660(blocks = 40): Buffer {
  const image = Buffer.alloc(blocks * ISO_SECTOR)
  const pvd = isoDescriptor(1, 'CD001')
  pvd.writeUInt32LE(blocks, 80)
  pvd.writeUInt32BE(blocks, 84)
  pvd.writeUInt16LE(ISO_SECTOR, 128)
  pvd.writeUInt16BE(ISO_SECTOR, 130)
  pvd.copy(image, 16 * ISO_SECTOR)
  isoDescriptor(255, 'CD001').copy(image, 17 * ISO_SECTOR)
  return image
}

/** A UDF volume recognition sequence per ECMA-167: BEA01, NSR03, TEA01 from sector 16. */
export function udf(blocks = 40): Buffer {
  const image = Buffer.alloc(blocks * ISO_SECTOR)
  ;['BEA01', 'NSR03', 'TEA01'].forEach((id, i) => isoDescriptor(0, id).copy(image, (16 + i) * ISO_SECTOR))
  return image
}

export interface MbrEntry {
  boot?: number
  type: number
  start: number
  sectors: number
  chs?: [number, number, number]
}

/** Writes a classic MBR (four 16-byte entries at 446, 0x55AA at 510) into `image`. */
export function writeMbr(image: Buffer, entries: MbrEntry[]): Buffer {
  entries.forEach((e, i) => {
    const at = 446 + i * 16
    image[at] = e.boot ?? 0
    Buffer.from(e.chs ?? [0, 0, 0]).copy(image, at + 1)
    image[at + 4] = e.type
    image.writeUInt32LE(e.start, at + 8)
    image.writeUInt32LE(e.sectors, at + 12)
  })
  image.writeUInt16LE(0xaa55, 510)
  return image
}

/** A disk partitioned the DOS way: one Linux partition. */
export function mbrDisk(sectors = 256): Buffer {
  return writeMbr(Buffer.alloc(sectors * SECTOR), [{ boot: 0x80, type: 0x83, start: 2, sectors: sectors - 2 }])
}

/**
 * A GPT disk per UEFI 2.x: protective MBR, header in LBA 1 with both CRC32s,
 * 128 entries of 128 bytes from LBA 2, one partition.
 */
export function gptDisk(sectors = 256): Buffer {
  const image = writeMbr(Buffer.alloc(sectors * SECTOR), [{ type: 0xee, start: 1, sectors: sectors - 1, chs: [0, 2, 0] }])
  const count = 128
  const entries = Buffer.alloc(count * 128)
  Buffer.from('0FC63DAF848347728E793D69D8477DE4', 'hex').copy(entries, 0)
  entries.writeBigUInt64LE(34n, 32)
  entries.writeBigUInt64LE(BigInt(sectors - 34), 40)
  const header = Buffer.alloc(92)
  header.write('EFI PART', 0, 'latin1')
  header.writeUInt32LE(0x10000, 8)
  header.writeUInt32LE(92, 12)
  header.writeBigUInt64LE(1n, 24)
  header.writeBigUInt64LE(BigInt(sectors - 1), 32)
  header.writeBigUInt64LE(34n, 40)
  header.writeBigUInt64LE(BigInt(sectors - 34), 48)
  header.writeBigUInt64LE(2n, 72)
  header.writeUInt32LE(count, 80)
  header.writeUInt32LE(128, 84)
  header.writeUInt32LE(crc32(entries), 88)
  header.writeUInt32LE(crc32(header), 16)
  header.copy(image, SECTOR)
  entries.copy(image, 2 * SECTOR)
  return image
}

/** Deterministic PRNG (mulberry32) so a failing fuzz case can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A streamOptimized vmdk the way VMware writes it (qemu-img does not): the
 * header's grain directory offset says "at end", and the image ends with a
 * footer marker, a copy of the header holding the real offset, and an
 * end-of-stream marker.
 */
export function vmdkWithFooter(): Buffer {
  const image = fixture('vmdk-stream')
  const header = Buffer.from(image.subarray(0, SECTOR))
  image.writeBigUInt64LE(0xffffffffffffffffn, 56)
  const footerMarker = Buffer.alloc(SECTOR)
  footerMarker.writeBigUInt64LE(1n, 0)
  footerMarker.writeUInt32LE(3, 12)
  return Buffer.concat([image, footerMarker, header, Buffer.alloc(SECTOR)])
}
