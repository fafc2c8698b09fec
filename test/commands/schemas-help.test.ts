/** explain (the live schemas), help and bash-completion. */
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../src/cli/commands.js'
import { GLANCE, glanceError, line, useHarness } from '../support/command-harness.js'
import { schemaHandlers } from './support/fixtures.js'

const h = useHarness('schemas-help')

/** `glance bash-completion` of python-glanceclient 4.1.0 (its words as a set: glance prints them in set order). */
const GLANCE_WORDS = [
  '--all-stores', '--allow-failure', '--allow-md5-fallback', '--append', '--architecture', '--checksum', '--container-format', '--created-at',
  '--delim', '--description', '--detail', '--disk-format', '--display-name', '--file', '--hash', '--hash-algo',
  '--hash-value', '--help', '--hidden', '--human-readable', '--id', '--image-id', '--import-method', '--include-stores',
  '--input', '--instance-uuid', '--kernel-id', '--limit', '--max-column-width', '--member-status', '--metadata', '--min-disk',
  '--min-ram', '--name', '--names', '--namespace', '--os-distro', '--os-version', '--owner', '--page-size',
  '--prefix', '--progress', '--properties-target', '--property', '--property-filter', '--protected', '--ramdisk-id', '--remote-image-id',
  '--remote-region', '--remote-service-interface', '--remove-property', '--resource-type', '--resource-type-associations', '--resource-types', '--schema', '--self',
  '--size', '--sort', '--sort-dir', '--sort-key', '--status', '--store', '--stores', '--tag',
  '--tags', '--target', '--title', '--type', '--updated-at', '--uri', '--url', '--visibility',
  '-h', 'cache-clear', 'cache-delete', 'cache-list', 'cache-queue', 'explain', 'help', 'image-create',
  'image-create-via-import', 'image-deactivate', 'image-delete', 'image-download', 'image-import', 'image-list', 'image-reactivate', 'image-show',
  'image-stage', 'image-tag-delete', 'image-tag-update', 'image-tasks', 'image-update', 'image-upload', 'import-info', 'location-add',
  'location-delete', 'location-update', 'md-namespace-create', 'md-namespace-delete', 'md-namespace-import', 'md-namespace-list', 'md-namespace-objects-delete', 'md-namespace-properties-delete',
  'md-namespace-resource-type-list', 'md-namespace-show', 'md-namespace-tags-delete', 'md-namespace-update', 'md-object-create', 'md-object-delete', 'md-object-list', 'md-object-property-show',
  'md-object-show', 'md-object-update', 'md-property-create', 'md-property-delete', 'md-property-list', 'md-property-show', 'md-property-update', 'md-resource-type-associate',
  'md-resource-type-deassociate', 'md-resource-type-list', 'md-tag-create', 'md-tag-create-multiple', 'md-tag-delete', 'md-tag-list', 'md-tag-show', 'md-tag-update',
  'member-create', 'member-delete', 'member-get', 'member-list', 'member-update', 'stores-delete', 'stores-info', 'task-create',
  'task-list', 'task-show', 'usage',
]

describe('explain', () => {
  it("prints the model's attributes in the server's order, as glance does", async () => {
    h.use(...schemaHandlers())
    const r = await h.run(['explain', 'member'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/member'])
    expect(r.stdout).toBe(`+------------+----------------------------------------------------+
| Attribute  | Description                                        |
+------------+----------------------------------------------------+
| member_id  | An identifier for the image member (tenantId)      |
| image_id   | An identifier for the image                        |
| created_at | Date and time of image member creation             |
| updated_at | Date and time of last modification of image member |
| status     | The status of this image member                    |
| schema     |                                                    |
+------------+----------------------------------------------------+
`)
  })

  it("a model Glance has no schema for: glance's sentence", async () => {
    h.use(http.get(`${GLANCE}/v2/schemas/nothing`, () => glanceError(404, 'Not Found', 'The resource could not be found.')))
    const r = await h.run(['explain', 'nothing'])
    expect([r.stderr, r.code]).toEqual(["Unable to find requested model 'nothing'\n", 1])
  })

  it('the model is required', async () => {
    const r = await h.run(['explain'])
    expect([r.stderr, r.code]).toEqual(["glance explain: error: the following arguments are required: <MODEL>\nSee 'glance help explain'.\n", 2])
  })
})

describe('help', () => {
  // glance's page without its closing pointer to the v1 help (tsglance has no API v1: decisions/0018).
  it("help <subcommand>: glance's page, no request", async () => {
    const r = await h.run(['help', 'image-show'])
    expect(r.stdout).toBe(`usage: glance image-show [--human-readable] [--max-column-width <integer>]
                         <IMAGE_ID>

Describe a specific image.

Positional arguments:
  <IMAGE_ID>            ID of image to describe.

Options:
  --human-readable      Print image size in a human-friendly format.
  --max-column-width <integer>
                        The max column width of the printed table.
`)
    expect([r.stderr, r.code, r.allRequests]).toEqual(['', 0, []])
  })

  it('help alone: the main page with every subcommand', async () => {
    const r = await h.run(['help'])
    expect(r.stdout.startsWith('usage: glance [--version] [-d] [-v]')).toBe(true)
    for (const id of Object.keys(COMMANDS)) expect(r.stdout).toMatch(new RegExp(`^    ${id}\\b`, 'm'))
    expect(r.code).toBe(0)
  })

  it("help of an unknown subcommand: glance's line, exit 1", async () => {
    const r = await h.run(['help', 'nope'])
    expect([r.stdout, r.stderr, r.code]).toEqual(['', "'nope' is not a valid subcommand\n", 1])
  })
})

describe('bash-completion', () => {
  it('every subcommand but itself, then every option, sorted', async () => {
    const r = await h.run(['bash-completion'])
    const words = r.stdout.trimEnd().split(' ')
    const commands = Object.keys(COMMANDS).filter((id) => id !== 'bash-completion').sort()
    expect(words.slice(0, commands.length)).toEqual(commands)
    const options = words.slice(commands.length)
    expect(options).toEqual([...options].sort())
    // glance's words, and the options tsglance adds (decisions/0005, 0012).
    expect([...words].sort()).toEqual([...GLANCE_WORDS, '--resume', '--wait', '--wait-timeout'].sort())
    expect(words).not.toContain('bash_completion')
    expect([r.stderr, r.code, r.allRequests]).toEqual(['', 0, []])
  })

  it('bash_completion (its other name) leaves out both names', async () => {
    const r = await h.run(['bash_completion'])
    expect(r.stdout.split(' ').filter((word) => word.startsWith('bash'))).toEqual([])
    expect(r.code).toBe(0)
  })
})
