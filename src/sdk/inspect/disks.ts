import { crc32 } from 'node:zlib'

import type { Examination, Probe } from './probe.js'
import { Malformed, ascii, u64, view } from './window.js'
import type { Window } from './window.js'

const ISO_SECTOR = 2048
/** ISO 9660 and UDF leave 16 sectors (32 KiB) to the system before their descriptors. */
const ISO_DESCRIPTORS = 16 * ISO_SECTOR
/** Volume descriptors scanned before giving up on a terminator. */
const ISO_MAX_DESCRIPTORS = 32
const ISO_IDS = new Set(['CD001', 'BEA01', 'NSR02', 'NSR03', 'TEA01', 'BOOT2', 'CDW02'])

async function isoDescriptorId(window: Window, index: number): Promise<string> {
  return ascii(await window.read(ISO_DESCRIPTORS + index * ISO_SECTOR + 1, 5))
}

export const iso: Probe = {
  format: 'iso',
  async detect(window) {
    const id = await isoDescriptorId(window, 0)
    return id === 'CD001' || id === 'BEA01' || id === 'NSR02' || id === 'NSR03'
  },
  async examine(window, result) {
    for (let i = 0; i < ISO_MAX_DESCRIPTORS; i++) {
      const descriptor = await window.read(ISO_DESCRIPTORS + i * ISO_SECTOR, ISO_SECTOR)
      const id = ascii(descriptor, 1, 5)
      if (!ISO_IDS.has(id) || descriptor.length < ISO_SECTOR) return
      if (id.startsWith('NSR')) result.details.udf = id
      if (id === 'TEA01') return
      if (id !== 'CD001') continue
      const type = descriptor[0]
      if (type === 255) return
      if (type === 1 && result.virtualSize === undefined) {
        const fields = view(descriptor)
        result.virtualSize = fields.getUint32(80, true) * fields.getUint16(128, true)
      }
    }
  },
}

const MBR = 512
const PROTECTIVE = 0xee
const FAT_MEDIA = 0xf8

interface Partition {
  index: number
  boot: number
  type: number
  chs: [number, number, number]
  start: number
  sectors: number
}

/** The boot sector of a disk with a partition table (a FAT volume's boot sector carries the same signature). */
async function partitions(window: Window): Promise<Partition[] | undefined> {
  const sector = await window.read(0, MBR)
  if (sector.length < MBR || view(sector).getUint16(510, true) !== 0xaa55) return undefined
  if (sector[0x10] === 2 && sector[0x15] === FAT_MEDIA) return undefined
  return [0, 1, 2, 3].map((index) => {
    const at = 446 + index * 16
    const fields = view(sector)
    return {
      index,
      boot: sector[at],
      chs: [sector[at + 1], sector[at + 2], sector[at + 3]],
      type: sector[at + 4],
      start: fields.getUint32(at + 8, true),
      sectors: fields.getUint32(at + 12, true),
    }
  })
}

function isProtective(table: Partition[]): boolean {
  return table.some((p) => p.type === PROTECTIVE)
}

/** Problems of the MBR itself, oslo's rules plus overlapping partitions. */
function mbrProblem(table: Partition[]): string | undefined {
  const bad = table.find((p) => p.boot !== 0 && p.boot !== 0x80)
  if (bad) return `MBR partition ${bad.index} has an invalid boot flag`
  const used = table.filter((p) => p.type !== 0)
  if (used.length === 0) return 'MBR defines no partitions'
  if (isProtective(table)) {
    const guard = table[0]
    if (used.length !== 1 || guard.type !== PROTECTIVE) return 'protective MBR defines extra partitions'
    if (guard.chs.join() !== '0,2,0') return 'protective MBR has an invalid start CHS'
    if (guard.start !== 1) return 'protective MBR has an invalid start LBA'
    return undefined
  }
  for (const a of used) {
    for (const b of used) {
      if (a.index < b.index && a.start < b.start + b.sectors && b.start < a.start + a.sectors) {
        return `MBR partitions ${a.index} and ${b.index} overlap`
      }
    }
  }
  return undefined
}

export const mbr: Probe = {
  format: 'mbr',
  async detect(window) {
    const table = await partitions(window)
    return table !== undefined && !isProtective(table)
  },
  async examine(window, result) {
    const problem = mbrProblem((await partitions(window))!)
    if (problem) result.find('mbr-invalid', problem)
  },
}

const GPT_HEADER_MIN = 92
/** The UEFI minimum is 16 KiB of entries; anything past 1 MiB is not a real table. */
const GPT_ENTRIES_MAX = 1024 * 1024

export const gpt: Probe = {
  format: 'gpt',
  async detect(window) {
    const table = await partitions(window)
    return table !== undefined && isProtective(table)
  },
  async examine(window, result) {
    const problem = mbrProblem((await partitions(window))!)
    if (problem) return result.find('gpt-invalid', problem)
    // The header sits in LBA 1, whose size is the logical sector size.
    for (const sector of [512, 4096]) {
      const header = await window.read(sector, sector)
      if (ascii(header, 0, 8) === 'EFI PART') return checkGptHeader(window, header, sector, result)
    }
    result.find('gpt-invalid', 'GPT header is missing')
  },
}

async function checkGptHeader(window: Window, header: Uint8Array, sector: number, result: Examination): Promise<void> {
  const fields = view(header)
  const size = fields.getUint32(12, true)
  if (size < GPT_HEADER_MIN || size > header.length) return result.find('gpt-invalid', `GPT header size ${size} is invalid`)
  const copy = Uint8Array.from(header.subarray(0, size))
  copy.fill(0, 16, 20)
  if (crc32(copy) !== fields.getUint32(16, true)) return result.find('gpt-invalid', 'GPT header checksum is wrong')
  if (u64(header, 24, true, 'GPT header LBA') !== 1) return result.find('gpt-invalid', 'GPT header is not in LBA 1')
  const count = fields.getUint32(80, true)
  const entrySize = fields.getUint32(84, true)
  if (entrySize < 128 || entrySize % 128 !== 0 || count * entrySize > GPT_ENTRIES_MAX) {
    return result.find('gpt-invalid', `GPT partition array of ${count} x ${entrySize} bytes is invalid`)
  }
  const entries = await window.read(u64(header, 72, true, 'GPT partition array LBA') * sector, count * entrySize)
  if (entries.length < count * entrySize) throw new Malformed('GPT partition array is truncated')
  if (crc32(entries) !== fields.getUint32(88, true)) result.find('gpt-invalid', 'GPT partition array checksum is wrong')
}

const VDI_SIGNATURE = 0xbeda107f

export const vdi: Probe = {
  format: 'vdi',
  async detect(window) {
    const header = await window.read(0, 0x44)
    return header.length === 0x44 && view(header).getUint32(0x40, true) === VDI_SIGNATURE
  },
  async examine(window, result) {
    result.virtualSize = u64(await window.exact(0x170, 8, 'vdi header'), 0, true, 'vdi size')
  },
}
