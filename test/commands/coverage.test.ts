/**
 * Every subcommand has in-process tests: the families of
 * support/families.ts hold each command of src/cli/commands.ts exactly
 * once, and each family has its file, which checks after its tests that it
 * ran every command of the family (useHarness). A new command fails here
 * until it is given a family and tests.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../src/cli/commands.js'
import { FAMILIES } from './support/families.js'

describe('command test coverage', () => {
  it('the families hold every subcommand exactly once', () => {
    const listed = Object.values(FAMILIES).flat()
    expect([...listed].sort()).toEqual(Object.keys(COMMANDS).sort())
    expect(new Set(listed).size).toBe(listed.length)
  })

  for (const family of Object.keys(FAMILIES)) {
    it(`${family}.test.ts runs the ${family} family`, () => {
      const file = new URL(`./${family}.test.ts`, import.meta.url)
      expect(existsSync(file), `test/commands/${family}.test.ts`).toBe(true)
      expect(readFileSync(file, 'utf8')).toContain(`useHarness('${family}')`)
    })
  }
})
