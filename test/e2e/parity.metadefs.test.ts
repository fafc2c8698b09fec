/**
 * Parity of the md-* commands on namespaces this run makes: the real
 * `glance` 4.1.0 and `tsglance` run the same commands against the same
 * Keystone + Glance and must give the same exit code, the same stdout (byte
 * for byte once names, ids and timestamps are masked), and the same stderr
 * wherever glance words it (its first line for jsonschema's dumps). Each
 * tool creates, changes and deletes a namespace of its own; read commands
 * run on one fixture made with glance. Deliberate differences
 * (docs/decisions/0001) are asserted as documented.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { admin, bothAdmin, expectMetadefParity, firstColumn, glanceOk, NamespaceLedger } from './support/metadefs.js'
import { runBoth, tableValue, type Tool } from './support/parity.js'
import { glance, tsglance } from './support/run.js'
import { requireStack } from './support/stack.js'

requireStack()

const ledger = new NamespaceLedger('md')
const dir = mkdtempSync(join(tmpdir(), 'tsglance-md-'))

/** Long enough to wrap at the default width and inside md-object-list's 50 columns. */
const LONG = 'A namespace made by the tsglance parity suite to compare every md command with glance, byte for byte, wrapped tables included.'
const PROPERTY_SCHEMA = JSON.stringify({ type: 'string', description: LONG, enum: ['one', 'two'], default: 'one' })
const OBJECT_SCHEMA = JSON.stringify({
  description: LONG,
  required: ['speed'],
  properties: { speed: { title: 'Speed', type: 'integer', minimum: 1, description: 'How fast.' }, mode: { title: 'Mode', type: 'string' } },
})

/** A whole namespace document, as md-namespace-import takes it. */
const importDocument = (name: string) => ({
  namespace: name,
  display_name: 'Imported',
  description: LONG,
  visibility: 'public',
  protected: false,
  resource_type_associations: [{ name: 'OS::Glance::Image', prefix: 'imp_' }, { name: 'OS::Nova::Flavor', prefix: 'imp:', properties_target: 'flavor' }],
  properties: { speed: { title: 'Speed', type: 'integer', minimum: 1 }, mode: { title: 'Mode', type: 'string', enum: ['a', 'b'] } },
  objects: [{ name: 'Obj', description: 'An object.', required: ['x'], properties: { x: { title: 'X', type: 'string' } } }],
  tags: [{ name: 'one' }, { name: 'two' }],
})

const fixture = ledger.name('f', 'read')

afterAll(async () => {
  try {
    await ledger.cleanup()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

/** Does this namespace exist (as admin sees it)? */
const exists = async (name: string) => (await glance(['md-namespace-show', name], admin)).code === 0

// Read-only, so concurrently (glance takes two seconds a run).
describe.concurrent('read commands on a fixture namespace', () => {
  beforeAll(async () => {
    await glanceOk(['md-namespace-create', fixture, '--display-name', 'Fixture', '--description', LONG, '--visibility', 'public'])
    await glanceOk(['md-property-create', fixture, '--name', 'color', '--title', 'Color', '--schema', PROPERTY_SCHEMA])
    await glanceOk(['md-property-create', fixture, '--name', 'size', '--title', 'Size', '--schema', '{"type": "integer", "minimum": 0}'])
    await glanceOk(['md-object-create', fixture, '--name', 'Engine', '--schema', OBJECT_SCHEMA])
    await glanceOk(['md-object-create', fixture, '--name', 'Plain', '--schema', '{}'])
    await glanceOk(['md-tag-create-multiple', fixture, '--names', 'red,green,blue'])
    await glanceOk(['md-resource-type-associate', fixture, '--name', 'OS::Glance::Image', '--prefix', 'fx_'])
    await glanceOk(['md-resource-type-associate', fixture, '--name', 'OS::Cinder::Volume', '--prefix', 'fx_', '--properties-target', 'image'])
  })

  const reads: { what: string; args: () => string[]; code?: number; stderr?: 'equal' | 'ignore' }[] = [
    { what: 'md-namespace-show', args: () => ['md-namespace-show', fixture] },
    { what: 'md-namespace-show --resource-type (prefixed property names)', args: () => ['md-namespace-show', fixture, '--resource-type', 'OS::Glance::Image'] },
    { what: 'md-namespace-show --max-column-width 30', args: () => ['md-namespace-show', '--max-column-width', '30', fixture] },
    { what: 'md-namespace-show --max-column-width 0 (the default)', args: () => ['md-namespace-show', '--max-column-width', '0', fixture] },
    { what: 'md-namespace-show --max-column-width -1', args: () => ['md-namespace-show', '--max-column-width', '-1', fixture], code: 1 },
    { what: 'md-namespace-show --max-column-width abc', args: () => ['md-namespace-show', '--max-column-width', 'abc', fixture], code: 1 },
    { what: 'md-namespace-show of an unknown namespace (before the width)', args: () => ['md-namespace-show', '--max-column-width', 'abc', ledger.name('f', 'nope')], code: 1 },
    { what: 'md-namespace-resource-type-list', args: () => ['md-namespace-resource-type-list', fixture] },
    { what: 'md-object-list (descriptions wrapped at 50)', args: () => ['md-object-list', fixture] },
    { what: 'md-object-show', args: () => ['md-object-show', fixture, 'Engine'] },
    { what: 'md-object-show --max-column-width 20', args: () => ['md-object-show', '--max-column-width', '20', fixture, 'Engine'] },
    { what: 'md-object-show of an object without properties', args: () => ['md-object-show', fixture, 'Plain'] },
    { what: 'md-object-show of an unknown object', args: () => ['md-object-show', fixture, 'Nope'], code: 1 },
    { what: 'md-object-property-show', args: () => ['md-object-property-show', fixture, 'Engine', 'speed'] },
    { what: 'md-object-property-show --max-column-width 0', args: () => ['md-object-property-show', '--max-column-width', '0', fixture, 'Engine', 'speed'] },
    { what: 'md-object-property-show of an unknown property', args: () => ['md-object-property-show', fixture, 'Engine', 'nope'], code: 1 },
    { what: 'md-object-property-show in an object without properties', args: () => ['md-object-property-show', fixture, 'Plain', 'speed'], code: 1 },
    { what: 'md-property-list', args: () => ['md-property-list', fixture] },
    { what: 'md-property-show', args: () => ['md-property-show', fixture, 'color'] },
    { what: 'md-property-show --max-column-width 25', args: () => ['md-property-show', '--max-column-width', '25', fixture, 'color'] },
    { what: 'md-property-show --max-column-width 0 (one character per line)', args: () => ['md-property-show', '--max-column-width', '0', fixture, 'size'] },
    { what: 'md-property-show --max-column-width -2', args: () => ['md-property-show', '--max-column-width', '-2', fixture, 'size'], code: 1 },
    { what: 'md-property-show of an unknown property', args: () => ['md-property-show', fixture, 'nope'], code: 1 },
    { what: 'md-tag-list', args: () => ['md-tag-list', fixture] },
    { what: 'md-tag-show', args: () => ['md-tag-show', fixture, 'green'] },
    { what: 'md-tag-show of an unknown tag', args: () => ['md-tag-show', fixture, 'nope'], code: 1 },
    { what: 'md-resource-type-list', args: () => ['md-resource-type-list'] },
    { what: 'md-object-list of an unknown namespace', args: () => ['md-object-list', ledger.name('f', 'nope')], code: 1 },
    { what: 'md-tag-list without a namespace (usage)', args: () => ['md-tag-list'], code: 2, stderr: 'ignore' },
  ]
  for (const read of reads) {
    it(read.what, async () => {
      await bothAdmin(ledger, read.args(), { code: read.code ?? 0, stderr: read.stderr })
    })
  }

  it('a private namespace is invisible to another project (404 for demo)', async () => {
    const name = ledger.name('f', 'private')
    await glanceOk(['md-namespace-create', name, '--visibility', 'private'])
    const pair = await runBoth(['md-namespace-show', name], { user: 'demo' })
    expect(pair.glance).toMatchObject({ code: 1, stdout: '' })
    expect(pair.tsglance).toEqual(pair.glance)
  })
})

describe('namespace lifecycle: create, fill, read back, update, empty, delete', () => {
  const ns = ledger.pair('life')
  const renamed = ledger.pair('life2')
  const each = (args: (name: string, tool: Tool) => string[]) => (tool: Tool) => args(ns[tool], tool)

  it('md-namespace-create with every attribute flag glance accepts', async () => {
    const pair = await bothAdmin(
      ledger,
      each((name) => ['md-namespace-create', name, '--display-name', 'Life', '--description', LONG, '--visibility', 'public', '--protected', 'False', '--owner', 'someone']),
      { code: 0 },
    )
    expect(tableValue(pair.tsglance.stdout, 'owner')).toBe('someone')
    expect(tableValue(pair.tsglance.stdout, 'visibility')).toBe('public')
  })

  const refusedCreates: { what: string; args: (name: string) => string[]; code?: number; stderr?: 'equal' | 'first-line' | 'ignore' }[] = [
    { what: 'an existing name (409)', args: (name) => ['md-namespace-create', name] },
    { what: 'a visibility the schema does not allow', args: (name) => ['md-namespace-create', `${name}-x`, '--visibility', 'everyone'], stderr: 'first-line' },
    { what: 'a name longer than 80 characters', args: (name) => ['md-namespace-create', `${name}-${'x'.repeat(80)}`], stderr: 'first-line' },
    { what: 'a description longer than 500 characters', args: (name) => ['md-namespace-create', `${name}-x`, '--description', 'd'.repeat(501)], stderr: 'first-line' },
    { what: '--resource-type-associations (words, never objects)', args: (name) => ['md-namespace-create', `${name}-x`, '--resource-type-associations', 'OS::Glance::Image'], stderr: 'first-line' },
    { what: '--schema (read-only, refused by Glance)', args: (name) => ['md-namespace-create', `${name}-x`, '--schema', '/v2/schemas/x'] },
    { what: '--created-at (read-only, refused by Glance)', args: (name) => ['md-namespace-create', `${name}-x`, '--created-at', '2020-01-01T00:00:00Z'] },
    { what: '--protected without a value (usage)', args: (name) => ['md-namespace-create', `${name}-x`, '--protected'], code: 2, stderr: 'ignore' },
  ]
  for (const refusal of refusedCreates) {
    it(`md-namespace-create refuses ${refusal.what}`, async () => {
      await bothAdmin(ledger, each((name) => refusal.args(name)), { code: refusal.code ?? 1, stderr: refusal.stderr })
      for (const name of Object.values(ns)) expect(await exists(`${name}-x`)).toBe(false)
    })
  }

  it('md-namespace-create --self: glance fails in Python, tsglance sends it and Glance refuses (decisions/0001)', async () => {
    const pair = await bothAdmin(ledger, each((name) => ['md-namespace-create', `${name}-x`, '--self', '/x']), { code: 1, stderr: 'ignore' })
    expect(pair.glance.stderr).toBe("NamespaceController.create() got multiple values for argument 'self'\n")
    expect(pair.tsglance.stderr).toBe('HTTP 403 Forbidden: Attribute &#x27;self&#x27; is read-only.\n')
  })

  it('md-property-create', async () => {
    await bothAdmin(ledger, each((name) => ['md-property-create', name, '--name', 'color', '--title', 'Color', '--schema', PROPERTY_SCHEMA]), { code: 0 })
    await bothAdmin(ledger, each((name) => ['md-property-create', name, '--name', 'size', '--title', 'Size', '--schema', '{"type": "integer", "title": "Size in GB"}']), {
      code: 0,
    })
  })

  const refusedProperties: { what: string; schema: string; stderr?: 'equal' | 'first-line' }[] = [
    { what: 'JSON that does not parse', schema: '{type: string}' },
    { what: 'an unknown type', schema: '{"type": "strin"}', stderr: 'first-line' },
    { what: 'a key the schema does not know', schema: '{"type": "string", "colour": 1}', stderr: 'first-line' },
    { what: 'a type-less definition', schema: '{"description": "x"}', stderr: 'first-line' },
    { what: 'a minimum that is no number', schema: '{"type": "integer", "minimum": "1"}', stderr: 'first-line' },
  ]
  for (const refusal of refusedProperties) {
    it(`md-property-create refuses ${refusal.what}`, async () => {
      await bothAdmin(ledger, each((name) => ['md-property-create', name, '--name', 'bad', '--title', 'Bad', '--schema', refusal.schema]), {
        code: 1,
        stderr: refusal.stderr,
      })
    })
  }

  it('md-property-create refuses JSON that is no object (glance: a Python error; exit 1 either way)', async () => {
    const pair = await bothAdmin(ledger, each((name) => ['md-property-create', name, '--name', 'bad', '--title', 'Bad', '--schema', '[1]']), { code: 1, stderr: 'ignore' })
    expect(pair.tsglance.stderr).toBe('Schema is not a valid JSON object.\n')
  })

  it('md-property-create of an existing property (409)', async () => {
    await bothAdmin(ledger, each((name) => ['md-property-create', name, '--name', 'color', '--title', 'Color', '--schema', '{"type": "string"}']), { code: 1 })
  })

  it('md-property-update: rename, retitle, new schema keys', async () => {
    await bothAdmin(ledger, each((name) => ['md-property-update', name, 'size', '--name', 'disk', '--title', 'Disk', '--schema', '{"minimum": 1, "maximum": 100}']), {
      code: 0,
    })
  })

  for (const [what, args, stderr] of [
    ['a value the schema refuses (warlock wording, first line)', ['--schema', '{"minimum": "x"}'], 'first-line'],
    ['JSON that does not parse', ['--schema', 'nope'], 'equal'],
  ] as const) {
    it(`md-property-update refuses ${what}`, async () => {
      await bothAdmin(ledger, each((name) => ['md-property-update', name, 'disk', ...args]), { code: 1, stderr })
    })
  }

  it('md-property-update of an unknown property (404)', async () => {
    await bothAdmin(ledger, each((name) => ['md-property-update', name, 'nope', '--title', 'X']), { code: 1 })
  })

  it('md-object-create', async () => {
    await bothAdmin(ledger, each((name) => ['md-object-create', name, '--name', 'Engine', '--schema', OBJECT_SCHEMA]), { code: 0 })
    await bothAdmin(ledger, each((name) => ['md-object-create', name, '--name', 'Spare', '--schema', '{"description": "to be deleted"}']), { code: 0 })
  })

  const refusedObjects: { what: string; schema: string; stderr?: 'equal' | 'first-line' }[] = [
    { what: 'JSON that does not parse', schema: '{' },
    { what: 'a property without a type', schema: '{"properties": {"q": {"title": "Q"}}}', stderr: 'first-line' },
    { what: 'a property that is no object', schema: '{"properties": {"q": 5}}', stderr: 'first-line' },
    { what: 'repeated required names', schema: '{"required": ["a", "a"]}', stderr: 'first-line' },
    { what: 'a key the schema does not know', schema: '{"colour": "red"}', stderr: 'first-line' },
  ]
  for (const refusal of refusedObjects) {
    it(`md-object-create refuses ${refusal.what}`, async () => {
      await bothAdmin(ledger, each((name) => ['md-object-create', name, '--name', 'Bad', '--schema', refusal.schema]), { code: 1, stderr: refusal.stderr })
    })
  }

  it('md-object-create of an existing object (409) and in an unknown namespace (404)', async () => {
    await bothAdmin(ledger, each((name) => ['md-object-create', name, '--name', 'Engine', '--schema', '{}']), { code: 1 })
    await bothAdmin(ledger, each((name) => ['md-object-create', `${name}-nope`, '--name', 'Engine', '--schema', '{}']), { code: 1 })
  })

  it('md-object-update: rename and change the schema', async () => {
    await bothAdmin(ledger, each((name) => ['md-object-update', name, 'Engine', '--name', 'Motor', '--schema', '{"description": "Renamed.", "required": []}']), { code: 0 })
  })

  for (const [what, args, stderr] of [
    ['a value the schema refuses', ['--schema', '{"required": ["a", "a"]}'], 'first-line'],
    ['a property definition without a type', ['--schema', '{"properties": {"q": {"title": "Q"}}}'], 'first-line'],
    ['JSON that does not parse', ['--schema', '[,]'], 'equal'],
  ] as const) {
    it(`md-object-update refuses ${what}`, async () => {
      await bothAdmin(ledger, each((name) => ['md-object-update', name, 'Motor', ...args]), { code: 1, stderr })
    })
  }

  it('md-object-update of an unknown object (404)', async () => {
    await bothAdmin(ledger, each((name) => ['md-object-update', name, 'Engine', '--name', 'X']), { code: 1 })
  })

  it('md-tag-create, one at a time', async () => {
    await bothAdmin(ledger, each((name) => ['md-tag-create', name, '--name', 'alpha']), { code: 0 })
    await bothAdmin(ledger, each((name) => ['md-tag-create', name, '--name', '  spaced  ']), { code: 0 })
  })

  for (const [what, tag, code] of [
    ['a blank name', '   ', 1],
    ['an existing name (409)', 'alpha', 1],
  ] as const) {
    it(`md-tag-create refuses ${what}`, async () => {
      await bothAdmin(ledger, each((name) => ['md-tag-create', name, '--name', tag]), { code })
    })
  }

  it('md-tag-create-multiple replaces the tags', async () => {
    await bothAdmin(ledger, each((name) => ['md-tag-create-multiple', name, '--names', 'one, two,,three']), { code: 0 })
    await bothAdmin(ledger, each((name) => ['md-tag-list', name]), { code: 0 })
  })

  it('md-tag-create-multiple --delim', async () => {
    await bothAdmin(ledger, each((name) => ['md-tag-create-multiple', name, '--names', 'a;b;c,d', '--delim', ';']), { code: 0 })
  })

  for (const [what, args, stderr] of [
    ['only blanks', ['--names', ' , ,'], 'equal'],
    ['a name longer than 80 characters', ['--names', `ok,${'x'.repeat(81)}`], 'first-line'],
  ] as const) {
    it(`md-tag-create-multiple refuses ${what}`, async () => {
      await bothAdmin(ledger, each((name) => ['md-tag-create-multiple', name, ...args]), { code: 1, stderr })
    })
  }

  it('md-tag-create-multiple --append: glance 4.1.0 fails before sending, tsglance appends (decisions/0001)', async () => {
    const pair = await runBoth(each((name) => ['md-tag-create-multiple', name, '--names', 'e,f', '--append']), { user: 'admin' })
    expect(pair.glance).toMatchObject({ code: 1, stdout: '', stderr: 'quote_from_bytes() expected bytes\n' })
    expect(pair.tsglance.code, pair.tsglance.stderr).toBe(0)
    expect(firstColumn(pair.tsglance.stdout)).toEqual(['e', 'f'])
    expect(firstColumn((await glanceOk(['md-tag-list', ns.tsglance])).stdout).sort()).toEqual(['a', 'b', 'c,d', 'e', 'f'])
    expect(firstColumn((await glanceOk(['md-tag-list', ns.glance])).stdout).sort()).toEqual(['a', 'b', 'c,d'])
    // Bring glance's namespace level with tsglance's for the comparisons that follow.
    await glanceOk(['md-tag-create', ns.glance, '--name', 'e'])
    await glanceOk(['md-tag-create', ns.glance, '--name', 'f'])
  })

  it('md-tag-update renames', async () => {
    await bothAdmin(ledger, each((name) => ['md-tag-update', name, 'a', '--name', ' alpha ']), { code: 0 })
  })

  for (const [what, tag, newName] of [
    ['a blank new name', 'b', '  '],
    ['an unknown tag (404)', 'nope', 'x'],
    ['a name taken (409)', 'b', 'c,d'],
  ] as const) {
    it(`md-tag-update refuses ${what}`, async () => {
      await bothAdmin(ledger, each((name) => ['md-tag-update', name, tag, '--name', newName]), { code: 1 })
    })
  }

  it('md-resource-type-associate', async () => {
    await bothAdmin(ledger, each((name) => ['md-resource-type-associate', name, '--name', 'OS::Glance::Image', '--prefix', 'life_']), { code: 0 })
    await bothAdmin(
      ledger,
      each((name) => ['md-resource-type-associate', name, '--name', 'OS::Cinder::Volume', '--prefix', 'life_', '--properties-target', 'image']),
      { code: 0 },
    )
  })

  for (const [what, args, stderr] of [
    ['no --name (the schema requires it)', ['--prefix', 'x_'], 'first-line'],
    ['an existing association (409)', ['--name', 'OS::Glance::Image'], 'equal'],
    ['a prefix longer than 80 characters', ['--name', 'OS::Nova::Flavor', '--prefix', 'p'.repeat(81)], 'first-line'],
    ['--created-at (read-only, refused by Glance)', ['--name', 'OS::Nova::Flavor', '--created-at', '2020-01-01T00:00:00Z'], 'equal'],
  ] as const) {
    it(`md-resource-type-associate refuses ${what}`, async () => {
      await bothAdmin(ledger, each((name) => ['md-resource-type-associate', name, ...args]), { code: 1, stderr })
    })
  }

  describe('reads everything back', () => {
    const reads: [string, (name: string) => string[]][] = [
      ['md-namespace-show', (name) => ['md-namespace-show', name]],
      ['md-namespace-show --resource-type', (name) => ['md-namespace-show', name, '--resource-type', 'OS::Glance::Image']],
      ['md-namespace-resource-type-list', (name) => ['md-namespace-resource-type-list', name]],
      ['md-property-list', (name) => ['md-property-list', name]],
      ['md-property-show', (name) => ['md-property-show', name, 'disk']],
      ['md-object-list', (name) => ['md-object-list', name]],
      ['md-object-show', (name) => ['md-object-show', name, 'Motor']],
      ['md-object-property-show', (name) => ['md-object-property-show', name, 'Motor', 'mode']],
      ['md-tag-list', (name) => ['md-tag-list', name]],
      ['md-tag-show', (name) => ['md-tag-show', name, 'alpha']],
    ]
    for (const [what, args] of reads) {
      it(what, async () => {
        await bothAdmin(ledger, each(args), { code: 0 })
      })
    }
  })

  it('md-namespace-update: attributes', async () => {
    await bothAdmin(ledger, each((name) => ['md-namespace-update', name, '--display-name', 'Life, updated', '--description', 'Shorter.', '--protected', 'yes']), {
      code: 0,
    })
  })

  it('md-namespace-update --created-at: accepted, and dropped before sending (Glance sets it)', async () => {
    await bothAdmin(ledger, each((name) => ['md-namespace-update', name, '--created-at', '2020-01-01T00:00:00Z', '--owner', 'other']), { code: 0 })
  })

  it('md-namespace-delete refuses a protected namespace (403)', async () => {
    await bothAdmin(ledger, each((name) => ['md-namespace-delete', name]), { code: 1 })
  })

  it('md-namespace-update refuses a visibility the schema does not allow', async () => {
    await bothAdmin(ledger, each((name) => ['md-namespace-update', name, '--visibility', 'everyone']), { code: 1, stderr: 'first-line' })
  })

  it('md-namespace-update --self: glance fails in Python, tsglance sends it and Glance refuses (decisions/0001)', async () => {
    const pair = await bothAdmin(ledger, each((name) => ['md-namespace-update', name, '--self', '/x']), { code: 1, stderr: 'ignore' })
    expect(pair.glance.stderr).toBe("NamespaceController.update() got multiple values for argument 'self'\n")
    expect(pair.tsglance.stderr).toBe('HTTP 403 Forbidden: Attribute &#x27;self&#x27; is read-only.\n')
  })

  it('md-namespace-update of an unknown namespace (404)', async () => {
    await bothAdmin(ledger, each((name) => ['md-namespace-update', `${name}-nope`, '--description', 'x']), { code: 1 })
  })

  it('md-namespace-update --namespace renames (the contents move along)', async () => {
    await bothAdmin(ledger, (tool) => ['md-namespace-update', ns[tool], '--namespace', renamed[tool], '--protected', 'False'], { code: 0 })
    for (const name of Object.values(ns)) expect(await exists(name)).toBe(false)
  })

  it('md-resource-type-deassociate, then again (404)', async () => {
    await bothAdmin(ledger, (tool) => ['md-resource-type-deassociate', renamed[tool], 'OS::Cinder::Volume'], { code: 0 })
    await bothAdmin(ledger, (tool) => ['md-resource-type-deassociate', renamed[tool], 'OS::Cinder::Volume'], { code: 1 })
    await bothAdmin(ledger, (tool) => ['md-namespace-resource-type-list', renamed[tool]], { code: 0 })
  })

  it('md-tag-delete, then again (404)', async () => {
    await bothAdmin(ledger, (tool) => ['md-tag-delete', renamed[tool], 'alpha'], { code: 0 })
    await bothAdmin(ledger, (tool) => ['md-tag-delete', renamed[tool], 'alpha'], { code: 1 })
  })

  it('md-property-delete, then again (404)', async () => {
    await bothAdmin(ledger, (tool) => ['md-property-delete', renamed[tool], 'color'], { code: 0 })
    await bothAdmin(ledger, (tool) => ['md-property-delete', renamed[tool], 'color'], { code: 1 })
  })

  it('md-object-delete, then again (404)', async () => {
    await bothAdmin(ledger, (tool) => ['md-object-delete', renamed[tool], 'Spare'], { code: 0 })
    await bothAdmin(ledger, (tool) => ['md-object-delete', renamed[tool], 'Spare'], { code: 1 })
  })

  for (const kind of ['tags', 'objects', 'properties'] as const) {
    it(`md-namespace-${kind}-delete empties the namespace of its ${kind}`, async () => {
      await bothAdmin(ledger, (tool) => [`md-namespace-${kind}-delete`, renamed[tool]], { code: 0 })
      const listCommand = { tags: 'md-tag-list', objects: 'md-object-list', properties: 'md-property-list' }[kind]
      const pair = await bothAdmin(ledger, (tool) => [listCommand, renamed[tool]], { code: 0 })
      expect(firstColumn(pair.tsglance.stdout)).toEqual([])
    })
  }

  it('md-namespace-tags-delete of an unknown namespace (404)', async () => {
    await bothAdmin(ledger, (tool) => ['md-namespace-tags-delete', `${renamed[tool]}-nope`], { code: 1 })
  })

  it('md-namespace-show of the emptied namespace', async () => {
    await bothAdmin(ledger, (tool) => ['md-namespace-show', renamed[tool]], { code: 0 })
  })

  it('md-namespace-delete, then again (404)', async () => {
    await bothAdmin(ledger, (tool) => ['md-namespace-delete', renamed[tool]], { code: 0 })
    for (const name of Object.values(renamed)) expect(await exists(name)).toBe(false)
    await bothAdmin(ledger, (tool) => ['md-namespace-delete', renamed[tool]], { code: 1 })
  })
})

describe('md-namespace-import', () => {
  const documentFor = (name: string, document: object = importDocument(name)) => {
    const path = join(dir, `${name}.json`)
    writeFileSync(path, JSON.stringify(document, null, 2))
    return path
  }

  it('--file: a namespace with everything in it', async () => {
    const ns = ledger.pair('imp-file')
    await bothAdmin(ledger, (tool) => ['md-namespace-import', '--file', documentFor(ns[tool])], { code: 0 })
    for (const args of [['md-namespace-show'], ['md-property-list'], ['md-object-list'], ['md-tag-list'], ['md-namespace-resource-type-list']]) {
      await bothAdmin(ledger, (tool) => [...args, ns[tool]], { code: 0 })
    }
  })

  it('stdin', async () => {
    const ns = ledger.pair('imp-stdin')
    const pair = {
      glance: await glance(['md-namespace-import'], { ...admin, stdinFile: documentFor(ns.glance) }),
      tsglance: await tsglance(['md-namespace-import'], { ...admin, stdinFile: documentFor(ns.tsglance) }),
    }
    expectMetadefParity(pair, ledger, { code: 0 })
    expect(tableValue(pair.tsglance.stdout, 'tags')).toBe('["one", "two"]')
  })

  const refusals: { what: string; document: (name: string) => string; stderr?: 'equal' | 'first-line' }[] = [
    { what: 'JSON that does not parse', document: () => '{"namespace": ' },
    { what: 'an empty file', document: () => '' },
    { what: 'a key the schema does not know', document: (name) => JSON.stringify({ namespace: name, colour: 'red' }), stderr: 'first-line' },
    { what: 'no namespace name', document: () => JSON.stringify({ description: 'x' }), stderr: 'first-line' },
    { what: 'a property without a title', document: (name) => JSON.stringify({ namespace: name, properties: { p: { type: 'string' } } }), stderr: 'first-line' },
    { what: 'a tag that is no object', document: (name) => JSON.stringify({ namespace: name, tags: ['t'] }), stderr: 'first-line' },
    { what: 'read-only attributes (Glance refuses)', document: (name) => JSON.stringify({ namespace: name, created_at: '2020-01-01T00:00:00Z' }) },
  ]
  for (const [index, refusal] of refusals.entries()) {
    it(`refuses ${refusal.what}, and nothing is created`, async () => {
      const ns = ledger.pair(`imp-bad${index}`)
      const paths = { glance: join(dir, `bad-${ns.glance}.json`), tsglance: join(dir, `bad-${ns.tsglance}.json`) }
      for (const tool of ['glance', 'tsglance'] as const) writeFileSync(paths[tool], refusal.document(ns[tool]))
      await bothAdmin(ledger, (tool) => ['md-namespace-import', '--file', paths[tool]], { code: 1, stderr: refusal.stderr })
      for (const name of Object.values(ns)) expect(await exists(name)).toBe(false)
    })
  }

  it('refuses JSON that is no object (glance: a Python error; exit 1 either way)', async () => {
    const path = join(dir, 'list.json')
    writeFileSync(path, '[{"namespace": "x"}]')
    const pair = await bothAdmin(ledger, ['md-namespace-import', '--file', path], { code: 1, stderr: 'ignore' })
    expect(pair.tsglance.stderr).toBe('Schema is not a valid JSON object.\n')
  })

  it('a missing file: exit 1, glance words it as Python does (decisions/0001)', async () => {
    const path = join(dir, 'missing.json')
    const pair = await bothAdmin(ledger, ['md-namespace-import', '--file', path], { code: 1, stderr: 'ignore' })
    expect(pair.glance.stderr).toBe(`[Errno 2] No such file or directory: '${path}'\n`)
    expect(pair.tsglance.stderr).toBe(`File ${path} does not exist or user does not have read privileges to it\n`)
  })

  it('a directory: exit 1', async () => {
    const pair = await bothAdmin(ledger, ['md-namespace-import', '--file', dir], { code: 1, stderr: 'ignore' })
    expect(pair.glance.stderr).toBe(`[Errno 21] Is a directory: '${dir}'\n`)
    expect(pair.tsglance.stderr).toBe(`File ${dir} is a directory, not a namespace file\n`)
  })

  it('no --file and a closed stdin', async () => {
    const pair = await bothAdmin(ledger, ['md-namespace-import'], { code: 1 })
    expect(pair.tsglance.stderr).toBe('No metadata definition namespace passed via stdin or --file argument.\n')
  })

  it('stdin on /dev/null: glance parses nothing, tsglance sees no data (decisions/0003)', async () => {
    const pair = await bothAdmin(ledger, ['md-namespace-import'], { code: 1, stderr: 'ignore' }, { stdinFile: '/dev/null' })
    expect(pair.glance.stderr).toBe('Schema is not a valid JSON object.\n')
    expect(pair.tsglance.stderr).toBe('No metadata definition namespace passed via stdin or --file argument.\n')
  })
})
