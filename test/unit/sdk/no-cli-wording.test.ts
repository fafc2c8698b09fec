/**
 * The SDK speaks to Node developers: nothing in src/sdk/ names a CLI flag
 * (`--os-password`) or glance's `env[OS_*]` notation: not its strings, and
 * not its comments either, which the typedoc reference shows to them.
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

it('no comment in src/sdk names a CLI flag or an env[...] variable either', () => {
  const files = readdirSync(SDK, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
  const offenders: string[] = []
  for (const file of files) {
    readFileSync(join(SDK, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // `--name` not followed by `.` or more identifier: a flag, not a decrement (`--flight.waiters`).
        if (/--[a-z][a-z-]*[a-z](?![\w.])|env\[OS_/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`)
      })
  }
  expect(offenders).toEqual([])
})
