/**
 * The SDK as a library user sees it, imported through the package's own
 * entry point (`tsglance`, i.e. the built dist/ and its `exports` map), against the
 * real Keystone + Glance: log in, create, upload from memory and from a
 * file, page through the list, download and verify, update, delete.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { AuthenticationError, GlanceClient, HTTPNotFound, type Image } from 'tsglance'
import { cloudsYaml, glanceUrl, issueToken, openrc, requireStack } from './support/stack.js'

requireStack()

const DEMO_ENV = openrc('demo')
const runTag = `sdk-e2e-${process.pid}-${Date.now()}`
const workDir = mkdtempSync(join(tmpdir(), 'tsglance-sdk-e2e-'))

/** Every request the client sends, as its debug lines report them. */
const requestLog: string[] = []

function demoAuth() {
  return {
    authUrl: DEMO_ENV.OS_AUTH_URL,
    username: DEMO_ENV.OS_USERNAME,
    password: DEMO_ENV.OS_PASSWORD,
    projectName: DEMO_ENV.OS_PROJECT_NAME,
    userDomainName: DEMO_ENV.OS_USER_DOMAIN_NAME,
    projectDomainName: DEMO_ENV.OS_PROJECT_DOMAIN_NAME,
  }
}

let glance: GlanceClient
const created: string[] = []

beforeAll(() => {
  glance = new GlanceClient({
    auth: demoAuth(),
    regionName: DEMO_ENV.OS_REGION_NAME,
    debug: (line) => {
      if (line.startsWith('REQ: ')) requestLog.push(line)
    },
  })
})

afterAll(async () => {
  // Whatever a failed test left behind.
  for (const id of created) await glance.images.delete(id).catch(() => undefined)
  await glance.close()
})

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex')
const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('hex')

async function createImage(suffix: string, extra: Record<string, unknown> = {}): Promise<Image> {
  const image = await glance.images.create({ name: `${runTag}-${suffix}`, disk_format: 'raw', container_format: 'bare', ...extra })
  created.push(image.id)
  return image
}

describe('GlanceClient against the stack', () => {
  const fromBuffer = Buffer.from(`in-memory image data ${runTag}\n`.repeat(1000))
  const fromFile = Buffer.alloc(3 * 1024 * 1024 + 17)
  for (let i = 0; i < fromFile.length; i++) fromFile[i] = (i * 31 + 7) & 0xff
  const filePath = join(workDir, 'upload.img')
  writeFileSync(filePath, fromFile)

  let bufferImage: Image
  let fileImage: Image

  it('creates an image (queued, with its properties)', async () => {
    bufferImage = await createImage('buffer', { sdk_e2e: 'yes', tags: [runTag] })
    expect(bufferImage).toMatchObject({ name: `${runTag}-buffer`, status: 'queued', disk_format: 'raw', sdk_e2e: 'yes', tags: [runTag] })
    fileImage = await createImage('file', { tags: [runTag] })
    expect(fileImage.status).toBe('queued')
  })

  it('uploads a Buffer: active, with its size and hashes', async () => {
    await glance.images.upload(bufferImage.id, fromBuffer)
    const image = await glance.images.get(bufferImage.id)
    expect(image).toMatchObject({ status: 'active', size: fromBuffer.length, checksum: md5(fromBuffer), os_hash_algo: 'sha512', os_hash_value: sha512(fromBuffer) })
  })

  it('uploads a file path with progress: active, with its size and hashes', async () => {
    const progress: number[] = []
    await glance.images.upload(fileImage.id, { path: filePath }, { onProgress: (p) => progress.push(p.transferred) })
    const image = await glance.images.get(fileImage.id)
    expect(image).toMatchObject({ status: 'active', size: fromFile.length, checksum: md5(fromFile), os_hash_value: sha512(fromFile) })
    expect(progress.at(-1)).toBe(fromFile.length)
  })

  it('`for await` over list({ pageSize: 1 }) follows the next links and finds both', async () => {
    const before = requestLog.length
    const seen: string[] = []
    for await (const image of glance.images.list({ pageSize: 1 })) seen.push(image.id)
    expect(seen).toContain(bufferImage.id)
    expect(seen).toContain(fileImage.id)
    expect(new Set(seen).size).toBe(seen.length)
    // One image per page: a request per image (plus the empty last page, if any).
    const pages = requestLog.slice(before).filter((line) => /-X GET \S+\/v2\/images[?]/.test(line))
    expect(pages.length).toBeGreaterThanOrEqual(seen.length)
    expect(pages[0]).toContain('limit=1')
  })

  it('filters and limits: list({ tags, limit })', async () => {
    const tagged = await glance.images.list({ tags: [runTag], sortKey: ['name'], sortDir: ['asc'] }).toArray()
    expect(tagged.map((i) => i.id)).toEqual([bufferImage.id, fileImage.id])
    const first = await glance.images.list({ tags: [runTag], limit: 1 }).toArray()
    expect(first).toHaveLength(1)
  })

  it('downloadToFile verifies the data and writes it', async () => {
    const target = join(workDir, 'download.img')
    const download = await glance.images.downloadToFile(fileImage.id, target)
    expect(download?.verifiedWith).toBe('sha512')
    expect(readFileSync(target).equals(fromFile)).toBe(true)
  })

  it('download streams the verified data', async () => {
    const download = await glance.images.download(bufferImage.id)
    const chunks: Buffer[] = []
    for await (const chunk of download!.stream) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).equals(fromBuffer)).toBe(true)
    // Glance sends the data chunked (no Content-Length), so only the hash tells.
    expect(download!.verifiedWith).toBe('sha512')
  })

  it('update sets and removes properties', async () => {
    const updated = await glance.images.update(bufferImage.id, { set: { name: `${runTag}-renamed`, min_ram: 64, colour: 'blue' }, remove: ['sdk_e2e'] })
    expect(updated).toMatchObject({ name: `${runTag}-renamed`, min_ram: 64, colour: 'blue' })
    expect(updated).not.toHaveProperty('sdk_e2e')
    const fetched = await glance.images.get(bufferImage.id)
    expect(fetched).toMatchObject({ name: `${runTag}-renamed`, min_ram: 64, colour: 'blue' })
    expect(fetched).not.toHaveProperty('sdk_e2e')
  })

  it('delete removes both; a later get is an HTTPNotFound', async () => {
    for (const image of [bufferImage, fileImage]) {
      await glance.images.delete(image.id)
      created.splice(created.indexOf(image.id), 1)
      const err = await glance.images.get(image.id).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(HTTPNotFound)
      expect((err as HTTPNotFound).status).toBe(404)
      // The SDK asks for JSON; Glance's JSON error text arrives without its HTML line breaks.
      expect((err as HTTPNotFound).details).toBe(`No image found with ID ${image.id}`)
    }
  })

  it('used one token for all of it', () => {
    expect(requestLog.filter((line) => /-X POST \S+\/v3\/auth\/tokens /.test(line))).toHaveLength(1)
  })
})

describe('other ways to log in from the SDK', () => {
  it('an application credential sees demo\'s images', async () => {
    const doc = parse(readFileSync(cloudsYaml(), 'utf8')) as { clouds: Record<string, { auth: Record<string, string> }> }
    const { application_credential_id, application_credential_secret } = doc.clouds['demo-appcred'].auth
    const client = new GlanceClient({
      auth: {
        authType: 'v3applicationcredential',
        authUrl: DEMO_ENV.OS_AUTH_URL,
        applicationCredentialId: application_credential_id,
        applicationCredentialSecret: application_credential_secret,
      },
    })
    const mine = await createImage('appcred')
    try {
      const ids = (await client.images.list().toArray()).map((i) => i.id)
      expect(ids).toContain(mine.id)
      const token = await client.session.token()
      expect(token.projectId).toBe(mine.owner)
    } finally {
      await client.close()
    }
  })

  it.each([
    ['fromEnv, with the demo openrc', () => GlanceClient.fromEnv({ env: DEMO_ENV })],
    ['fromCloud, the stack\'s clouds.yaml entry', () => GlanceClient.fromCloud('demo', { env: { OS_CLIENT_CONFIG_FILE: cloudsYaml() } })],
  ])('%s: configured as the CLI is, it sees demo\'s images', async (_how, configured) => {
    const client = await configured()
    const mine = await createImage('configured')
    try {
      expect((await client.images.get(mine.id)).id).toBe(mine.id)
      expect((await client.session.token()).projectId).toBe(mine.owner)
    } finally {
      await client.close()
    }
  })

  it('a token and a fixed endpoint, without Keystone', async () => {
    const { token } = await issueToken('demo')
    const client = new GlanceClient({ auth: { token }, endpoint: glanceUrl() })
    const mine = await createImage('token')
    try {
      expect((await client.images.get(mine.id)).id).toBe(mine.id)
    } finally {
      await client.close()
    }
  })

  it('a wrong password is an AuthenticationError with keystoneauth\'s wording', async () => {
    const client = new GlanceClient({ auth: { ...demoAuth(), password: 'wrong-password' } })
    try {
      const err = await client.images.list().toArray().catch((e: unknown) => e)
      expect(err).toBeInstanceOf(AuthenticationError)
      expect((err as Error).message).toMatch(/^The request you have made requires authentication\. \(HTTP 401\) \(Request-ID: req-/)
    } finally {
      await client.close()
    }
  })
})
