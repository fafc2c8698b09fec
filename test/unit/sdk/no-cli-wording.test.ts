/**
 * The SDK speaks to Node developers: no string in src/sdk/ names a CLI flag
 * (`--os-password`) or glance's `env[OS_*]` notation. Comments may cite the
 * flag an option corresponds to; string literals may not.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'

const SDK = resolve(import.meta.dirname, '../../../src/sdk')

/** The file's source with comments removed (line comments and block comments). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

it('no string literal in src/sdk names a CLI flag or an env[...] variable', () => {
  const files = readdirSync(SDK, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
  expect(files.length).toBeGreaterThan(30)
  const offenders: string[] = []
  for (const file of files) {
    const code = withoutComments(readFileSync(join(SDK, file), 'utf8'))
    for (const literal of code.match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? []) {
      if (/--[a-z][a-z-]+|env\[/.test(literal)) offenders.push(`${file}: ${literal}`)
    }
  }
  expect(offenders).toEqual([])
})
