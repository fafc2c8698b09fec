/**
 * Parity of the md-* read commands on the metadata definitions Glance ships
 * (the stack loads its 33 stock namespaces): every namespace with its
 * properties and resource types, a property of each, and every object,
 * read by the real `glance` and by `tsglance` must print the same bytes,
 * long descriptions wrapped at the default and at narrower
 * `--max-column-width`s included. Read as admin, who sees all 33 (two are
 * private). Nothing is written. What to read next is taken from glance's
 * output, the reference.
 */
import { describe, expect, it } from 'vitest'
import { firstColumn } from './support/metadefs.js'
import { expectParity, runBoth } from './support/parity.js'
import { glance } from './support/run.js'
import { openrc, requireStack } from './support/stack.js'

requireStack()

/** Namespaces made by test runs start with `tsg`; everything else is stock. */
const stockNamespaces = firstColumn((await glance(['md-namespace-list'], { env: openrc('admin') })).stdout).filter((name) => !name.startsWith('tsg'))

/** The same bytes from both tools, exit 0; glance's stdout. */
async function expectSame(args: string[]): Promise<string> {
  const pair = expectParity(await runBoth(args, { user: 'admin' }), { code: 0, masked: false })
  return pair.glance.stdout
}

it("the stack holds glance's 33 stock namespaces", () => {
  expect(stockNamespaces).toHaveLength(33)
  expect(stockNamespaces).toEqual(expect.arrayContaining(['OS::Compute::Libvirt', 'OS::Software::DBMS', 'OS::OperatingSystem']))
})

it('md-resource-type-list, and md-tag-list of a namespace without tags', async () => {
  await expectSame(['md-resource-type-list'])
  await expectSame(['md-tag-list', 'OS::Compute::Libvirt'])
})

/** The first name of a `| properties | ["a", "b", ...] |` row. */
const firstPropertyShown = (table: string) => /^\| properties +\| \["([^"]+)"/m.exec(table)?.[1]

// Read-only, so several namespaces at once (glance takes two seconds a run).
describe.concurrent('every stock namespace', () => {
  for (const namespace of stockNamespaces) {
    it(
      namespace,
      async () => {
        await expectSame(['md-namespace-show', namespace])
        const [resourceType] = firstColumn(await expectSame(['md-namespace-resource-type-list', namespace]))
        // Prefixed property names, wrapped at 40.
        await expectSame(['md-namespace-show', '--max-column-width', '40', ...(resourceType ? ['--resource-type', resourceType] : []), namespace])

        const [property] = firstColumn(await expectSame(['md-property-list', namespace]))
        if (property) await expectSame(['md-property-show', '--max-column-width', '50', namespace, property])

        const objects = firstColumn(await expectSame(['md-object-list', namespace]))
        for (const [index, object] of objects.entries()) {
          const shown = await expectSame(['md-object-show', namespace, object])
          const objectProperty = firstPropertyShown(shown)
          if (index === 0 && objectProperty) await expectSame(['md-object-property-show', namespace, object, objectProperty])
        }
      },
      900_000,
    )
  }
})
