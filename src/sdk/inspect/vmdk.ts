import type { Examination, Probe } from './probe.js'
import { Malformed, ascii, u64, view } from './window.js'
import type { Window } from './window.js'

const SECTOR = 512
/** qemu's own limit for an embedded or stand-alone descriptor. */
const DESCRIPTOR_MAX = 1024 * 1024
const SPARSE_HEADER = 64
const GD_AT_END = 0xffffffffffffffffn
const MARKER_FOOTER = 3
const MARKER_EOS = 0
const SAFE_CREATE_TYPES = new Set(['monolithicsparse', 'streamoptimized'])
const EXTENT_ACCESS = new Set(['rw', 'rdonly', 'noaccess'])

/** A stand-alone descriptor is plain text; these lines open every one qemu or VMware writes. */
function looksLikeDescriptor(text: string): boolean {
  if (/[^\x09\x0a\x0d\x20-\x7e]/.test(text)) return false
  return /^\s*#\s*disk descriptorfile/i.test(text) || /createtype\s*=\s*"/i.test(text)
}

export const vmdk: Probe = {
  format: 'vmdk',
  async detect(window) {
    const head = await window.read(0, SECTOR)
    const magic = ascii(head, 0, 4)
    if (magic === 'KDMV') return true
    return looksLikeDescriptor(ascii(head).replace(/\0+$/, ''))
  },
  async examine(window, result) {
    const head = await window.read(0, SECTOR)
    if (ascii(head, 0, 4) !== 'KDMV') {
      if (window.size === undefined || window.size > DESCRIPTOR_MAX) {
        result.find('vmdk-descriptor-too-large', `vmdk descriptor is larger than ${DESCRIPTOR_MAX} bytes`)
        return
      }
      checkDescriptor(await window.read(0, window.size), result)
      return
    }
    const header = await window.exact(0, SPARSE_HEADER, 'vmdk sparse header')
    const fields = view(header)
    const version = fields.getUint32(4, true)
    result.details.version = version
    if (version < 1 || version > 3) throw new Malformed(`vmdk version ${version} is not supported`)
    result.virtualSize = u64(header, 12, true, 'vmdk capacity') * SECTOR
    const descOffset = u64(header, 28, true, 'vmdk descriptor offset') * SECTOR
    const descSize = u64(header, 36, true, 'vmdk descriptor size') * SECTOR
    if (descOffset === 0 || descSize === 0) throw new Malformed('vmdk has no embedded descriptor')
    if (descSize > DESCRIPTOR_MAX) {
      result.find('vmdk-descriptor-too-large', `vmdk descriptor of ${descSize} bytes is larger than ${DESCRIPTOR_MAX}`)
      return
    }
    checkDescriptor(await window.exact(descOffset, descSize, 'vmdk descriptor'), result)
    if (fields.getBigUint64(56, true) === GD_AT_END) await checkFooter(window, header, result)
  },
}

/** Only a single-file sparse image is safe; every other layout names other files. */
function checkDescriptor(bytes: Uint8Array, result: Examination): void {
  const nul = bytes.indexOf(0)
  const text = ascii(nul >= 0 ? bytes.subarray(0, nul) : bytes).toLowerCase()
  const createType = /^\s*createtype\s*=\s*"([^"]{0,63})"/m.exec(text)?.[1]
  result.details.createType = createType ?? ''
  if (!createType || !SAFE_CREATE_TYPES.has(createType)) {
    result.find('vmdk-create-type', `vmdk createType "${createType ?? ''}" is not monolithicSparse or streamOptimized`)
  }
  let extents = 0
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#') || line.startsWith('ddb')) continue
    const key = line.split('=')[0]
    if (line.includes('=') && !key.trim().includes(' ')) {
      if (key.trim() === 'parentfilenamehint') result.find('vmdk-parent', 'vmdk names a parent image')
      continue
    }
    if (EXTENT_ACCESS.has(line.split(/\s+/)[0])) {
      extents++
      if (/[/\\]/.test(line)) result.find('vmdk-extent-path', `vmdk extent names a path: ${line.slice(0, 80)}`)
      continue
    }
    result.find('vmdk-descriptor-invalid', `vmdk descriptor has an unknown line: ${line.slice(0, 80)}`)
    return
  }
  if (extents === 0) result.find('vmdk-no-extents', 'vmdk descriptor has no extents')
}

/**
 * A streamOptimized image keeps its grain directory in a footer: footer
 * marker, a copy of the header, end-of-stream marker, in the last 1536 bytes.
 */
async function checkFooter(window: Window, header: Uint8Array, result: Examination): Promise<void> {
  const tail = await window.tail(3 * SECTOR)
  if (!tail) {
    result.skip('vmdk-footer', 'the end of the stream is beyond the inspection bound')
    return
  }
  const invalid = (why: string) => result.find('vmdk-footer-invalid', `vmdk footer ${why}`)
  const marker = (at: number, type: number) => {
    const v = view(tail.subarray(at, at + SECTOR))
    return v.getUint32(8, true) === 0 && v.getUint32(12, true) === type && tail.subarray(at + 16, at + SECTOR).every((b) => b === 0)
  }
  const footer = tail.subarray(SECTOR, SECTOR + SPARSE_HEADER)
  if (!marker(0, MARKER_FOOTER)) return invalid('marker is invalid')
  if (!marker(2 * SECTOR, MARKER_EOS) || view(tail).getBigUint64(2 * SECTOR, true) !== 0n) return invalid('end-of-stream marker is invalid')
  // Signature, version, descriptor location must repeat the header's.
  const same = (from: number, to: number) => Buffer.compare(header.subarray(from, to), footer.subarray(from, to)) === 0
  if (!same(0, 8) || !same(28, 44)) return invalid('does not repeat the header')
  if (view(footer).getBigUint64(56, true) === GD_AT_END) return invalid('points at another footer')
}
