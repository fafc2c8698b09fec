/**
 * A fresh clone must pass on its own: CI runs with the project's reading
 * material (`shared/`) beside the clone, so a test that opens it would pass
 * there and fail for anyone else. No code, test or script may name that
 * folder; the live `glance` the stack installs is the reference instead.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const CODE = /\.(ts|mts|cts|js|mjs|cjs|sh|py)$|^\.ci\/|^bin\//
// Spelled in two pieces so this file does not match itself.
const OUTSIDE = new RegExp(['(\\.\\./|/work/)', 'shared(?![\\w.-])'].join(''))

it('no tracked code, test or script reads the reading-material folder beside the repository', () => {
  // Tracked files as they are in the working tree (one being deleted is no longer read).
  const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => CODE.test(f) && existsSync(join(ROOT, f)))
  expect(files.length).toBeGreaterThan(100)
  const offenders = files.filter((file) => OUTSIDE.test(readFileSync(join(ROOT, file), 'utf8')))
  expect(offenders).toEqual([])
})
