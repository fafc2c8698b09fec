/**
 * --progress on a real terminal and off it (docs/decisions/0016): the bar
 * with bytes, rate and ETA shows on a pty; a pipe, or -f json on a pty, gets
 * no progress at all.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GlanceClient } from '../../src/sdk/client.js'
import type { Image } from '../../src/sdk/images/types.js'
import { deleteDemoImage } from './support/demo-image.js'
import { tsglanceOnPty } from './support/pty.js'
import { tsglance } from './support/run.js'
import { authFromEnv, openrc, requireStack } from './support/stack.js'

const DATA_BYTES = 2 * 1024 * 1024
// The finished bar: glance's bar and percentage, then tsglance's byte counts (rate and ETA follow when the run took long enough).
const FINISHED_BAR = /\[=+>\] 100% {2}2\.0 MiB \/ 2\.0 MiB/

describe('transfer progress on and off a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsglance-progress-'))
  const source = join(dir, 'data.raw')
  const env = openrc('demo')
  let image: Image

  beforeAll(async () => {
    requireStack()
    writeFileSync(source, randomBytes(DATA_BYTES))
    const client = new GlanceClient({ auth: authFromEnv(env) })
    try {
      image = await client.images.create({ name: `tsglance-progress-${Date.now().toString(36)}`, disk_format: 'raw', container_format: 'bare' })
    } finally {
      await client.close()
    }
  })

  afterAll(async () => {
    if (image) await deleteDemoImage(image.id)
    rmSync(dir, { recursive: true, force: true })
  })

  it('draws the bar with byte counts while uploading and downloading on a terminal', async () => {
    const upload = await tsglanceOnPty(['image-upload', '--file', source, '--progress', image.id], env)
    expect(upload.code, upload.transcript).toBe(0)
    expect(upload.transcript).toMatch(FINISHED_BAR)

    const target = join(dir, 'copy.raw')
    const download = await tsglanceOnPty(['image-download', '--file', target, '--progress', image.id], env)
    expect(download.code, download.transcript).toBe(0)
    expect(download.transcript).toMatch(FINISHED_BAR)
    expect(readFileSync(target).equals(readFileSync(source))).toBe(true)
  })

  it('draws nothing when stderr is a pipe', async () => {
    const res = await tsglance(['image-download', '--file', join(dir, 'piped.raw'), '--progress', image.id], { env })
    expect(res.code, res.stderr).toBe(0)
    expect(res.stderr).toBe('')
  })

  it('draws nothing on a terminal when the output is JSON', async () => {
    const res = await tsglanceOnPty(['image-download', '--file', join(dir, 'json.raw'), '--progress', '-f', 'json', image.id], env)
    expect(res.code, res.transcript).toBe(0)
    expect(res.transcript).not.toContain('%')
  })
})
