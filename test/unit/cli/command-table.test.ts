import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../../src/cli/commands.js'

const COMMANDS_DIR = join(import.meta.dirname, '../../../src/commands')

describe('the command table (oclif explicit discovery)', () => {
  const files = readdirSync(COMMANDS_DIR).filter((name) => name.endsWith('.ts')).map((name) => name.slice(0, -3)).sort()

  it('names every file in src/commands/, and nothing else', () => {
    expect(files.length).toBeGreaterThanOrEqual(66)
    expect(Object.keys(COMMANDS).sort()).toEqual(files)
  })

  it.each(files)('%s maps to the class its file exports', async (name) => {
    const module = (await import(join(COMMANDS_DIR, `${name}.ts`))) as { default: unknown }
    expect(COMMANDS[name as keyof typeof COMMANDS]).toBe(module.default)
  })
})
