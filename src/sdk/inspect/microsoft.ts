import type { Examination, Probe } from './probe.js'
import { Malformed, ascii, u64, view } from './window.js'
import type { Window } from './window.js'

const VHD_FOOTER = 512
const VHD_COOKIE = 'conectix'
const VHD_DIFFERENCING = 4

/** A dynamic VHD copies its footer to the start; a fixed one has it only at the end. */
async function vhdFooter(window: Window, result: Examination): Promise<Uint8Array | undefined> {
  const head = await window.read(0, VHD_FOOTER)
  if (ascii(head, 0, 8) === VHD_COOKIE) return head
  const tail = await window.tail(VHD_FOOTER)
  if (tail && ascii(tail, 0, 8) === VHD_COOKIE) return tail
  if (window.size === undefined) result.skip('vhd-fixed-footer', 'the end of the stream is beyond the inspection bound')
  return undefined
}

export const vhd: Probe = {
  format: 'vhd',
  async detect(window, result) {
    return (await vhdFooter(window, result)) !== undefined
  },
  async examine(window, result) {
    const footer = await vhdFooter(window, result)
    if (!footer || footer.length < VHD_FOOTER) throw new Malformed('vhd footer is truncated')
    const type = view(footer).getUint32(60)
    result.details.diskType = type
    result.virtualSize = u64(footer, 48, false, 'vhd size')
    if (type === VHD_DIFFERENCING) result.find('vhd-differencing', 'vhd is a differencing disk that names a parent')
  },
}

const KiB = 1024
const REGION_TABLE = 192 * KiB
const REGION_TABLE_SIZE = 64 * KiB
const METADATA_TABLE_SIZE = 64 * KiB
const MAX_ENTRIES = 2047
const METADATA_REGION = '8B7CA206-4790-4B9A-B8FE-575F050F886E'
const VIRTUAL_DISK_SIZE = '2FA54224-CD1B-4876-B211-5DBED83BF4B8'
const PARENT_LOCATOR = 'A8D35F2D-B30B-454D-ABF7-D3D84834AB0C'

/** A GUID in Microsoft's mixed-endian layout, as the specification spells it. */
function guid(bytes: Uint8Array, at: number): string {
  const v = view(bytes)
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0')
  const tail = Array.from(bytes.subarray(at + 8, at + 16), (b) => hex(b, 2)).join('')
  return `${hex(v.getUint32(at, true), 8)}-${hex(v.getUint16(at + 4, true), 4)}-${hex(v.getUint16(at + 6, true), 4)}-${tail.slice(0, 4)}-${tail.slice(4)}`
}

export const vhdx: Probe = {
  format: 'vhdx',
  async detect(window) {
    return ascii(await window.read(0, 8)) === 'vhdxfile'
  },
  async examine(window, result) {
    const regions = await window.exact(REGION_TABLE, 16, 'vhdx region table')
    if (ascii(regions, 0, 4) !== 'regi') throw new Malformed('vhdx region table signature is missing')
    const regionCount = view(regions).getUint32(8, true)
    if (regionCount > MAX_ENTRIES) throw new Malformed(`vhdx region count ${regionCount} is absurd`)
    const table = await window.exact(REGION_TABLE, Math.min(REGION_TABLE_SIZE, 16 + regionCount * 32), 'vhdx region table')
    let metadataAt: number | undefined
    for (let i = 0; i < regionCount && metadataAt === undefined; i++) {
      const entry = 16 + i * 32
      if (guid(table, entry) === METADATA_REGION) metadataAt = u64(table, entry + 16, true, 'vhdx metadata offset')
    }
    if (metadataAt === undefined) throw new Malformed('vhdx has no metadata region')
    await examineMetadata(window, metadataAt, result)
  },
}

async function examineMetadata(window: Window, at: number, result: Examination): Promise<void> {
  const head = await window.exact(at, 16, 'vhdx metadata table')
  if (ascii(head, 0, 8) !== 'metadata') throw new Malformed('vhdx metadata signature is missing')
  const count = view(head).getUint16(10, true)
  if (count > MAX_ENTRIES) throw new Malformed(`vhdx metadata count ${count} is absurd`)
  const table = await window.exact(at, Math.min(METADATA_TABLE_SIZE, 32 + count * 32), 'vhdx metadata table')
  for (let i = 0; i < count; i++) {
    const entry = 32 + i * 32
    const id = guid(table, entry)
    if (id === PARENT_LOCATOR) result.find('vhdx-parent', 'vhdx is a differencing disk that names a parent')
    if (id === VIRTUAL_DISK_SIZE) {
      const offset = view(table).getUint32(entry + 16, true)
      result.virtualSize = u64(await window.exact(at + offset, 8, 'vhdx virtual disk size'), 0, true, 'vhdx size')
    }
  }
}
