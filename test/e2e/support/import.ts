/**
 * What the import suites share: their fixture (random image data in a file,
 * a private HOME, and an HTTP server on 127.0.0.1 for Glance's web-download
 * to fetch from, as the stack allows only that host), a poll of an image
 * until its import has settled, and the comparison of image tables printed
 * while an import is still running.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect } from 'vitest'
import { mask } from './mask.js'
import { imageIdOf, tableRows, tableValue, type Pair } from './parity.js'
import type { ImageLedger } from './images.js'
import { getImage, glanceRequest, type ApiImage } from './rest.js'
import { glance, privateHome } from './run.js'
import { openrc, type StackUser } from './stack.js'

export interface DataServer {
  /** URL of the image bytes. */
  url: string
  /** URL answering only after `delayMs`: an import that is still running a while. */
  slowUrl(delayMs: number): string
  /** A port nothing listens on: Glance accepts the import, and its download fails. */
  deadUrl: string
  close(): Promise<void>
}

export async function startDataServer(data: Buffer): Promise<DataServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const send = () => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': data.length })
      res.end(data)
    }
    if (url.pathname === '/image.img') send()
    else if (url.pathname === '/slow.img') setTimeout(send, Number(url.searchParams.get('ms'))).unref()
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const free = createServer()
  await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve))
  const deadPort = (free.address() as AddressInfo).port
  await new Promise((resolve) => free.close(resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${base}/image.img`,
    slowUrl: (delayMs) => `${base}/slow.img?ms=${delayMs}`,
    deadUrl: `http://127.0.0.1:${deadPort}/image.img`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

export interface ImportFixture {
  /** Random image bytes, new for each run. */
  data: Buffer
  /** A file holding `data`. */
  dataFile: string
  /** md5 of `data`: the checksum Glance reports once an import of it is active. */
  md5: string
  /** Temp directory of `dataFile`, removed in afterAll. */
  dir: string
  /** glance caches the image schema under HOME in some modes; the suite keeps its own. */
  home: string
  /** Serves `data`; started in beforeAll, so read it only inside hooks and tests. */
  readonly server: DataServer
}

/**
 * The fixture of an import suite, made when called (at collection), with
 * its data server started in a vitest beforeAll and everything undone in an
 * afterAll, `images` included.
 */
export function useImportFixture({ images, dataSize }: { images: ImageLedger; dataSize: number }): ImportFixture {
  const dir = mkdtempSync(join(tmpdir(), 'tsglance-import-'))
  const data = randomBytes(dataSize)
  const dataFile = join(dir, 'data.img')
  writeFileSync(dataFile, data)
  let server: DataServer | undefined

  beforeAll(async () => {
    server = await startDataServer(data)
  })

  afterAll(async () => {
    // The images go first, and the server and files go even if deleting them fails.
    try {
      await images.cleanup()
    } finally {
      await server?.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  return {
    data,
    dataFile,
    md5: createHash('md5').update(data).digest('hex'),
    dir,
    home: privateHome(),
    get server() {
      if (!server) throw new Error('the data server starts in beforeAll: read it inside a hook or test')
      return server
    },
  }
}

/**
 * Rows of an image table that do not change while an import runs. The
 * others (status, size, hashes, locations, stores, the os_glance_* progress
 * properties, updated_at) depend on how far Glance got when the tool read
 * the image back, so two runs cannot be expected to agree on them.
 */
const STABLE_ROWS = ['container_format', 'created_at', 'disk_format', 'id', 'min_disk', 'min_ram', 'name', 'os_hidden', 'owner', 'protected', 'tags', 'visibility']

export function stableRows(table: string): string {
  return tableRows(table)
    .split('\n')
    .filter((row) => STABLE_ROWS.includes(row.slice(0, row.indexOf(':'))))
    .join('\n')
}

/**
 * Parity of two commands that started an import and printed the image
 * right away: same exit code (0), same stderr, and tables that agree on every
 * row an import does not change (ids and timestamps masked).
 */
export function expectImportParity(pair: Pair): { glance: string; tsglance: string } {
  const context = `glance stderr: ${pair.glance.stderr}\ntsglance stderr: ${pair.tsglance.stderr}`
  expect(pair.glance.code, `glance exit code\n${context}`).toBe(0)
  expect(pair.tsglance.code, `tsglance exit code\n${context}`).toBe(0)
  expect(pair.tsglance.stderr).toBe(pair.glance.stderr)
  expect(mask(stableRows(pair.tsglance.stdout))).toBe(mask(stableRows(pair.glance.stdout)))
  const ids = { glance: imageIdOf(pair.glance.stdout), tsglance: imageIdOf(pair.tsglance.stdout) }
  expect(ids.tsglance, 'tsglance printed an image').toBeDefined()
  return ids as { glance: string; tsglance: string }
}

const showImage = (id: string, user: StackUser) => glance(['image-show', id], { env: openrc(user) })

/** Is an import still running on the image (an import lock, or stores still pending)? */
const importing = (image: ApiImage) => Boolean(image.os_glance_import_task || image.os_glance_importing_to_stores)

/**
 * Poll the image until no import is running on it any more (no import
 * lock, no store pending) and `glance image-show` of it satisfies `done`;
 * that final table. The polling goes to Glance's API; glance shows the
 * image only once it has settled.
 */
export async function settledImage(id: string, done: (table: string) => boolean, { user = 'demo', timeoutMs = 90_000 }: { user?: StackUser; timeoutMs?: number } = {}): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const image = await getImage(id, user)
    if (!importing(image)) {
      const shown = await showImage(id, user)
      expect(shown.code, shown.stderr).toBe(0)
      if (done(shown.stdout)) return shown.stdout
    }
    if (Date.now() > deadline) throw new Error(`image ${id} did not settle: ${JSON.stringify(image)}`)
    await sleep(250)
  }
}

export const isActive = (table: string) => tableValue(table, 'status') === 'active'
export const storesOf = (table: string) => (tableValue(table, 'stores') ?? '').split(',').filter(Boolean).sort()

/**
 * A new image of the ledger whose data sits in staging (status uploading),
 * made through Glance's API as `glance image-stage` makes it. Under the
 * load of concurrent suites the stack's sqlite sometimes answers a stage
 * with 500 ("database is locked"); the fixture then starts over with a new
 * image.
 */
export async function stageFixture(images: ImageLedger, suffix: string, file: string, createArgs: string[]): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const id = await images.create(suffix, createArgs)
    const staged = await glanceRequest('demo', 'PUT', `/v2/images/${id}/stage`, { bytes: readFileSync(file) })
    if (staged.status === 204) return id
    if (attempt === 3 || staged.status !== 500) throw new Error(`fixture image-stage failed: HTTP ${staged.status} ${staged.text}`)
  }
}
