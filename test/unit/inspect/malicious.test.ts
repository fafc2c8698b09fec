import { crc32 } from 'node:zlib'

import { describe, expect, test } from 'vitest'

import { inspectImage, type InspectionReport } from '../../../src/sdk/index.js'
import { CountingReader, FIXTURE_NAMES, fixture, gptDisk, iso9660, mbrDisk, vmdkWithFooter, writeMbr } from './support.js'

const MiB = 1024 * 1024

async function inspect(bytes: Uint8Array): Promise<InspectionReport> {
  return inspectImage(bytes)
}

async function codes(bytes: Uint8Array): Promise<string[]> {
  return (await inspect(bytes)).findings.map((f) => f.code)
}

function vmdkDescriptorFile(extent: string, createType = 'monolithicSparse'): Buffer {
  return Buffer.from(`# Disk DescriptorFile\nversion=1\nCID=1\nparentCID=ffffffff\ncreateType="${createType}"\n\n${extent}\n\nddb.adapterType = "ide"\n`)
}

/** The vmdk-sparse fixture with its embedded descriptor replaced. */
function sparseWithDescriptor(text: string): Buffer {
  const image = fixture('vmdk-sparse')
  const size = Number(image.readBigUInt64LE(36)) * 512
  image.fill(0, 512, 512 + size)
  image.write(text, 512, 'latin1')
  return image
}

describe('qcow2', () => {
  test('an unknown incompatible feature bit is refused', async () => {
    const image = fixture('qcow2-v3')
    image.writeBigUInt64BE(1n << 5n, 72)
    expect(await codes(image)).toEqual(['qcow2-unknown-features'])
  })

  test('the known feature bits (dirty, corrupt, compression type, extended L2) are not', async () => {
    const image = fixture('qcow2-v3')
    image.writeBigUInt64BE(0b11011n, 72)
    expect(await codes(image)).toEqual([])
  })

  test.each([1, 4, 0xffffffff])('version %i is refused', async (version) => {
    const image = fixture('qcow2-v3')
    image.writeUInt32BE(version, 4)
    expect(await codes(image)).toEqual(['qcow2-unsupported-version'])
  })

  test('an absurd size is malformed, not a number', async () => {
    const image = fixture('qcow2-v3')
    image.writeBigUInt64BE(0xffffffffffffffffn, 24)
    expect(await codes(image)).toEqual(['malformed'])
  })

  test('a truncated header is malformed', async () => {
    expect(await codes(fixture('qcow2-v3').subarray(0, 40))).toEqual(['malformed'])
  })
})

describe('vmdk', () => {
  test('an extent naming /etc/passwd is refused', async () => {
    const report = await inspect(vmdkDescriptorFile('RW 2048 SPARSE "/etc/passwd"'))
    expect(report.format).toBe('vmdk')
    expect(report.findings.map((f) => f.code)).toEqual(['vmdk-extent-path'])
  })

  test('the same extent inside a monolithicSparse header is refused', async () => {
    const text = vmdkDescriptorFile('RW 2048 SPARSE "/etc/passwd"').toString()
    expect(await codes(sparseWithDescriptor(text))).toEqual(['vmdk-extent-path'])
  })

  test('a windows path counts too', async () => {
    expect(await codes(vmdkDescriptorFile('RW 2048 SPARSE "C:\\secret.vmdk"'))).toEqual(['vmdk-extent-path'])
  })

  test('a parent image is refused', async () => {
    const text = vmdkDescriptorFile('RW 2048 SPARSE "x.vmdk"').toString().replace('ddb', 'parentFileNameHint="base.vmdk"\nddb')
    expect(await codes(sparseWithDescriptor(text))).toEqual(['vmdk-parent'])
  })

  test('unknown descriptor lines and missing extents are refused', async () => {
    expect(await codes(sparseWithDescriptor(vmdkDescriptorFile('bogus line here').toString()))).toEqual(['vmdk-descriptor-invalid'])
    expect(await codes(sparseWithDescriptor(vmdkDescriptorFile('').toString()))).toEqual(['vmdk-no-extents'])
  })

  test.each(['vmfs', 'twoGbMaxExtentSparse', 'monolithicFlat'])('createType %s is refused', async (type) => {
    expect(await codes(vmdkDescriptorFile('RW 2048 FLAT "disk-flat.vmdk" 0', type))).toEqual(['vmdk-create-type'])
  })

  test('a 10 MiB descriptor file is refused without being read', async () => {
    const big = Buffer.alloc(10 * MiB, 0x20)
    vmdkDescriptorFile('RW 2048 SPARSE "x.vmdk"').copy(big)
    const reader = new CountingReader(big)
    const report = await inspectImage(reader)
    expect(report.findings.map((f) => f.code)).toEqual(['vmdk-descriptor-too-large'])
    expect(reader.total).toBeLessThanOrEqual(64 * 1024 + 512)
  })

  test('a header announcing a 10 MiB descriptor is refused without reading it', async () => {
    const image = Buffer.concat([fixture('vmdk-sparse'), Buffer.alloc(11 * MiB)])
    image.writeBigUInt64LE(BigInt((10 * MiB) / 512), 36)
    const reader = new CountingReader(image)
    expect((await inspectImage(reader)).findings.map((f) => f.code)).toEqual(['vmdk-descriptor-too-large'])
    expect(reader.total).toBeLessThan(MiB)
  })

  test.each([
    ['offset past the end of the file', 1n << 40n],
    ['offset no disk can have', 1n << 60n],
    ['offset zero', 0n],
  ])('a descriptor %s is malformed', async (_, sectors) => {
    const image = fixture('vmdk-sparse')
    image.writeBigUInt64LE(sectors, 28)
    expect(await codes(image)).toEqual(['malformed'])
  })

  test('a streamOptimized footer as VMware writes it passes', async () => {
    expect(await inspect(vmdkWithFooter())).toMatchObject({ format: 'vmdk', findings: [], skipped: [] })
  })

  // Offsets from the end: EOS marker [-512, 0), footer header [-1024, -512), footer marker [-1536, -1024).
  test.each([
    ['a footer that does not repeat the header', (image: Buffer) => image.writeUInt32LE(99, image.length - 1024 + 4)],
    ['a footer that points at another footer', (image: Buffer) => image.writeBigUInt64LE(0xffffffffffffffffn, image.length - 1024 + 56)],
    ['no end-of-stream marker', (image: Buffer) => image.writeUInt8(1, image.length - 100)],
    ['no footer marker', (image: Buffer) => image.writeUInt32LE(7, image.length - 1536 + 12)],
  ])('a streamOptimized image with %s is refused', async (_, tamper) => {
    const image = vmdkWithFooter()
    tamper(image)
    expect(await codes(image)).toEqual(['vmdk-footer-invalid'])
  })
})

describe('vhd and vhdx', () => {
  test('a differencing vhd is refused', async () => {
    const image = fixture('vhd-dynamic')
    image.writeUInt32BE(4, 60)
    expect(await codes(image)).toEqual(['vhd-differencing'])
  })

  test('a vhdx without its region table is malformed', async () => {
    const image = fixture('vhdx')
    image.fill(0, 192 * 1024, 192 * 1024 + 4)
    expect(await codes(image)).toEqual(['malformed'])
  })

  test('a vhdx with an absurd region count is malformed', async () => {
    const image = fixture('vhdx')
    image.writeUInt32LE(0xffffffff, 192 * 1024 + 8)
    expect(await codes(image)).toEqual(['malformed'])
  })

  test('a vhdx metadata region past the end of the file is malformed', async () => {
    const image = fixture('vhdx')
    const table = image.subarray(192 * 1024)
    for (let i = 0; i < table.readUInt32LE(8); i++) table.writeBigUInt64LE(1n << 50n, 16 + i * 32 + 16)
    expect(await codes(image)).toEqual(['malformed'])
  })

  test('a vhdx truncated after its identifier is malformed', async () => {
    expect(await codes(fixture('vhdx').subarray(0, 4096))).toEqual(['malformed'])
  })
})

describe('partition tables', () => {
  test('an invalid boot flag is refused', async () => {
    const disk = mbrDisk()
    disk[446] = 0x42
    expect(await codes(disk)).toEqual(['mbr-invalid'])
  })

  test('overlapping partitions are refused', async () => {
    const disk = writeMbr(Buffer.alloc(64 * 1024), [
      { type: 0x83, start: 2, sectors: 50 },
      { type: 0x83, start: 40, sectors: 50 },
    ])
    expect(await codes(disk)).toEqual(['mbr-invalid'])
  })

  test('a protective MBR with extra partitions is refused', async () => {
    const disk = gptDisk()
    writeMbr(disk, [
      { type: 0xee, start: 1, sectors: 100, chs: [0, 2, 0] },
      { type: 0x83, start: 120, sectors: 10 },
    ])
    expect(await codes(disk)).toEqual(['gpt-invalid'])
  })

  test('a protective MBR with a wrong start is refused', async () => {
    const disk = gptDisk()
    writeMbr(disk, [{ type: 0xee, start: 2, sectors: 100, chs: [0, 2, 0] }])
    expect(await codes(disk)).toEqual(['gpt-invalid'])
  })

  test('a GPT header with a wrong checksum is refused', async () => {
    const disk = gptDisk()
    disk[512 + 48] ^= 1
    expect(await codes(disk)).toEqual(['gpt-invalid'])
  })

  test('a GPT partition array with a wrong checksum is refused', async () => {
    const disk = gptDisk()
    disk[1024 + 40] ^= 1
    expect(await codes(disk)).toEqual(['gpt-invalid'])
  })

  test('a protective MBR without a GPT header is refused', async () => {
    const disk = gptDisk()
    disk.fill(0, 512, 1024)
    expect(await codes(disk)).toEqual(['gpt-invalid'])
  })

  test('a GPT header announcing a huge partition array is refused without reading it', async () => {
    const disk = gptDisk()
    const header = disk.subarray(512, 512 + 92)
    header.writeUInt32LE(0xffffff, 80)
    header.writeUInt32LE(0, 16)
    header.writeUInt32LE(crc32(header), 16)
    const reader = new CountingReader(disk)
    expect((await inspectImage(reader)).findings.map((f) => f.code)).toEqual(['gpt-invalid'])
    expect(reader.total).toBeLessThanOrEqual(disk.length)
  })
})

describe('content matching several formats', () => {
  test('a qcow2 header with a partition table is refused', async () => {
    const image = writeMbr(fixture('qcow2-v3'), [{ type: 0x83, start: 2, sectors: 100 }])
    const report = await inspect(image)
    expect(report.matches).toEqual(['qcow2', 'mbr'])
    expect(report.findings.map((f) => f.code)).toContain('multiple-formats')
  })

  test('an ISO that also carries a vdi signature is refused', async () => {
    const image = iso9660()
    image.writeUInt32LE(0xbeda107f, 0x40)
    expect((await inspect(image)).findings.map((f) => f.code)).toContain('multiple-formats')
  })
})

describe('truncation never throws', () => {
  test.each(FIXTURE_NAMES)('%s cut at every interesting length', async (name) => {
    const image = fixture(name)
    for (const length of [0, 1, 3, 4, 6, 8, 31, 32, 63, 64, 71, 72, 103, 104, 511, 512, 513, 1023, 1536, 4096, 65535, 65536, 200000]) {
      const report = await inspect(image.subarray(0, Math.min(length, image.length)))
      expect(report.bytesRead).toBeLessThanOrEqual(length)
    }
  })
})
