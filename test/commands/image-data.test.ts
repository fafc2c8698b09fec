/** image-download and image-upload: the bytes sent and received, and the checks around them. */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { GLANCE, glanceError, line, ok, useHarness } from '../support/command-harness.js'
import { IMAGE, IMAGE_ID } from './support/fixtures.js'

const h = useHarness('image-data')
const dir = mkdtempSync(join(tmpdir(), 'tsglance-image-data-'))

const DATA = Buffer.from('the image data, some bytes of it\n'.repeat(40))
const hash = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex')
const WITH_DATA = { ...IMAGE, size: DATA.length, checksum: hash('md5', DATA), os_hash_value: hash('sha512', DATA) }

/** Glance serving WITH_DATA's record and `bytes` as its data. */
const serveImage = (bytes = DATA) => [
  http.get(`${GLANCE}/v2/images/${IMAGE_ID}`, () => ok(WITH_DATA)),
  http.get(`${GLANCE}/v2/images/${IMAGE_ID}/file`, () =>
    new HttpResponse(bytes, { headers: { 'content-type': 'application/octet-stream', 'content-md5': WITH_DATA.checksum } }),
  ),
]

describe('image-download', () => {
  it('writes the data to stdout', async () => {
    h.use(...serveImage())
    const r = await h.run(['image-download', IMAGE_ID])
    expect(r.requests.map(line)).toContain(`GET /v2/images/${IMAGE_ID}/file`)
    expect(r.stdoutBytes.equals(DATA)).toBe(true)
    expect([r.stderr, r.code]).toEqual(['', 0])
  })

  it('--file: writes the file', async () => {
    h.use(...serveImage())
    const file = join(dir, 'out.img')
    const r = await h.run(['image-download', IMAGE_ID, '--file', file])
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0])
    expect(readFileSync(file).equals(DATA)).toBe(true)
  })

  it('data that does not match the image hash: glance\'s IOError line, exit 1', async () => {
    h.use(...serveImage(Buffer.from(DATA).fill(0x41, 0, 1)))
    const r = await h.run(['image-download', IMAGE_ID, '--file', join(dir, 'bad.img')])
    expect(r.stderr).toMatch(/^\[Errno 32\] .*\n$/)
    expect(r.stderr).toContain(WITH_DATA.os_hash_value)
    expect(r.code).toBe(1)
  })

  it('an image that is not there: glance\'s sentence around the HTTP error', async () => {
    h.use(http.get(`${GLANCE}/v2/images/${IMAGE_ID}`, () => glanceError(404, 'Not Found', `No image found with ID ${IMAGE_ID}`)))
    const r = await h.run(['image-download', IMAGE_ID, '--file', join(dir, 'none.img')])
    expect([r.stderr, r.code]).toEqual([`Unable to download image '${IMAGE_ID}'. (HTTP 404 Not Found: No image found with ID ${IMAGE_ID})\n`, 1])
  })

  it('--resume without --file is a usage error', async () => {
    const r = await h.run(['image-download', IMAGE_ID, '--resume'])
    expect([r.stderr, r.code]).toEqual(['glance image-download: --resume requires --file: only a file download can be continued.\n', 2])
    expect(r.allRequests).toEqual([])
  })
})

describe('image-upload', () => {
  const upload = () => {
    const received: { body: Buffer; headers: Headers }[] = []
    h.use(
      http.put(`${GLANCE}/v2/images/${IMAGE_ID}/file`, async ({ request }) => {
        received.push({ body: Buffer.from(await request.arrayBuffer()), headers: request.headers })
        return new HttpResponse(null, { status: 204 })
      }),
    )
    return received
  }

  it('--file: PUTs the bytes as octet-stream and prints nothing', async () => {
    const received = upload()
    const file = join(dir, 'up.img')
    writeFileSync(file, DATA)
    const r = await h.run(['image-upload', IMAGE_ID, '--file', file])
    expect(r.requests.map(line)).toEqual([`PUT /v2/images/${IMAGE_ID}/file`])
    expect(received[0].headers.get('content-type')).toBe('application/octet-stream')
    expect(received[0].body.equals(DATA)).toBe(true)
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0])
  })

  it('stdin, with --store (checked against the stores Glance lists first)', async () => {
    const received = upload()
    h.use(http.get(`${GLANCE}/v2/info/stores`, () => ok({ stores: [{ id: 'fast', default: 'true' }, { id: 'cheap' }] })))
    const r = await h.run(['image-upload', IMAGE_ID, '--store', 'cheap'], { stdin: DATA })
    expect(r.requests.map(line)).toEqual(['GET /v2/info/stores', `PUT /v2/images/${IMAGE_ID}/file`])
    expect(received[0].headers.get('x-image-meta-store')).toBe('cheap')
    expect(received[0].body.equals(DATA)).toBe(true)
    expect(r.code).toBe(0)
  })

  it('an unknown store is refused before any data is sent', async () => {
    h.use(http.get(`${GLANCE}/v2/info/stores`, () => ok({ stores: [{ id: 'fast', default: 'true' }] })))
    const r = await h.run(['image-upload', IMAGE_ID, '--store', 'nowhere'], { stdin: DATA })
    expect(r.requests.map(line)).toEqual(['GET /v2/info/stores'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe("Store 'nowhere' is not valid for this cloud. Valid values can be retrieved with stores-info command.\n")
  })

  it('no data at all is refused', async () => {
    const r = await h.run(['image-upload', IMAGE_ID])
    expect([r.stderr, r.code]).toEqual(['No image data: use --file <FILE> or pipe the data on stdin.\n', 1])
    expect(r.requests).toEqual([])
  })

  it('an unreadable --file: glance\'s words', async () => {
    const r = await h.run(['image-upload', IMAGE_ID, '--file', join(dir, 'missing.img')])
    expect([r.stderr, r.code]).toEqual([`File ${join(dir, 'missing.img')} does not exist or user does not have read privileges to it\n`, 1])
  })
})
