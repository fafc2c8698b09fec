import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MANIFEST_PATH, REFERENCE_PATH, renderCliReference } from '../../../scripts/gen-cli-reference.mjs'

/** A two-command manifest shaped like oclif's, with one global flag on both. */
function smallManifest() {
  const debug = { name: 'debug', char: 'd', type: 'boolean', allowNo: false, helpGroup: 'GLOBAL', description: 'Print requests.' }
  return {
    commands: {
      'image-show': {
        id: 'image-show',
        summary: 'Describe a specific image.',
        args: { id: { name: 'id', description: 'ID of image to describe.', required: true } },
        flags: { debug, 'max-column-width': { name: 'max-column-width', type: 'option', description: 'Wrap | at this width.', default: 80 } },
      },
      'image-delete': {
        id: 'image-delete',
        summary: 'Delete specified image.',
        args: { id: { name: 'id', description: 'ID of image(s) to delete.', required: true } },
        flags: { debug },
      },
    },
  }
}

describe('CLI reference generator', () => {
  it('lists global options once and each command with its own options, sorted', () => {
    const markdown = renderCliReference(smallManifest())
    expect(markdown.match(/Print requests\./g)).toHaveLength(1)
    expect(markdown.indexOf('### image-delete')).toBeLessThan(markdown.indexOf('### image-show'))
    expect(markdown).toContain('tsglance image-show [options] <id>')
    expect(markdown).toContain('tsglance image-delete <id>\n')
    expect(markdown).toContain('| `--max-column-width <value>` | Wrap \\| at this width. (default: `80`) |')
    expect(markdown).toContain('| `-d, --debug` | Print requests. |')
  })

  it('gives the same text for the same manifest, whatever order its keys came in', () => {
    const manifest = smallManifest()
    const reversed = { commands: Object.fromEntries(Object.entries(manifest.commands).reverse()) }
    expect(renderCliReference(reversed)).toBe(renderCliReference(manifest))
  })

  // CI builds before the unit tests (npm ci runs `prepare`); a tree that was never built has nothing to compare.
  it.skipIf(!existsSync(MANIFEST_PATH))('docs/cli-reference.md matches the built commands (if not: npm run build && npm run docs:cli)', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'))
    const checkedIn = existsSync(REFERENCE_PATH) ? readFileSync(REFERENCE_PATH, 'utf8') : ''
    expect(checkedIn, 'docs/cli-reference.md is out of date: run npm run docs:cli').toBe(renderCliReference(manifest))
  })
})
