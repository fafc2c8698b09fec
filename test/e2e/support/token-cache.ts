/**
 * The token cache directory of a test run (`$XDG_CACHE_HOME/tsglance`). It
 * also holds the CLI's code cache (`code/`), so a test must pick the token
 * entries by name, never take whatever file a listing returns first.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'

/** A fresh XDG_CACHE_HOME (as env for a run) and the tsglance directory inside it. */
export function freshTokenCache(): { env: Record<string, string>; dir: string } {
  const cacheHome = mkdtempSync(join(tmpdir(), 'tsglance-e2e-xdg-cache-'))
  return { env: { XDG_CACHE_HOME: cacheHome }, dir: join(cacheHome, 'tsglance') }
}

/** The token entries in a cache directory: `<sha256 hex>.json` files. */
export const tokenEntriesIn = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((name) => /^[0-9a-f]{64}\.json$/.test(name)) : []

/** The one token entry in a cache directory: its path and parsed content. */
export function onlyTokenEntry(dir: string): { path: string; entry: Record<string, unknown> & { token: string; expires_at: string; catalog: unknown[] } } {
  const files = tokenEntriesIn(dir)
  expect(files).toHaveLength(1)
  const path = join(dir, files[0])
  return { path, entry: JSON.parse(readFileSync(path, 'utf8')) }
}
