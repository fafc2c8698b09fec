/**
 * Parity of the image commands: the real `glance` 4.1.0 and `tsglance` run
 * with the same arguments and environment against the same Keystone +
 * Glance, and must give the same exit code and stdout (ids and timestamps of
 * each tool's own new images masked), and the same stderr wherever glance
 * words the message itself. Deliberate differences (docs/decisions/) are
 * asserted as documented instead.
 *
 * Every image is named with this run's prefix, listings are narrowed to
 * this run's tag, and afterAll deletes everything the run created.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImageLedger } from './support/images.js'
import { expectImageParity, expectParity, imageIdOf, listedIds, runBoth, tableValue, type Tool } from './support/parity.js'
import { getImage, glanceApi, glanceRequest, type ApiImage } from './support/rest.js'
import { glance, tsglance } from './support/run.js'
import { openrc, requireStack } from './support/stack.js'

requireStack()

const images = new ImageLedger('img')
const dir = mkdtempSync(join(tmpdir(), 'tsglance-parity-'))
const DATA = randomBytes(4219)
const SMALL = randomBytes(1000)
const dataFile = join(dir, 'data.img')
const smallFile = join(dir, 'small.img')
const missingFile = join(dir, 'missing.img')
writeFileSync(dataFile, DATA)
writeFileSync(smallFile, SMALL)

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** One image per tool, made alike with glance, so each tool can act on its own. */
async function imagePair(suffix: string, args: string[] = []): Promise<Record<Tool, string>> {
  return { glance: await images.create(suffix, args), tsglance: await images.create(suffix, args) }
}

/** `image-show` of an id as demo, through glance. */
const showWithGlance = (id: string) => glance(['image-show', id], { env: openrc('demo') })

/** The HTTP status of a GET of the image as demo (404: it is gone). */
const imageStatus = async (id: string) => (await glanceRequest('demo', 'GET', `/v2/images/${id}`)).status

/** Ids of this run's images with exactly this name, as admin sees them. */
async function idsNamed(name: string): Promise<string[]> {
  const { images: found } = await glanceApi<{ images: ApiImage[] }>('admin', 'GET', `/v2/images?name=${encodeURIComponent(name)}`)
  return found.map((image) => image.id)
}

afterAll(async () => {
  try {
    await images.cleanup()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('image-create', () => {
  it('the CirrOS flow: --file with formats, public (admin)', async () => {
    const name = images.name('cirros')
    const pair = await runBoth(['image-create', '--name', name, '--file', dataFile, '--disk-format', 'qcow2', '--container-format', 'bare', '--visibility', 'public'], {
      user: 'admin',
    })
    await expectImageParity(pair, { code: 0, user: 'admin' })
    expect(tableValue(pair.glance.stdout, 'status')).toBe('active')
    expect(tableValue(pair.glance.stdout, 'size')).toBe(String(DATA.length))
    expect(tableValue(pair.tsglance.stdout, 'checksum')).toBe(md5(DATA))
    expect(tableValue(pair.tsglance.stdout, 'visibility')).toBe('public')
  })

  it('without data', async () => {
    const pair = await runBoth(['image-create', '--name', images.name('nodata')])
    await expectImageParity(pair, { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'status')).toBe('queued')
  })

  it('with several --property k=v', async () => {
    const pair = await runBoth(['image-create', '--name', images.name('props'), '--property', 'color=red', '--property', 'hw_rng_model=virtio', '--property', 'empty='])
    await expectImageParity(pair, { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'color')).toBe('red')
    expect(tableValue(pair.tsglance.stdout, 'hw_rng_model')).toBe('virtio')
  })

  it('with --tags a b', async () => {
    const pair = await runBoth(['image-create', '--tags', 'alpha', 'beta', '--name', images.name('tags')])
    await expectImageParity(pair, { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'tags')).toMatch(/"alpha"/)
    expect(tableValue(pair.tsglance.stdout, 'tags')).toMatch(/"beta"/)
  })

  it('with --protected True: delete refused, update back to False, then deleted', async () => {
    const created = await runBoth(['image-create', '--name', images.name('protected'), '--protected', 'True'])
    await expectImageParity(created, { code: 0 })
    expect(tableValue(created.tsglance.stdout, 'protected')).toBe('True')
    const ids = { glance: imageIdOf(created.glance.stdout)!, tsglance: imageIdOf(created.tsglance.stdout)! }

    const refused = expectParity(await runBoth((tool) => ['image-delete', ids[tool]]), { code: 1 })
    expect(refused.tsglance.stderr).toBe(`You are not permitted to delete the image '${ids.tsglance}'.\n`)

    const unprotected = await expectImageParity(await runBoth((tool) => ['image-update', '--protected', 'False', ids[tool]]), { code: 0 })
    expect(tableValue(unprotected.tsglance.stdout, 'protected')).toBe('False')

    expectParity(await runBoth((tool) => ['image-delete', ids[tool]]), { code: 0 })
    expect(await imageStatus(ids.tsglance)).toBe(404)
  })

  it('with --min-disk and --min-ram', async () => {
    const pair = await runBoth(['image-create', '--name', images.name('mins'), '--min-disk', '10', '--min-ram', '512'])
    await expectImageParity(pair, { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'min_disk')).toBe('10')
    expect(tableValue(pair.tsglance.stdout, 'min_ram')).toBe('512')
  })

  it('with --hidden True', async () => {
    const pair = await runBoth(['image-create', '--name', images.name('hidden'), '--hidden', 'True'])
    await expectImageParity(pair, { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'os_hidden')).toBe('True')
  })

  it('with --id, and again with an id that exists (409)', async () => {
    const name = images.name('withid')
    const ids = { glance: randomUUID(), tsglance: randomUUID() }
    const pair = await expectImageParity(await runBoth((tool) => ['image-create', '--name', name, '--id', ids[tool]]), { code: 0 })
    expect(imageIdOf(pair.tsglance.stdout)).toBe(ids.tsglance)

    const taken = expectParity(await runBoth(['image-create', '--name', name, '--id', ids.glance]), { code: 1, masked: false })
    expect(taken.tsglance.stderr).toBe(`HTTP 409 Conflict: Image ID ${ids.glance} already exists!\n`)
  })

  it('with data on stdin', async () => {
    const pair = await runBoth(['image-create', '--name', images.name('stdin'), '--disk-format', 'raw', '--container-format', 'bare'], { stdinFile: smallFile })
    await expectImageParity(pair, { code: 0 })
    expect(tableValue(pair.glance.stdout, 'size')).toBe(String(SMALL.length))
    expect(tableValue(pair.tsglance.stdout, 'checksum')).toBe(md5(SMALL))
  })

  describe('refused before anything is created', () => {
    const refusals: { what: string; args: (name: string) => string[]; stdin?: boolean; stderr: string | RegExp; firstLineOnly?: boolean }[] = [
      {
        what: 'a missing --file',
        args: (name) => ['image-create', '--name', name, '--file', missingFile, '--disk-format', 'raw', '--container-format', 'bare'],
        stderr: `File ${missingFile} does not exist or user does not have read privileges to it\n`,
      },
      {
        what: '--file without formats',
        args: (name) => ['image-create', '--name', name, '--file', dataFile],
        stderr: 'error: Must provide --container-format, --disk-format when using --file.\n',
      },
      {
        what: 'a missing --file without formats (formats are checked first)',
        args: (name) => ['image-create', '--name', name, '--file', missingFile],
        stderr: 'error: Must provide --container-format, --disk-format when using --file.\n',
      },
      {
        what: '--file with only --disk-format',
        args: (name) => ['image-create', '--name', name, '--file', dataFile, '--disk-format', 'raw'],
        stderr: 'error: Must provide --container-format when using --file.\n',
      },
      {
        what: 'stdin data without formats',
        args: (name) => ['image-create', '--name', name],
        stdin: true,
        stderr: 'error: Must provide --container-format, --disk-format when using stdin.\n',
      },
      {
        what: 'a bad --disk-format (schema validation, first line only)',
        args: (name) => ['image-create', '--name', name, '--file', dataFile, '--disk-format', 'foo', '--container-format', 'bare'],
        stderr: /^Unable to set 'disk_format' to 'foo'\. Reason: 'foo' is not one of \[None, 'ami', .*'ploop'\]\n$/,
        firstLineOnly: true,
      },
      {
        what: '--store with a store the cloud does not have',
        args: (name) => ['image-create', '--name', name, '--file', dataFile, '--disk-format', 'raw', '--container-format', 'bare', '--store', 'unknown-store'],
        stderr: "Store 'unknown-store' is not valid for this cloud. Valid values can be retrieved with stores-info command.\n",
      },
      {
        what: '--store without data',
        args: (name) => ['image-create', '--name', name, '--store', 'fast'],
        stderr: '--store option should only be provided with --file option or stdin.\n',
      },
      {
        what: '--visibility public as a non-admin (server policy)',
        args: (name) => ['image-create', '--name', name, '--visibility', 'public'],
        stderr: 'HTTP 403 Forbidden: You are not authorized to complete publicize_image action.\n',
      },
    ]

    for (const [index, refusal] of refusals.entries()) {
      it(refusal.what, async () => {
        const name = images.name(`refused-${index}`)
        const pair = await runBoth(refusal.args(name), { stdinFile: refusal.stdin ? dataFile : undefined })
        expectParity(pair, { code: 1, masked: false, stderr: refusal.firstLineOnly ? 'first-line' : 'equal' })
        expect(pair.tsglance.stdout).toBe('')
        expect(pair.tsglance.stderr).toMatch(refusal.stderr)
        expect(await idsNamed(name)).toEqual([])
      })
    }
  })

  it('a failed upload: glance leaves the queued image, tsglance deletes it (decisions/0004)', async () => {
    // `web` is the stack's read-only http store: Glance accepts the record
    // and refuses the data (410), a cheap real upload failure.
    const name = images.name('upload-fails')
    const pair = await runBoth(['image-create', '--name', name, '--file', dataFile, '--disk-format', 'raw', '--container-format', 'bare', '--store', 'web'])
    const uploadError = 'HTTP 410 Gone: Error in store configuration. Adding images to store is disabled.\n'
    expect(pair.glance.code).toBe(1)
    expect(pair.tsglance.code).toBe(1)
    expect(pair.glance.stderr).toBe(uploadError)
    const orphan = imageIdOf(pair.glance.stdout)
    expect(tableValue(pair.glance.stdout, 'status')).toBe('queued')

    expect(pair.tsglance.stdout).toBe('')
    const deleted = /^Image ([0-9a-f-]{36}) was deleted because its data upload failed\.\n/.exec(pair.tsglance.stderr)
    expect(deleted, pair.tsglance.stderr).not.toBeNull()
    expect(pair.tsglance.stderr.slice(deleted![0].length)).toBe(uploadError)
    expect((await showWithGlance(deleted![1])).stderr).toBe(`HTTP 404 Not Found: No image found with ID ${deleted![1]}\n`)
    expect(await idsNamed(name)).toEqual([orphan])
  })
})

describe('image-list', () => {
  const tag = images.name('list')
  const ids: Record<'a' | 'b' | 'c' | 'hidden', string> = { a: '', b: '', c: '', hidden: '' }
  let owner = ''

  beforeAll(async () => {
    ids.a = await images.create('list-a', ['--tags', tag, 'extra', '--property', 'color=red', '--disk-format', 'raw', '--container-format', 'bare', '--file', dataFile])
    ids.b = await images.create('list-b', ['--tags', tag, '--property', 'color=blue'])
    ids.c = await images.create('list-c', ['--tags', tag, '--property', 'color=red', '--visibility', 'private', '--disk-format', 'qcow2', '--container-format', 'bare', '--file', smallFile])
    ids.hidden = await images.create('list-hidden', ['--tags', tag, '--hidden', 'True'])
    owner = String((await getImage(ids.a)).owner)
  })

  const listBoth = (args: string[]) => runBoth(['image-list', '--tag', tag, ...args])

  const cases: { what: string; args: () => string[]; expected: () => string[] }[] = [
    { what: '--tag (this run only)', args: () => [], expected: () => [ids.a, ids.b, ids.c] },
    { what: '--limit', args: () => ['--limit', '2'], expected: () => [ids.a, ids.b] },
    { what: '--page-size 1 (follows every next link)', args: () => ['--page-size', '1'], expected: () => [ids.a, ids.b, ids.c] },
    { what: '--page-size 1 with --limit', args: () => ['--page-size', '1', '--limit', '2'], expected: () => [ids.a, ids.b] },
    { what: '--sort-key/--sort-dir', args: () => ['--sort-key', 'name', '--sort-dir', 'desc'], expected: () => [ids.c, ids.b, ids.a] },
    { what: 'several --sort-key', args: () => ['--sort-key', 'disk_format', '--sort-key', 'name', '--sort-dir', 'desc', '--sort-dir', 'asc'], expected: () => [ids.a, ids.c, ids.b] },
    { what: '--sort name:desc', args: () => ['--sort', 'name:desc'], expected: () => [ids.c, ids.b, ids.a] },
    { what: '--sort with several keys', args: () => ['--sort', 'size:desc,name'], expected: () => [ids.a, ids.c, ids.b] },
    { what: '--visibility', args: () => ['--visibility', 'private'], expected: () => [ids.c] },
    { what: 'two --tag', args: () => ['--tag', 'extra'], expected: () => [ids.a] },
    { what: '--property-filter', args: () => ['--property-filter', 'color=red'], expected: () => [ids.a, ids.c] },
    { what: '--hidden True', args: () => ['--hidden', 'True'], expected: () => [ids.hidden] },
    { what: '--hidden without a value', args: () => ['--hidden'], expected: () => [ids.hidden] },
    { what: '--include-stores', args: () => ['--include-stores'], expected: () => [ids.a, ids.b, ids.c] },
    { what: '--owner', args: () => ['--owner', owner], expected: () => [ids.a, ids.b, ids.c] },
    { what: '--owner of nobody', args: () => ['--owner', 'nobody'], expected: () => [] },
  ]
  for (const c of cases) {
    it(c.what, async () => {
      const pair = expectParity(await listBoth(c.args()), { code: 0, masked: false })
      expect(listedIds(pair.glance.stdout)).toEqual(c.expected())
    })
  }

  it('--include-stores shows the Stores column', async () => {
    const pair = expectParity(await listBoth(['--include-stores']), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toMatch(/^\| ID +\| Name +\| Stores \|$/m)
    expect(pair.tsglance.stdout).toMatch(new RegExp(`^\\| ${ids.a} \\| ${images.name('list-a')} \\| fast +\\|$`, 'm'))
  })

  for (const flag of ['--verbose', '-v']) {
    it(`${flag} before the subcommand`, async () => {
      const pair = expectParity(await runBoth([flag, 'image-list', '--tag', tag]), { code: 0, masked: false })
      expect(pair.tsglance.stdout).toMatch(/^\| ID +\| Name +\| Disk_format \| Container_format \| Size +\| Status \| Owner +\|$/m)
      expect(listedIds(pair.tsglance.stdout)).toEqual([ids.a, ids.b, ids.c])
    })
  }

  const refusals: { what: string; args: string[]; code: number; stderr?: string }[] = [
    {
      what: 'a bad --sort key (glance checks it client-side)',
      args: ['--sort', 'foo'],
      code: 1,
      stderr: 'HTTP Invalid sort key: foo. It must be one of the following: name, status, container_format, disk_format, size, id, created_at, updated_at.\n',
    },
    { what: 'a bad --sort direction', args: ['--sort', 'name:up'], code: 1, stderr: 'HTTP Invalid sort direction: up. It must be one of the following: asc, desc.\n' },
    {
      what: '--sort together with --sort-key',
      args: ['--sort', 'name', '--sort-key', 'id'],
      code: 1,
      stderr: "HTTP The 'sort' argument is not supported with 'sort_key' or 'sort_dir'.\n",
    },
    {
      what: 'more --sort-dir than --sort-key',
      args: ['--sort-key', 'name', '--sort-dir', 'asc', '--sort-dir', 'desc'],
      code: 1,
      stderr: 'HTTP Unexpected number of sort directions: either provide a single sort direction or an equal number of sort keys and sort directions.\n',
    },
    { what: '--property-filter without =', args: ['--property-filter', 'color'], code: 1, stderr: 'Argument --property-filter expected properties in the format KEY=VALUE\n' },
    // Usage errors: exit 2 like argparse, wording deliberately our own (decisions/0001).
    { what: 'a --sort-key that is not a choice', args: ['--sort-key', 'color'], code: 2 },
    { what: '--tag takes one value', args: ['--tag', 'a', 'b'], code: 2 },
    { what: '--limit that is not an integer', args: ['--limit', 'many'], code: 2 },
  ]
  for (const r of refusals) {
    it(`refuses ${r.what}`, async () => {
      const pair = expectParity(await listBoth(r.args), { code: r.code, masked: false, stderr: r.stderr ? 'equal' : 'ignore' })
      expect(pair.tsglance.stdout).toBe('')
      if (r.stderr) expect(pair.tsglance.stderr).toBe(r.stderr)
      else expect(pair.tsglance.stderr).toMatch(/^tsglance image-list: error: /)
    })
  }
})

describe('image-show', () => {
  let id = ''
  beforeAll(async () => {
    id = await images.create('show', ['--disk-format', 'qcow2', '--container-format', 'bare', '--file', dataFile, '--property', 'description=' + 'a long description to wrap '.repeat(6)])
  })

  it('default', async () => {
    const pair = expectParity(await runBoth(['image-show', id]), { code: 0, masked: false })
    expect(tableValue(pair.tsglance.stdout, 'size')).toBe(String(DATA.length))
  })

  it('--human-readable', async () => {
    const pair = expectParity(await runBoth(['image-show', '--human-readable', id]), { code: 0, masked: false })
    expect(tableValue(pair.glance.stdout, 'size')).toBe('4.1kB')
  })

  for (const width of ['30', '120']) {
    it(`--max-column-width ${width}`, async () => {
      const pair = expectParity(await runBoth(['image-show', '--max-column-width', width, id]), { code: 0, masked: false })
      const widest = Math.max(...pair.glance.stdout.split('\n').map((line) => line.length))
      // Border + "Property" column, then the value column at most `width` wide.
      expect(widest).toBeLessThanOrEqual(23 + Number(width))
      // The value column really is re-wrapped (the default width is 80).
      expect(pair.tsglance.stdout).not.toBe((await tsglance(['image-show', id], { env: openrc('demo') })).stdout)
    })
  }

  it('an unknown id', async () => {
    const unknown = randomUUID()
    const pair = expectParity(await runBoth(['image-show', unknown]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(`HTTP 404 Not Found: No image found with ID ${unknown}\n`)
  })
})

describe('image-update', () => {
  let ids: Record<Tool, string>
  beforeAll(async () => {
    ids = await imagePair('update', ['--property', 'keep=1'])
  })
  const updateBoth = (args: string[]) => runBoth((tool) => ['image-update', ...args, ids[tool]])

  it('--name', async () => {
    const pair = await expectImageParity(await updateBoth(['--name', images.name('updated')]), { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'name')).toBe(images.name('updated'))
  })

  it('--property (several, the id after them)', async () => {
    const pair = await expectImageParity(await updateBoth(['--property', 'a=1', '--property', 'b=two']), { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'a')).toBe('1')
    expect(tableValue(pair.tsglance.stdout, 'b')).toBe('two')
    expect(tableValue(pair.tsglance.stdout, 'keep')).toBe('1')
  })

  it('--remove-property (one present, one absent)', async () => {
    const pair = await expectImageParity(await updateBoth(['--remove-property', 'a', '--remove-property', 'not-there']), { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'a')).toBeUndefined()
    expect(tableValue(pair.tsglance.stdout, 'b')).toBe('two')
  })

  it('--min-disk', async () => {
    const pair = await expectImageParity(await updateBoth(['--min-disk', '5']), { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'min_disk')).toBe('5')
  })

  it('a value the server refuses (400)', async () => {
    const pair = expectParity(await updateBoth(['--min-disk', '-1']), { code: 1 })
    expect(pair.tsglance.stderr).toBe('HTTP 400 Bad Request: Invalid value &#x27;-1&#x27; for parameter &#x27;min_disk&#x27;: Cannot be a negative value\n')
  })

  it('a value the schema refuses (first line only)', async () => {
    const pair = expectParity(await updateBoth(['--visibility', 'everyone']), { code: 1, stderr: 'first-line' })
    expect(pair.tsglance.stderr).toBe("Unable to set 'visibility' to 'everyone'. Reason: 'everyone' is not one of ['community', 'public', 'private', 'shared']\n")
  })

  it('an unknown id', async () => {
    const unknown = randomUUID()
    const pair = expectParity(await runBoth(['image-update', '--name', 'x', unknown]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(`HTTP 404 Not Found: No image found with ID ${unknown}\n`)
  })

  it('leaves the images as glance leaves them', async () => {
    const pair = await expectImageParity(await runBoth((tool) => ['image-show', ids[tool]]), { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'min_disk')).toBe('5')
  })
})

describe('image-delete', () => {
  it('one image', async () => {
    const ids = await imagePair('delete-one')
    const pair = expectParity(await runBoth((tool) => ['image-delete', ids[tool]]), { code: 0 })
    expect(pair.tsglance.stdout).toBe('')
    for (const id of Object.values(ids)) expect(await imageStatus(id)).toBe(404)
  })

  it('several images', async () => {
    const first = await imagePair('delete-several')
    const second = await imagePair('delete-several')
    expectParity(await runBoth((tool) => ['image-delete', first[tool], second[tool]]), { code: 0 })
    for (const id of [...Object.values(first), ...Object.values(second)]) expect(await imageStatus(id)).toBe(404)
  })

  it('unknown ids: one message per id', async () => {
    const unknown = [randomUUID(), 'not-an-id']
    const pair = expectParity(await runBoth(['image-delete', ...unknown]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(unknown.map((id) => `No image with an ID of '${id}' exists.\n`).join(''))
  })

  it('known and unknown ids: the known are deleted, exit 1', async () => {
    const ids = await imagePair('delete-mixed')
    const unknown = randomUUID()
    const pair = expectParity(await runBoth((tool) => ['image-delete', unknown, ids[tool]]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(`No image with an ID of '${unknown}' exists.\n`)
    for (const id of Object.values(ids)) expect(await imageStatus(id)).toBe(404)
  })
})

describe('image-upload', () => {
  /** A fresh queued pair with formats set, ready for data. */
  const queuedPair = (suffix: string) => imagePair(suffix, ['--disk-format', 'raw', '--container-format', 'bare'])

  async function expectUploaded(ids: Record<Tool, string>, data: Buffer): Promise<void> {
    const shown = await expectImageParity(await runBoth((tool) => ['image-show', ids[tool]]), { code: 0 })
    expect(tableValue(shown.tsglance.stdout, 'status')).toBe('active')
    expect(tableValue(shown.tsglance.stdout, 'size')).toBe(String(data.length))
    expect(tableValue(shown.tsglance.stdout, 'checksum')).toBe(md5(data))
  }

  let uploaded: Record<Tool, string>

  it('--file', async () => {
    uploaded = await queuedPair('upload-file')
    const pair = expectParity(await runBoth((tool) => ['image-upload', '--file', dataFile, uploaded[tool]]), { code: 0 })
    expect(pair.tsglance.stdout).toBe('')
    await expectUploaded(uploaded, DATA)
  })

  it('data on stdin', async () => {
    const ids = await queuedPair('upload-stdin')
    expectParity(await runBoth((tool) => ['image-upload', ids[tool]], { stdinFile: smallFile }), { code: 0 })
    await expectUploaded(ids, SMALL)
  })

  it('data on stdin with --size', async () => {
    const ids = await queuedPair('upload-size')
    expectParity(await runBoth((tool) => ['image-upload', '--size', String(SMALL.length), ids[tool]], { stdinFile: smallFile }), { code: 0 })
    await expectUploaded(ids, SMALL)
  })

  it('to an image that already has data (409)', async () => {
    const pair = expectParity(await runBoth((tool) => ['image-upload', '--file', smallFile, uploaded[tool]]), { code: 1 })
    expect(pair.tsglance.stderr).toBe('HTTP 409 Conflict: Image status transition from active to saving is not allowed\n')
    await expectUploaded(uploaded, DATA)
  })

  it('to an unknown image', async () => {
    const unknown = randomUUID()
    const pair = expectParity(await runBoth(['image-upload', '--file', dataFile, unknown]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(`HTTP 404 Not Found: No image found with ID ${unknown}\n`)
  })

  it('a missing --file: same stdout and exit code (stderr is Python\'s errno text in glance)', async () => {
    const ids = await queuedPair('upload-missing')
    const pair = expectParity(await runBoth((tool) => ['image-upload', '--file', missingFile, ids[tool]]), { code: 1, stderr: 'ignore' })
    expect(pair.glance.stderr).toBe(`[Errno 2] No such file or directory: '${missingFile}'\n`)
    expect(pair.tsglance.stderr).toBe(`File ${missingFile} does not exist or user does not have read privileges to it\n`)
  })

  it('no data at all: glance uploads an empty body, tsglance refuses (decisions/0003)', async () => {
    const ids = await queuedPair('upload-nothing')
    const pair = await runBoth((tool) => ['image-upload', ids[tool]])
    expect(pair.glance.code).toBe(0)
    expect((await getImage(ids.glance)).size).toBe(0)
    expect(pair.tsglance).toMatchObject({ code: 1, stdout: '', stderr: 'No image data: use --file <FILE> or pipe the data on stdin.\n' })
    expect((await getImage(ids.tsglance)).status).toBe('queued')
  })
})

describe('image-download', () => {
  let id = ''
  let queued = ''
  beforeAll(async () => {
    id = await images.create('download', ['--disk-format', 'raw', '--container-format', 'bare', '--file', dataFile])
    queued = await images.create('download-nodata')
  })

  it('--file: same bytes as uploaded', async () => {
    const target = (tool: Tool) => join(dir, `download-${tool}.img`)
    const pair = expectParity(await runBoth((tool) => ['image-download', '--file', target(tool), id]), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toBe('')
    const [fromGlance, fromTsglance] = [readFileSync(target('glance')), readFileSync(target('tsglance'))]
    expect(sha256(fromTsglance)).toBe(sha256(fromGlance))
    expect(fromTsglance.equals(DATA)).toBe(true)
  })

  it('to stdout: the image bytes and nothing else', async () => {
    const pair = await runBoth(['image-download', id])
    expect(pair.glance.code).toBe(0)
    expect(pair.tsglance.code).toBe(0)
    expect(pair.glance.stdoutBytes.equals(DATA)).toBe(true)
    expect(sha256(pair.tsglance.stdoutBytes)).toBe(sha256(pair.glance.stdoutBytes))
    expect(pair.tsglance.stderr).toBe(pair.glance.stderr)
  })

  it('an unknown id', async () => {
    const unknown = randomUUID()
    const pair = expectParity(await runBoth(['image-download', unknown]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(`Unable to download image '${unknown}'. (HTTP 404 Not Found: No image found with ID ${unknown})\n`)
  })

  it('an image without data', async () => {
    const pair = expectParity(await runBoth(['image-download', queued]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(`Image ${queued} has no data.\n`)
  })

  it('--file of an image without data writes no file', async () => {
    const target = (tool: Tool) => join(dir, `nodata-${tool}.img`)
    const pair = expectParity(await runBoth((tool) => ['image-download', '--file', target(tool), queued]), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(`Image ${queued} has no data.\n`)
    expect(existsSync(target('glance'))).toBe(false)
    expect(existsSync(target('tsglance'))).toBe(false)
  })
})
