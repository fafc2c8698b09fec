/**
 * Parity of the commands that change an existing image in place (tags,
 * deactivate/reactivate, locations) and of `usage`: the real `glance`
 * 4.1.0 and `tsglance` run against the same Keystone + Glance and must give
 * the same exit code and stdout, and the same stderr where glance words it.
 *
 * Where a command is idempotent both tools act on the same image, so the
 * outputs compare byte for byte; otherwise each tool gets its own image,
 * made alike with glance. Every image is named with this run's prefix and
 * afterAll deletes them all.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImageLedger } from './support/images.js'
import { expectParity, runBoth, tableValue, type Tool } from './support/parity.js'
import { glance } from './support/run.js'
import { openrc, requireStack, type StackUser } from './support/stack.js'

requireStack()

const images = new ImageLedger('life')
const dir = mkdtempSync(join(tmpdir(), 'tsglance-lifecycle-'))
const dataFile = join(dir, 'data.img')
writeFileSync(dataFile, randomBytes(2048))

/**
 * Reachable http URLs for the stack's read-only `web` store: Glance fetches
 * them to learn the size, refuses file:// and only reaches 127.0.0.1.
 */
const KEYSTONE_URL = openrc('demo').OS_AUTH_URL.replace(/\/+$/, '')
const VERSIONS_URL = 'http://127.0.0.1:9292/versions'

const DATA_ARGS = ['--disk-format', 'raw', '--container-format', 'bare', '--file', dataFile]
const FORMAT_ARGS = ['--disk-format', 'raw', '--container-format', 'bare']

/** One image per tool, made alike with glance. */
async function imagePair(suffix: string, args: string[] = [], user: StackUser = 'demo'): Promise<Record<Tool, string>> {
  return { glance: await images.create(suffix, args, { user }), tsglance: await images.create(suffix, args, { user }) }
}

/** Run glance as demo (fixtures and checks). */
async function glanceOk(args: string[], user: StackUser = 'demo'): Promise<string> {
  const res = await glance(args, { env: openrc(user) })
  expect(res.code, `glance ${args.join(' ')}: ${res.stderr}`).toBe(0)
  return res.stdout
}

const shownValue = async (id: string, property: string) => tableValue(await glanceOk(['image-show', id]), property)

afterAll(async () => {
  try {
    await images.cleanup()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('image-tag-update', () => {
  let id = ''
  beforeAll(async () => {
    id = await images.create('tag-update')
  })

  it('adds a tag and prints ID and Tags of the image (same image, byte for byte)', async () => {
    const pair = expectParity(await runBoth(['image-tag-update', id, 'alpha']), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toContain(`| ${id} | ['alpha'] |`)
  })

  it('a tag with a space, printed as the Python list repr', async () => {
    const pair = expectParity(await runBoth(['image-tag-update', id, 'two words']), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toMatch(/'two words'/)
  })

  it('an unknown image', async () => {
    const unknown = randomUUID()
    const pair = expectParity(await runBoth(['image-tag-update', unknown, 'alpha']), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(`HTTP 404 Not Found: Image ${unknown} not found.\n`)
  })

  it('an empty image id or tag', async () => {
    for (const args of [['', 'alpha'], [id, '']]) {
      const pair = expectParity(await runBoth(['image-tag-update', ...args]), { code: 1, masked: false })
      expect(pair.tsglance.stderr).toBe('Unable to update tag. Specify image_id and tag_value\n')
    }
  })

  it('a missing argument is a usage error (exit 2)', async () => {
    expectParity(await runBoth(['image-tag-update', id]), { code: 2, stderr: 'ignore', masked: false })
  })

  it('a tag with ? # %: glance sends it raw and stores a mangled tag, tsglance stores it as typed (decisions/0006)', async () => {
    const ids = await imagePair('tag-reserved')
    const pair = await runBoth((tool) => ['image-tag-update', ids[tool], 'what?'])
    expect([pair.glance.code, pair.tsglance.code]).toEqual([0, 0])
    expect(await shownValue(ids.glance, 'tags')).toBe('["what"]')
    expect(await shownValue(ids.tsglance, 'tags')).toBe('["what?"]')
    expect(pair.tsglance.stdout).toContain("['what?']")
  })
})

describe('image-tag-delete', () => {
  let id = ''
  beforeAll(async () => {
    id = await images.create('tag-delete', ['--tags', 'one', 'two', 'keep'])
  })

  it('each tool deletes one tag: no output, exit 0', async () => {
    const pair = expectParity(await runBoth((tool) => ['image-tag-delete', id, tool === 'glance' ? 'one' : 'two']), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toBe('')
    expect(await shownValue(id, 'tags')).toBe('["keep"]')
  })

  it('a tag the image does not have', async () => {
    const pair = expectParity(await runBoth(['image-tag-delete', id, 'absent']), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('HTTP 404 Not Found: The resource could not be found.\n')
  })

  it('an unknown image', async () => {
    const unknown = randomUUID()
    expectParity(await runBoth(['image-tag-delete', unknown, 'keep']), { code: 1, masked: false })
  })

  it('an empty tag', async () => {
    const pair = expectParity(await runBoth(['image-tag-delete', id, '']), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('Unable to delete tag. Specify image_id and tag_value\n')
  })
})

describe('image-deactivate / image-reactivate', () => {
  let ids: Record<Tool, string>
  beforeAll(async () => {
    ids = await imagePair('state', DATA_ARGS)
  })

  it('deactivate: no output; the image is deactivated and its data refused', async () => {
    const pair = expectParity(await runBoth((tool) => ['image-deactivate', ids[tool]]), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toBe('')
    for (const id of Object.values(ids)) expect(await shownValue(id, 'status')).toBe('deactivated')
    const download = expectParity(await runBoth((tool) => ['image-download', '--file', join(dir, `${tool}.img`), ids[tool]]), { code: 1 })
    expect(download.tsglance.stderr).toMatch(/The requested image has been deactivated/)
  })

  it('deactivating again is accepted (idempotent)', async () => {
    expectParity(await runBoth((tool) => ['image-deactivate', ids[tool]]), { code: 0, masked: false })
  })

  it('reactivate: no output; the image is active again', async () => {
    expectParity(await runBoth((tool) => ['image-reactivate', ids[tool]]), { code: 0, masked: false })
    for (const id of Object.values(ids)) expect(await shownValue(id, 'status')).toBe('active')
  })

  it('deactivate an unknown image', async () => {
    const unknown = randomUUID()
    for (const command of ['image-deactivate', 'image-reactivate']) {
      const pair = expectParity(await runBoth([command, unknown]), { code: 1, masked: false })
      expect(pair.tsglance.stderr).toBe(`HTTP 404 Not Found: No image found with ID ${unknown}\n`)
    }
  })

  it("deactivate an image without data (Glance's 403, HTML-escaped as glance prints it)", async () => {
    const queued = await images.create('state-queued')
    const pair = expectParity(await runBoth(['image-deactivate', queued]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe("HTTP 403 Forbidden: Not allowed to deactivate image in status &#x27;queued&#x27;\n")
  })

  it("another project's private image is not found", async () => {
    expectParity(await runBoth(['image-deactivate', ids.glance], { user: 'alt' }), { code: 1, masked: false })
  })
})

describe('location-add', () => {
  it('adds an http location to a queued image and prints the image (print_dict, no self link)', async () => {
    const ids = await imagePair('loc-add', FORMAT_ARGS)
    const pair = expectParity(await runBoth((tool) => ['location-add', '--url', KEYSTONE_URL, ids[tool]]), { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'status')).toBe('active')
    expect(tableValue(pair.tsglance.stdout, 'direct_url')).toBe(KEYSTONE_URL)
    expect(pair.tsglance.stdout).toMatch(/^\| file +\| \/v2\/images\//m)
    expect(pair.tsglance.stdout).not.toMatch(/^\| self /m)
    // Byte for byte against glance's print_dict of the same image: location-update
    // with the metadata it already has prints the image without changing it.
    const same = await glance(['location-update', '--url', KEYSTONE_URL, '--metadata', '{"store": "web"}', ids.tsglance], { env: openrc('demo') })
    expect(same.code, same.stderr).toBe(0)
    expect(pair.tsglance.stdout).toBe(same.stdout)
  })

  it('with --metadata and multihash validation data', async () => {
    const ids = await imagePair('loc-hash', FORMAT_ARGS)
    const hash = 'ab'.repeat(64)
    const pair = expectParity(
      await runBoth((tool) => ['location-add', '--url', KEYSTONE_URL, '--metadata', '{"store": "web", "note": "x"}', '--hash-algo', 'sha512', '--hash-value', hash, ids[tool]]),
      { code: 0 },
    )
    expect(tableValue(pair.tsglance.stdout, 'os_hash_algo')).toBe('sha512')
    // The metadata may be wrapped across table lines (the URL's length moves the break).
    expect(pair.tsglance.stdout.replace(/ *\|\n\| +\| /g, ' ')).toMatch(/"note": +"x"/)
  })

  it('--checksum alone: the server refuses the validation data (400, its long message)', async () => {
    const ids = await imagePair('loc-checksum', FORMAT_ARGS)
    const pair = expectParity(await runBoth((tool) => ['location-add', '--url', KEYSTONE_URL, '--checksum', 'abc', ids[tool]]), { code: 1 })
    expect(pair.tsglance.stderr).toMatch(/^HTTP 400 Bad Request: Provided object does not match schema/)
  })

  it('a refused URL: file:// (400 Invalid location)', async () => {
    const ids = await imagePair('loc-file', FORMAT_ARGS)
    const pair = expectParity(await runBoth((tool) => ['location-add', '--url', 'file:///etc/passwd', ids[tool]]), { code: 1 })
    expect(pair.tsglance.stderr).toBe('HTTP 400 Bad Request: Invalid location\n')
  })

  it('--metadata that is not JSON is refused before any request', async () => {
    const unknown = randomUUID()
    const pair = expectParity(await runBoth(['location-add', '--url', KEYSTONE_URL, '--metadata', '{nope', unknown]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('Metadata is not a valid JSON object.\n')
  })

  it('an unknown image', async () => {
    const unknown = randomUUID()
    expectParity(await runBoth(['location-add', '--url', KEYSTONE_URL, unknown]), { code: 1, masked: false })
  })

  it('without --url: usage error (exit 2)', async () => {
    expectParity(await runBoth(['location-add', randomUUID()]), { code: 2, stderr: 'ignore', masked: false })
  })
})

describe('location-update', () => {
  let ids: Record<Tool, string>
  beforeAll(async () => {
    ids = await imagePair('loc-update', FORMAT_ARGS)
    for (const id of Object.values(ids)) await glanceOk(['location-add', '--url', KEYSTONE_URL, id])
  })

  it('replaces the metadata of one location and prints the image', async () => {
    const pair = expectParity(await runBoth((tool) => ['location-update', '--url', KEYSTONE_URL, '--metadata', '{"store": "web", "k": "v"}', ids[tool]]), { code: 0 })
    expect(pair.tsglance.stdout).toMatch(/"k": "v"/)
  })

  it('unchanged metadata: the image as it is (same image, byte for byte)', async () => {
    expectParity(await runBoth(['location-update', '--url', KEYSTONE_URL, '--metadata', '{"k": "v", "store": "web"}', ids.glance]), { code: 0, masked: false })
  })

  it('without --metadata: the warning on stdout, then the image', async () => {
    const pair = expectParity(await runBoth((tool) => ['location-update', '--url', KEYSTONE_URL, ids[tool]]), { code: 0 })
    expect(pair.tsglance.stdout.split('\n')[0]).toBe("WARNING -- The location's metadata will be updated to an empty JSON object.")
  })

  it('a URL the image does not have (after the warning)', async () => {
    const pair = expectParity(await runBoth(['location-update', '--url', 'http://127.0.0.1:9/none', ids.glance]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('HTTP Unknown URL: http://127.0.0.1:9/none, the URL must be one of existing locations of current image\n')
  })

  it('--metadata that is not JSON', async () => {
    const pair = expectParity(await runBoth(['location-update', '--url', KEYSTONE_URL, '--metadata', 'nope', ids.glance]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('Metadata is not a valid JSON object.\n')
  })
})

describe('location-delete', () => {
  let ids: Record<Tool, string>
  beforeAll(async () => {
    ids = await imagePair('loc-delete', FORMAT_ARGS)
    for (const id of Object.values(ids)) {
      await glanceOk(['location-add', '--url', KEYSTONE_URL, id])
      await glanceOk(['location-add', '--url', VERSIONS_URL, id])
    }
  })

  it('an unknown URL removes nothing', async () => {
    const pair = expectParity(await runBoth(['location-delete', '--url', 'http://127.0.0.1:9/none', '--url', VERSIONS_URL, ids.glance]), {
      code: 1,
      masked: false,
    })
    expect(pair.tsglance.stderr).toBe("HTTP Unknown URL(s): ['http://127.0.0.1:9/none']\n")
    expect(await shownValue(ids.glance, 'direct_url')).toBe(KEYSTONE_URL)
  })

  it('removes one location: no output', async () => {
    const pair = expectParity(await runBoth((tool) => ['location-delete', '--url', VERSIONS_URL, ids[tool]]), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toBe('')
    for (const id of Object.values(ids)) expect(await shownValue(id, 'locations')).toBe(`[{"url": "${KEYSTONE_URL}", "metadata": {"store": "web"}}]`)
  })

  it("the last location is kept (Glance's 403)", async () => {
    const pair = expectParity(await runBoth((tool) => ['location-delete', '--url', KEYSTONE_URL, ids[tool]]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('HTTP 403 Forbidden: Access was denied to this resource.: Cannot remove last location in the image.\n')
  })

  it('an unknown image', async () => {
    const unknown = randomUUID()
    const pair = expectParity(await runBoth(['location-delete', '--url', KEYSTONE_URL, unknown]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(`HTTP 404 Not Found: No image found with ID ${unknown}\n`)
  })
})

describe('usage', () => {
  it('unauthenticated: same failure', async () => {
    const pair = expectParity(await runBoth(['usage'], { env: { OS_PASSWORD: 'wrong' } }), { code: 1 })
    expect(pair.tsglance.stdout).toBe('')
  })
})
