/**
 * Parity of the import commands (import-info, stores-info, stores-delete,
 * image-stage, image-import, image-create-via-import, image-tasks): the real
 * `glance` 4.1.0 and `tsglance` run with the same arguments against the same
 * stack, and must give the same exit code and stdout, and the same stderr
 * where glance words the message. Deliberate differences (docs/decisions/)
 * are asserted as documented. Imports run without --wait here, as glance
 * has none: the test polls until each image is active (import-wait.test.ts
 * covers --wait).
 *
 * Every image is named with this run's prefix and deleted in afterAll.
 */
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ImageLedger } from './support/images.js'
import { expectImportParity, isActive, settledImage, stageFixture, storesOf, useImportFixture } from './support/import.js'
import { expectParity, runBoth, tableValue, type PairOptions, type Tool } from './support/parity.js'
import { glance } from './support/run.js'
import { openrc, requireStack, type StackUser } from './support/stack.js'

requireStack()

const images = new ImageLedger('imp')
const fixture = useImportFixture({ images, dataSize: 5119 })
const { data, dataFile, md5, home } = fixture
const missingFile = join(fixture.dir, 'missing.img')
const FORMATS = ['--disk-format', 'raw', '--container-format', 'bare']
const NO_SUCH_IMAGE = '00000000-0000-4000-8000-000000000000'

const both = (args: string[] | ((tool: Tool) => string[]), options: PairOptions = {}) => runBoth(args, { ...options, env: { HOME: home, ...options.env } })

/** One fixture image per tool, made alike with the real glance. */
async function imagePair(suffix: string, args: string[], user: StackUser = 'demo'): Promise<Record<Tool, string>> {
  return { glance: await images.create(suffix, args, { user }), tsglance: await images.create(suffix, args, { user }) }
}

const stagedImage = (suffix: string) => stageFixture(images, suffix, dataFile, FORMATS)

async function stagedPair(suffix: string): Promise<Record<Tool, string>> {
  return { glance: await stagedImage(suffix), tsglance: await stagedImage(suffix) }
}

describe('import-info', () => {
  it('prints the import methods as glance does', async () => {
    const pair = expectParity(await both(['import-info']), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toContain('"web-download", "copy-image"]}')
  })
})

describe('stores-info', () => {
  it('lists the stores', async () => {
    const pair = expectParity(await both(['stores-info']), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toContain('"id": "cheap"')
  })

  it('--detail as admin shows each store type and settings', async () => {
    const pair = expectParity(await both(['stores-info', '--detail'], { user: 'admin' }), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toContain('"type": "file"')
  })

  it('--detail as a member is refused by policy (403)', async () => {
    const pair = expectParity(await both(['stores-info', '--detail']), { code: 1 })
    expect(pair.tsglance.stderr).toBe('HTTP 403 Forbidden: You are not authorized to complete stores_info_detail action.\n')
  })
})

describe('image-tasks', () => {
  let imported = ''
  beforeAll(async () => {
    imported = await images.create('tasks', [...FORMATS, '--file', dataFile], { user: 'admin' })
    const copy = await glance(['image-import', imported, '--import-method', 'copy-image', '--stores', 'cheap'], { env: { ...openrc('admin'), HOME: home } })
    expect(copy.code, copy.stderr).toBe(0)
    await settledImage(imported, (t) => storesOf(t).includes('cheap'), { user: 'admin' })
  })

  it('lists the import task of an image', async () => {
    const pair = expectParity(await both(['image-tasks', imported], { user: 'admin' }), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toMatch(/^\| Message +\| Status +\| Updated at +\|$/m)
    expect(pair.tsglance.stdout).toContain('| success |')
  })

  it('--verbose adds the ids, input and result columns', async () => {
    const pair = expectParity(await both(['--verbose', 'image-tasks', imported], { user: 'admin' }), { code: 0, masked: false })
    expect(pair.tsglance.stdout).toContain('| Image Id ')
    expect(pair.tsglance.stdout).toContain("'import_req': {'method': {'name': 'copy-image'}")
  })

  it('an image without tasks: an empty table', async () => {
    const id = await images.create('notasks')
    expectParity(await both(['image-tasks', id]), { code: 0, masked: false })
  })

  it('an unknown image', async () => {
    const pair = expectParity(await both(['image-tasks', NO_SUCH_IMAGE]), { code: 1 })
    expect(pair.tsglance.stderr).toBe(`Image ${NO_SUCH_IMAGE} not found.\n`)
  })
})

describe('image-stage', () => {
  it('stages a file: nothing printed, the image waits in uploading', async () => {
    const ids = await imagePair('stage', FORMATS)
    expectParity(await both((tool) => ['image-stage', '--file', dataFile, ids[tool]]), { code: 0 })
    for (const id of Object.values(ids)) {
      const shown = await glance(['image-show', id], { env: openrc('demo') })
      expect(tableValue(shown.stdout, 'status')).toBe('uploading')
      expect(tableValue(shown.stdout, 'size')).toBe(String(data.length))
    }
  })

  it('stages stdin, with --progress (drawn only on a terminal)', async () => {
    const ids = await imagePair('stage-stdin', FORMATS)
    expectParity(await both((tool) => ['image-stage', '--progress', ids[tool]], { stdinFile: dataFile }), { code: 0 })
  })

  it('a --size that disagrees with the file is ignored, as glance ignores it', async () => {
    const ids = await imagePair('stage-size', FORMATS)
    expectParity(await both((tool) => ['image-stage', '--file', dataFile, '--size', '7', ids[tool]]), { code: 0 })
  })

  it('staging twice: 409 from Glance', async () => {
    const ids = await stagedPair('stage-twice')
    const pair = expectParity(await both((tool) => ['image-stage', '--file', dataFile, ids[tool]]), { code: 1 })
    expect(pair.tsglance.stderr).toBe('HTTP 409 Conflict: Image status transition from uploading to uploading is not allowed\n')
  })

  it('an unknown image: 404', async () => {
    const pair = expectParity(await both(['image-stage', '--file', dataFile, NO_SUCH_IMAGE]), { code: 1 })
    expect(pair.tsglance.stderr).toBe(`HTTP 404 Not Found: No image found with ID ${NO_SUCH_IMAGE}\n`)
  })

  it("a missing --file: same exit code and stdout (glance's stderr is Python's errno text)", async () => {
    const pair = expectParity(await both(['image-stage', '--file', missingFile, NO_SUCH_IMAGE]), { code: 1, stderr: 'ignore' })
    expect(pair.glance.stderr).toBe(`[Errno 2] No such file or directory: '${missingFile}'\n`)
    expect(pair.tsglance.stderr).toBe(`File ${missingFile} does not exist or user does not have read privileges to it\n`)
  })

  it('no data at all: glance stages an empty body, tsglance refuses (decisions/0003)', async () => {
    const ids = await imagePair('stage-nothing', FORMATS)
    const pair = await both((tool) => ['image-stage', ids[tool]])
    expect(pair.glance.code).toBe(0)
    expect(pair.tsglance).toMatchObject({ code: 1, stdout: '', stderr: 'No image data: use --file <FILE> or pipe the data on stdin.\n' })
    const left = await glance(['image-show', ids.tsglance], { env: openrc('demo') })
    expect(tableValue(left.stdout, 'status')).toBe('queued')
  })
})

describe('image-import', () => {
  describe('refused by glance before the import request', () => {
    let queued = ''
    let formatless = ''
    let staged = ''
    beforeAll(async () => {
      queued = await images.create('refusals', FORMATS)
      formatless = await images.create('formatless')
      staged = await stagedImage('refusals-staged')
    })

    const refusals: { what: string; args: () => string[]; stderr: string }[] = [
      {
        what: 'an import method the cloud does not enable',
        args: () => ['image-import', queued, '--import-method', 'bogus'],
        stderr: "Import method 'bogus' is not valid for this cloud. Valid values can be retrieved with import-info command.\n",
      },
      {
        what: 'glance-download (not enabled on this cloud)',
        args: () => ['image-import', queued, '--import-method', 'glance-download', '--remote-region', 'R2', '--remote-image-id', NO_SUCH_IMAGE],
        stderr: "Import method 'glance-download' is not valid for this cloud. Valid values can be retrieved with import-info command.\n",
      },
      { what: 'web-download without --uri', args: () => ['image-import', queued, '--import-method', 'web-download'], stderr: 'Provide URI for web-download import method.\n' },
      {
        what: '--uri with glance-direct',
        args: () => ['image-import', queued, '--uri', 'http://127.0.0.1/x'],
        stderr: "Import method should be 'web-download' if URI is provided.\n",
      },
      {
        what: 'copy-image without --stores or --all-stores',
        args: () => ['image-import', queued, '--import-method', 'copy-image'],
        stderr: "Provide either --stores or --all-stores for 'copy-image' import method.\n",
      },
      {
        what: 'copy-image of an image that is not active',
        args: () => ['image-import', queued, '--import-method', 'copy-image', '--stores', 'cheap'],
        stderr: "The 'copy-image' import method can only be used on an image with status 'active'.\n",
      },
      {
        what: 'copy-image to an unknown store',
        args: () => ['image-import', queued, '--import-method', 'copy-image', '--stores', 'cheap,nope'],
        stderr: "Store 'nope' is not valid for this cloud. Valid values can be retrieved with stores-info command.\n",
      },
      {
        what: 'an unknown --store',
        args: () => ['image-import', staged, '--store', 'nope'],
        stderr: "Store 'nope' is not valid for this cloud. Valid values can be retrieved with stores-info command.\n",
      },
      {
        what: '--store with --stores',
        args: () => ['image-import', staged, '--store', 'fast', '--stores', 'cheap'],
        stderr: 'Only one of --store, --stores and --all-stores can be provided\n',
      },
      {
        what: '--stores with --all-stores True',
        args: () => ['image-import', staged, '--stores', 'cheap', '--all-stores', 'True'],
        stderr: 'Only one of --store, --stores and --all-stores can be provided\n',
      },
      {
        what: 'glance-direct of an image that was not staged',
        args: () => ['image-import', queued],
        stderr: "The 'glance-direct' import method can only be applied to an image in status 'uploading'\n",
      },
      {
        what: 'web-download of a staged image',
        args: () => ['image-import', staged, '--import-method', 'web-download', '--uri', fixture.server.url],
        stderr: "The 'web-download' import method can only be applied to an image in status 'queued'\n",
      },
      {
        what: 'an image without disk and container formats',
        args: () => ['image-import', formatless, '--import-method', 'web-download', '--uri', fixture.server.url],
        stderr: "The 'container_format' and 'disk_format' properties must be set on an image before it can be imported.\n",
      },
      {
        what: 'an unknown image',
        args: () => ['image-import', NO_SUCH_IMAGE],
        stderr: `HTTP 404 Not Found: No image found with ID ${NO_SUCH_IMAGE}\n`,
      },
    ]
    for (const refusal of refusals) {
      it(refusal.what, async () => {
        const pair = expectParity(await both(refusal.args()), { code: 1, masked: false })
        expect(pair.tsglance.stderr).toBe(refusal.stderr)
      })
    }

    it('--all-stores false counts as absent, as in glance', async () => {
      expectParity(await both(['image-import', queued, '--import-method', 'copy-image', '--all-stores', 'No']), { code: 1, masked: false })
    })

    it('an --all-stores value oslo does not know: glance reads False and goes on, tsglance stops (exit 2, decisions/0019)', async () => {
      const pair = await both(['image-import', queued, '--import-method', 'copy-image', '--all-stores', 'nope'])
      expect(pair.glance.code, pair.glance.stderr).toBe(1)
      expect(pair.tsglance.code, pair.tsglance.stderr).toBe(2)
      expect(pair.tsglance.stderr).toContain("tsglance image-import: error: argument --all-stores: invalid boolean value: 'nope'")
    })

    it('a missing image id: usage error (exit 2)', async () => {
      expectParity(await both(['image-import', '--import-method', 'glance-direct']), { code: 2, stderr: 'ignore' })
    })
  })

  it('web-download of a URL Glance refuses (400)', async () => {
    const ids = await imagePair('refused-uri', FORMATS)
    const uri = 'http://localhost:8000/image.img'
    const pair = expectParity(await both((tool) => ['image-import', ids[tool], '--import-method', 'web-download', '--uri', uri]), { code: 1 })
    expect(pair.tsglance.stderr).toBe(`HTTP 400 Bad Request: URI for web-download does not pass filtering: ${uri}\n`)
  })

  it('copy-image to a store that has the image already (400)', async () => {
    const ids = await imagePair('copy-again', [...FORMATS, '--file', dataFile], 'admin')
    const pair = expectParity(await both((tool) => ['image-import', ids[tool], '--import-method', 'copy-image', '--stores', 'fast'], { user: 'admin' }), {
      code: 1,
    })
    expect(pair.tsglance.stderr).toMatch(/^HTTP 400 Bad Request: Image is already present at store .*fast/)
  })

  it('copy-image as a member is refused by policy (403)', async () => {
    const ids = await imagePair('copy-member', [...FORMATS, '--file', dataFile])
    const pair = expectParity(await both((tool) => ['image-import', ids[tool], '--import-method', 'copy-image', '--stores', 'cheap']), { code: 1 })
    expect(pair.tsglance.stderr).toBe('HTTP 403 Forbidden: You are not authorized to complete copy_image action.\n')
  })

  it('glance-direct: a staged image becomes active', async () => {
    const ids = await stagedPair('direct')
    const printed = expectImportParity(await both((tool) => ['image-import', ids[tool], '--import-method', 'glance-direct']))
    expect(printed).toEqual(ids)
    for (const id of Object.values(ids)) expect(tableValue(await settledImage(id, isActive), 'checksum')).toBe(md5)
  })

  it('glance-direct into --store cheap (X-Image-Meta-Store)', async () => {
    const ids = await stagedPair('direct-store')
    expectImportParity(await both((tool) => ['image-import', ids[tool], '--store', 'cheap']))
    for (const id of Object.values(ids)) expect(storesOf(await settledImage(id, isActive))).toEqual(['cheap'])
  })

  it('web-download from a server on 127.0.0.1 becomes active', async () => {
    const ids = await imagePair('web', FORMATS)
    expectImportParity(await both((tool) => ['image-import', ids[tool], '--import-method', 'web-download', '--uri', fixture.server.url]))
    for (const id of Object.values(ids)) expect(tableValue(await settledImage(id, isActive), 'checksum')).toBe(md5)
  })

  it('web-download of a URL nobody serves: accepted, and the import fails later (the image goes back to queued)', async () => {
    const ids = await imagePair('web-dead', FORMATS)
    expectImportParity(await both((tool) => ['image-import', ids[tool], '--import-method', 'web-download', '--uri', fixture.server.deadUrl]))
    for (const id of Object.values(ids)) {
      const settled = await settledImage(id, (t) => tableValue(t, 'os_glance_failed_import') === 'fast')
      expect(tableValue(settled, 'status')).toBe('queued')
    }
  })

  it('copy-image to another store (admin)', async () => {
    const ids = await imagePair('copy', [...FORMATS, '--file', dataFile], 'admin')
    expectImportParity(await both((tool) => ['image-import', ids[tool], '--import-method', 'copy-image', '--stores', 'cheap'], { user: 'admin' }))
    for (const id of Object.values(ids)) expect(storesOf(await settledImage(id, (t) => storesOf(t).length === 2, { user: 'admin' }))).toEqual(['cheap', 'fast'])
  })

  it('copy-image to --all-stores with --allow-failure False (admin): every writable store', async () => {
    const ids = await imagePair('copy-all', [...FORMATS, '--file', dataFile], 'admin')
    const args = (tool: Tool) => ['image-import', ids[tool], '--import-method', 'copy-image', '--all-stores', 'True', '--allow-failure', 'False']
    expectImportParity(await both(args, { user: 'admin' }))
    // Glance leaves the read-only web store out of "all stores".
    for (const id of Object.values(ids)) expect(storesOf(await settledImage(id, (t) => storesOf(t).length === 2, { user: 'admin' }))).toEqual(['cheap', 'fast'])
  })
})

describe('stores-delete', () => {
  let copied: Record<Tool, string>
  let single = ''
  beforeAll(async () => {
    copied = await imagePair('twostores', [...FORMATS, '--file', dataFile], 'admin')
    for (const id of Object.values(copied)) {
      const copy = await glance(['image-import', id, '--import-method', 'copy-image', '--stores', 'cheap'], { env: { ...openrc('admin'), HOME: home } })
      expect(copy.code, copy.stderr).toBe(0)
      await settledImage(id, (t) => storesOf(t).length === 2, { user: 'admin' })
    }
    single = await images.create('onestore', [...FORMATS, '--file', dataFile], { user: 'admin' })
  })

  it('deletes the copy in one store; the image keeps the other', async () => {
    expectParity(await both((tool) => ['stores-delete', copied[tool], '--store', 'cheap'], { user: 'admin' }), { code: 0 })
    for (const id of Object.values(copied)) {
      expect(storesOf((await glance(['image-show', id], { env: openrc('admin') })).stdout)).toEqual(['fast'])
    }
  })

  it("the image's only store: refused", async () => {
    const pair = expectParity(await both(['stores-delete', single, '--store', 'fast'], { user: 'admin' }), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(
      `Unable to delete image '${single}' from store 'fast'. (HTTP 403 Forbidden: Cannot delete image data from the only store containing it. Consider deleting the image instead.)\n`,
    )
  })

  it('an unknown store', async () => {
    const pair = expectParity(await both(['stores-delete', single, '--store', 'nope'], { user: 'admin' }), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe(`Unable to delete image '${single}' from store 'nope'. (HTTP 409 Conflict: The selected store nope is not available on this node.)\n`)
  })

  it('an unknown image', async () => {
    const pair = expectParity(await both(['stores-delete', NO_SUCH_IMAGE, '--store', 'fast'], { user: 'admin' }), { code: 1 })
    expect(pair.tsglance.stderr).toBe('Multi Backend support is not enabled or Image/store not found.\n')
  })

  it('without --store: usage error (exit 2)', async () => {
    expectParity(await both(['stores-delete', single], { user: 'admin' }), { code: 2, stderr: 'ignore' })
  })
})

describe('image-create-via-import', () => {
  it('without a method or data: only the image record, as image-create', async () => {
    const pair = expectParity(await both(['image-create-via-import', '--name', images.name('record'), ...FORMATS]), { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'status')).toBe('queued')
  })

  it('--file: glance-direct is assumed; staged and imported', async () => {
    const ids = expectImportParity(await both(['image-create-via-import', '--name', images.name('file'), ...FORMATS, '--file', dataFile, '--progress']))
    for (const id of Object.values(ids)) expect(tableValue(await settledImage(id, isActive), 'checksum')).toBe(md5)
  })

  it('data on stdin, with properties, tags and --stores fast,cheap', async () => {
    const args = ['image-create-via-import', '--name', images.name('stdin'), ...FORMATS, '--property', 'color=red', '--tags', 'a', 'b', '--stores', 'fast,cheap']
    const ids = expectImportParity(await both(args, { stdinFile: dataFile }))
    for (const id of Object.values(ids)) {
      const settled = await settledImage(id, (t) => storesOf(t).length === 2)
      expect(tableValue(settled, 'color')).toBe('red')
      expect(storesOf(settled)).toEqual(['cheap', 'fast'])
    }
  })

  it('web-download with --uri into --store cheap', async () => {
    const args = ['image-create-via-import', '--name', images.name('web'), ...FORMATS, '--import-method', 'web-download', '--uri', fixture.server.url, '--store', 'cheap']
    const ids = expectImportParity(await both(args))
    for (const id of Object.values(ids)) expect(storesOf(await settledImage(id, isActive))).toEqual(['cheap'])
  })

  it('the method from OS_IMAGE_IMPORT_METHOD', async () => {
    const args = ['image-create-via-import', '--name', images.name('envmethod'), ...FORMATS, '--uri', fixture.server.url]
    const ids = expectImportParity(await both(args, { env: { OS_IMAGE_IMPORT_METHOD: 'web-download' } }))
    for (const id of Object.values(ids)) await settledImage(id, isActive)
  })

  describe('refused before any image is created', () => {
    const refusals: { what: string; args: (name: string) => string[]; stdin?: boolean; stderr: () => string }[] = [
      {
        what: 'copy-image',
        args: (name) => ['image-create-via-import', '--name', name, '--import-method', 'copy-image'],
        stderr: () => "Import method 'copy-image' cannot be used while creating the image.\n",
      },
      {
        what: 'an import method the cloud does not enable',
        args: (name) => ['image-create-via-import', '--name', name, '--import-method', 'bogus'],
        stderr: () => "Import method 'bogus' is not valid for this cloud. Valid values can be retrieved with import-info command.\n",
      },
      {
        what: '--file without formats',
        args: (name) => ['image-create-via-import', '--name', name, '--file', dataFile],
        stderr: () => 'error: Must provide --container-format, --disk-format when using --file.\n',
      },
      {
        what: '--uri without formats',
        args: (name) => ['image-create-via-import', '--name', name, '--disk-format', 'raw', '--uri', fixture.server.url],
        stderr: () => 'error: Must provide --container-format when using --uri.\n',
      },
      {
        what: '--uri without a method',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--uri', fixture.server.url],
        stderr: () => 'You cannot use --uri without specifying an import method.\n',
      },
      {
        what: 'glance-direct without data',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--import-method', 'glance-direct'],
        stderr: () => 'You must specify a --file or provide data via stdin for the glance-direct import method.\n',
      },
      {
        what: 'glance-direct with --store and no data',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--import-method', 'glance-direct', '--store', 'cheap'],
        stderr: () => '--store option should only be provided with --file option or stdin for the glance-direct import method.\n',
      },
      {
        what: 'glance-direct with --all-stores and no data',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--import-method', 'glance-direct', '--all-stores', 'True'],
        stderr: () => '--all-stores option should only be provided with --file option or stdin for the glance-direct import method.\n',
      },
      {
        what: 'glance-direct with --uri',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--file', dataFile, '--import-method', 'glance-direct', '--uri', fixture.server.url],
        stderr: () => 'You cannot specify a --uri with the glance-direct import method.\n',
      },
      {
        what: 'a missing --file',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--file', missingFile],
        stderr: () => `File ${missingFile} does not exist or user does not have read privileges to it.\n`,
      },
      {
        what: 'web-download without --uri',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--import-method', 'web-download'],
        stderr: () => "URI is required for web-download import method. Please use '--uri <uri>'.\n",
      },
      {
        what: 'web-download with --stores and no --uri',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--import-method', 'web-download', '--stores', 'cheap'],
        stderr: () => '--stores option should only be provided with --uri option for the web-download import method.\n',
      },
      {
        what: 'web-download with --file',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--import-method', 'web-download', '--uri', fixture.server.url, '--file', dataFile],
        stderr: () => 'You cannot specify a --file with the web-download import method.\n',
      },
      {
        what: 'web-download with data on stdin',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--import-method', 'web-download', '--uri', fixture.server.url],
        stdin: true,
        stderr: () => 'You cannot pass data via stdin with the web-download import method.\n',
      },
      {
        what: '--store with --stores',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--file', dataFile, '--store', 'fast', '--stores', 'cheap'],
        stderr: () => 'Only one of --store, --stores and --all-stores can be provided\n',
      },
      {
        what: 'an unknown store in --stores',
        args: (name) => ['image-create-via-import', '--name', name, ...FORMATS, '--file', dataFile, '--stores', 'fast,nope'],
        stderr: () => "Store 'nope' is not valid for this cloud. Valid values can be retrieved with stores-info command.\n",
      },
      {
        what: 'a value the image schema refuses',
        args: (name) => ['image-create-via-import', '--name', name, '--disk-format', 'floppy', '--container-format', 'bare', '--file', dataFile],
        stderr: () => "Unable to set 'disk_format' to 'floppy'. Reason: 'floppy' is not one of",
      },
    ]
    for (const refusal of refusals) {
      it(refusal.what, async () => {
        const name = images.name(`refused-${refusal.what.replace(/\W+/g, '-')}`)
        const pair = await both(refusal.args(name), { stdinFile: refusal.stdin ? dataFile : undefined })
        const schemaMessage = refusal.what.startsWith('a value the image schema')
        expectParity(pair, { code: 1, masked: false, stderr: schemaMessage ? 'first-line' : 'equal' })
        if (schemaMessage) expect(pair.tsglance.stderr.startsWith(refusal.stderr())).toBe(true)
        else expect(pair.tsglance.stderr).toBe(refusal.stderr())
        const listed = await glance(['image-list', '--property-filter', `name=${name}`], { env: openrc('admin') })
        expect(listed.stdout, 'no image was created').not.toContain(name)
      })
    }
  })

  it('an import Glance refuses: glance leaves the queued image, tsglance deletes it (decisions/0004)', async () => {
    const name = images.name('refused-import')
    const uri = 'http://localhost:8000/image.img'
    const pair = await both(['image-create-via-import', '--name', name, ...FORMATS, '--import-method', 'web-download', '--uri', uri])
    const refusal = `HTTP 400 Bad Request: URI for web-download does not pass filtering: ${uri}\n`
    expect(pair.glance).toMatchObject({ code: 1, stderr: refusal })
    expect(tableValue(pair.glance.stdout, 'status')).toBe('queued')
    expect(pair.tsglance.code).toBe(1)
    expect(pair.tsglance.stdout).toBe('')
    expect(pair.tsglance.stderr).toMatch(new RegExp(`^Image [0-9a-f-]{36} was deleted because its import could not be started\\.\\n${refusal.replace(/[.?()]/g, '\\$&')}$`))
    const listed = await glance(['image-list', '--property-filter', `name=${name}`], { env: openrc('admin') })
    expect(listed.stdout.split(name).length - 1, 'only glance\'s image is left').toBe(1)
  })
})
