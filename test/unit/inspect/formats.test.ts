import { crc32 } from 'node:zlib'

import { describe, expect, test } from 'vitest'

import { checkDeclaredFormat, diskFormatFor, inspectImage, type InspectionReport } from '../../../src/sdk/index.js'
import { fixture, gptDisk, iso9660, mbrDisk, udf, writeMbr } from './support.js'

const MiB = 1024 * 1024

async function codes(bytes: Uint8Array): Promise<string[]> {
  return (await inspectImage(bytes)).findings.map((f) => f.code)
}

describe('images made by qemu-img', () => {
  test.each([
    ['raw', 'raw', MiB, 'raw'],
    ['qcow2-v2', 'qcow2', MiB, 'qcow2'],
    ['qcow2-v3', 'qcow2', MiB, 'qcow2'],
    ['vmdk-sparse', 'vmdk', MiB, 'vmdk'],
    ['vmdk-stream', 'vmdk', MiB, 'vmdk'],
    ['vhd-dynamic', 'vhd', 1079296, 'vhd'],
    ['vhd-fixed', 'vhd', 1079296, 'vhd'],
    ['vhdx', 'vhdx', MiB, 'vhdx'],
    ['vdi', 'vdi', MiB, 'vdi'],
  ])('%s is %s of %i bytes, safe, disk_format %s', async (name, format, virtualSize, diskFormat) => {
    const report = await inspectImage(fixture(name))
    expect(report).toMatchObject({ format, virtualSize, findings: [], skipped: [] })
    expect(diskFormatFor(report)).toBe(diskFormat)
  })

  test('qcow2 versions are told apart', async () => {
    expect((await inspectImage(fixture('qcow2-v2'))).details.version).toBe(2)
    expect((await inspectImage(fixture('qcow2-v3'))).details.version).toBe(3)
  })

  test('vmdk subformats are reported', async () => {
    expect((await inspectImage(fixture('vmdk-sparse'))).details.createType).toBe('monolithicsparse')
    expect((await inspectImage(fixture('vmdk-stream'))).details.createType).toBe('streamoptimized')
  })

  test.each([
    ['qcow2-backing', 'qcow2', 'qcow2-backing-file'],
    ['qcow2-datafile', 'qcow2', 'qcow2-data-file'],
    ['qed', 'qed', 'qed-banned'],
    ['vmdk-flat-descriptor', 'vmdk', 'vmdk-create-type'],
  ])('%s is %s and refused with %s', async (name, format, code) => {
    const report = await inspectImage(fixture(name))
    expect(report.format).toBe(format)
    expect(report.findings.map((f) => f.code)).toEqual([code])
    expect(report.findings[0].format).toBe(format)
  })

  test('luks v1 is recognised; its virtual size is the payload after the header', async () => {
    const head = fixture('luks-head')
    const report = await inspectImage(head)
    expect(report).toMatchObject({ format: 'luks', findings: [], details: { version: 1 } })
    expect(diskFormatFor(report)).toBeUndefined()
    const payloadSectors = head.readUInt32BE(104)
    const whole = Buffer.concat([head, Buffer.alloc(payloadSectors * 512 + MiB - head.length)])
    expect((await inspectImage(whole)).virtualSize).toBe(MiB)
  })

  test('luks 2 is refused', async () => {
    const head = fixture('luks-head')
    head.writeUInt16BE(2, 6)
    expect(await codes(head)).toEqual(['luks-unsupported-version'])
  })
})

describe('images built from the published layouts', () => {
  test('ISO 9660 states its size in the primary volume descriptor', async () => {
    const report = await inspectImage(iso9660(40))
    expect(report).toMatchObject({ format: 'iso', virtualSize: 40 * 2048, findings: [] })
    expect(diskFormatFor(report)).toBe('iso')
  })

  test('UDF is an iso', async () => {
    const report = await inspectImage(udf())
    expect(report).toMatchObject({ format: 'iso', findings: [], details: { udf: 'NSR03' } })
  })

  test('a GPT disk is gpt content and a raw disk_format', async () => {
    const report = await inspectImage(gptDisk())
    expect(report).toMatchObject({ format: 'gpt', findings: [], virtualSize: 256 * 512 })
    expect(diskFormatFor(report)).toBe('raw')
  })

  test('a GPT disk with 4 KiB sectors has its header at 4096', async () => {
    const disk = gptDisk(256)
    const moved = Buffer.alloc(disk.length + 8 * 4096)
    disk.copy(moved, 0, 0, 512)
    disk.copy(moved, 4096, 512, 1024)
    moved.writeBigUInt64LE(2n, 4096 + 72) // entries now start at LBA 2 of 4096 bytes
    disk.copy(moved, 8192, 1024, 1024 + 128 * 128)
    const header = moved.subarray(4096, 4096 + 92)
    header.writeUInt32LE(0, 16)
    header.writeUInt32LE(crc32(header), 16)
    expect(await inspectImage(moved)).toMatchObject({ format: 'gpt', findings: [] })
  })

  test('an MBR disk is mbr content and a raw disk_format', async () => {
    const report = await inspectImage(mbrDisk())
    expect(report).toMatchObject({ format: 'mbr', findings: [] })
    expect(diskFormatFor(report)).toBe('raw')
  })

  test('a FAT boot sector is not a partition table', async () => {
    const fat = Buffer.alloc(4096)
    fat.writeUInt16LE(0xaa55, 510)
    fat[0x10] = 2
    fat[0x15] = 0xf8
    expect((await inspectImage(fat)).format).toBe('raw')
  })

  test('an ISO with a partition table in front is an iso (Glance allows iso+gpt)', async () => {
    const hybrid = writeMbr(iso9660(64), [{ boot: 0x80, type: 0x17, start: 0, sectors: 64 * 4 }])
    const report = await inspectImage(hybrid)
    expect(report).toMatchObject({ format: 'iso', matches: ['iso'], findings: [] })
    expect(diskFormatFor(report)).toBe('iso')
  })

  test('an empty source is raw', async () => {
    expect(await inspectImage(new Uint8Array(0))).toMatchObject({ format: 'raw', virtualSize: 0, findings: [] })
  })
})

describe('declared disk_format against content, as Glance 30+ judges it', () => {
  const report = async (name: string): Promise<InspectionReport> => inspectImage(fixture(name))

  test('the detected format matches itself', async () => {
    expect(checkDeclaredFormat(await report('qcow2-v3'), 'qcow2')).toEqual({ kind: 'match' })
    expect(checkDeclaredFormat(await inspectImage(iso9660()), 'iso')).toEqual({ kind: 'match' })
  })

  test('partitioned disks are raw', async () => {
    expect(checkDeclaredFormat(await inspectImage(gptDisk()), 'raw')).toEqual({ kind: 'match' })
    expect(checkDeclaredFormat(await inspectImage(mbrDisk()), 'raw')).toEqual({ kind: 'match' })
  })

  test('formats Glance cannot inspect pass when nothing was recognised', async () => {
    for (const declared of ['ami', 'ari', 'aki', 'ploop']) {
      expect(checkDeclaredFormat(await report('raw'), declared)).toEqual({ kind: 'uninspectable' })
    }
    expect(checkDeclaredFormat(await report('qcow2-v3'), 'ami')).toMatchObject({ kind: 'mismatch', detected: 'qcow2' })
  })

  test('raw over a recognised format is what Glance lets through with a warning', async () => {
    expect(checkDeclaredFormat(await report('qcow2-v3'), 'raw')).toEqual({ kind: 'raw-declared', detected: 'qcow2', declared: 'raw' })
  })

  test('any other difference is a mismatch', async () => {
    expect(checkDeclaredFormat(await report('raw'), 'qcow2')).toEqual({ kind: 'mismatch', detected: 'raw', declared: 'qcow2' })
    expect(checkDeclaredFormat(await report('vmdk-sparse'), 'vhd')).toMatchObject({ kind: 'mismatch' })
    expect(checkDeclaredFormat(await inspectImage(gptDisk()), 'iso')).toEqual({ kind: 'mismatch', detected: 'gpt', declared: 'iso' })
  })

  test('Glance only inspects bare containers', async () => {
    expect(checkDeclaredFormat(await report('qcow2-v3'), 'raw', 'ova')).toEqual({ kind: 'not-inspected' })
  })
})
