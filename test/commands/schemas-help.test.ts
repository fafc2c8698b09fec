/** explain (the live schemas), help and bash-completion. */
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../src/cli/commands.js'
import { GLANCE, glanceError, line, useHarness } from '../support/command-harness.js'
import { schemaHandlers } from './support/fixtures.js'

const h = useHarness('schemas-help')

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
    // A sample of glance's own words (glance bash-completion of 4.1.0 prints them too).
    expect(options).toEqual(expect.arrayContaining(['--all-stores', '--allow-failure', '--allow-md5-fallback', '--append', '--architecture', '--help']))
    expect(words).not.toContain('bash_completion')
    expect([r.stderr, r.code, r.allRequests]).toEqual(['', 0, []])
  })

  it('bash_completion (its other name) leaves out both names', async () => {
    const r = await h.run(['bash_completion'])
    expect(r.stdout.split(' ').filter((word) => word.startsWith('bash'))).toEqual([])
    expect(r.code).toBe(0)
  })
})
