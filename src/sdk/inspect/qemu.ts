import type { Probe } from './probe.js'
import { ascii, u64, view } from './window.js'

const QCOW2_MAGIC = 'QFI\xfb'
/** Incompatible feature bits qemu knows: dirty, corrupt, external data file, compression type, extended L2. */
const QCOW2_KNOWN_FEATURES = 0x1fn
const QCOW2_DATA_FILE_FEATURE = 0x4n

export const qcow2: Probe = {
  format: 'qcow2',
  async detect(window) {
    return ascii(await window.read(0, 4)) === QCOW2_MAGIC
  },
  async examine(window, result) {
    const header = await window.exact(0, 72, 'qcow2 header')
    const fields = view(header)
    const version = fields.getUint32(4)
    result.details.version = version
    result.virtualSize = u64(header, 24, false, 'qcow2 size')
    if (fields.getBigUint64(8) !== 0n) result.find('qcow2-backing-file', 'qcow2 image has a backing file')
    if (version === 2) return
    if (version !== 3) {
      result.find('qcow2-unsupported-version', `qcow2 version ${version} is not supported`)
      return
    }
    const features = view(await window.exact(72, 8, 'qcow2 v3 header')).getBigUint64(0)
    if (features & QCOW2_DATA_FILE_FEATURE) result.find('qcow2-data-file', 'qcow2 image has an external data file')
    if (features & ~QCOW2_KNOWN_FEATURES) {
      result.find('qcow2-unknown-features', `qcow2 image has unknown incompatible features 0x${features.toString(16)}`)
    }
  },
}

export const qed: Probe = {
  format: 'qed',
  async detect(window) {
    return ascii(await window.read(0, 4)) === 'QED\0'
  },
  async examine(window, result) {
    result.find('qed-banned', 'qed images are not allowed')
    result.virtualSize = u64(await window.exact(48, 8, 'qed header'), 0, true, 'qed size')
  },
}

const LUKS_SECTOR = 512

export const luks: Probe = {
  format: 'luks',
  async detect(window) {
    return ascii(await window.read(0, 6)) === 'LUKS\xba\xbe'
  },
  async examine(window, result) {
    const header = view(await window.exact(0, 108, 'luks header'))
    const version = header.getUint16(6)
    result.details.version = version
    if (version !== 1) {
      result.find('luks-unsupported-version', `luks version ${version} is not supported`)
      return
    }
    const payload = header.getUint32(104) * LUKS_SECTOR
    if (window.size !== undefined && payload <= window.size) result.virtualSize = window.size - payload
  },
}
