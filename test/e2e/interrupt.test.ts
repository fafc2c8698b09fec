/**
 * Ctrl-C and SIGTERM during a transfer (issue 7): the transfer stops, what
 * the run made is cleaned up (the half-made image, the .part file) and the
 * exit code is 130/143. Runs tsglance directly so the test can signal it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import { TSGLANCE_BIN, privateHome, tsglance } from './support/run.js'
import { openrc } from './support/stack.js'
import { ImageLedger } from './support/images.js'
import { imageIdOf } from './support/parity.js'

const env = { ...openrc('demo'), HOME: privateHome(), PATH: process.env.PATH ?? '/usr/bin:/bin' }
const dir = mkdtempSync(join(tmpdir(), 'tsglance-interrupt-'))
const bigFile = join(dir, 'big.img')
const images = new ImageLedger('interrupt')

/** Start tsglance, send `signal` after `when` ms or once `when(stderr so far)` holds, resolve with the outcome. */
function interrupted(args: string[], signal: NodeJS.Signals, when: number | ((stderr: string) => boolean)) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [TSGLANCE_BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    // A condition is polled; a number of ms is waited once.
    const timer =
      typeof when === 'number'
        ? setTimeout(() => child.kill(signal), when)
        : setInterval(() => {
            if (!when(stderr)) return
            clearInterval(timer)
            child.kill(signal)
          }, 50)
    child.on('close', (code) => {
      clearTimeout(timer)
      clearInterval(timer)
      resolve({ code, stderr })
    })
  })
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

beforeAll(() => {
  // Large enough that the upload is still running when the signal comes.
  writeFileSync(bigFile, randomBytes(64 << 20))
  for (let i = 0; i < 5; i++) writeFileSync(bigFile, randomBytes(64 << 20), { flag: 'a' })
})
afterAll(() => images.cleanup())

describe('interrupting a transfer', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} during image-create --file deletes the new image and exits ${code}`, async () => {
      const name = images.name(`create-${signal}`)
      // Once the upload has started (--debug shows the PUT), however long the steps before it take on a loaded machine.
      const uploading = (stderr: string) => /-X PUT \S+\/file/.test(stderr)
      const res = await interrupted(['--debug', 'image-create', '--name', name, '--disk-format', 'raw', '--container-format', 'bare', '--file', bigFile], signal, uploading)
      expect(res.code).toBe(code)
      expect(res.stderr).toMatch(/^Image [0-9a-f-]{36} was deleted because its data upload failed\.$/m)
      expect(res.stderr).toContain('... terminating tsglance')
      expect(res.stderr).not.toMatch(/\n\s+at /) // no stack trace
      const list = await tsglance(['image-list', '--property-filter', `name=${name}`], { env })
      expect(list.code).toBe(0)
      expect(list.stdout).not.toContain(name)
    })
  }

  it('SIGINT during image-download --file leaves no target, keeps the bytes received in .part, and --resume completes it', async () => {
    const created = await tsglance(['image-create', '--name', images.name('download'), '--disk-format', 'raw', '--container-format', 'bare', '--file', bigFile], { env })
    expect(created.code).toBe(0)
    const id = imageIdOf(created.stdout)!
    const out = join(dir, 'out')
    const target = join(out, 'copy.img')
    mkdirSync(out)
    // Interrupted once data is flowing, so there is something to keep.
    const partFile = join(out, 'copy.img.part')
    const res = await interrupted(['image-download', id, '--file', target], 'SIGINT', () => existsSync(partFile) && statSync(partFile).size > 0)
    expect(res.code).toBe(130)
    expect(existsSync(target)).toBe(false)
    // The bytes received are kept for --resume (docs/decisions/0012-faults-and-resume.md).
    expect(readdirSync(out)).toEqual(['copy.img.part'])
    expect(res.stderr).toMatch(/kept in .*copy\.img\.part: run the command again with --resume to continue\.\n\.\.\. terminating tsglance\n$/)
    expect(res.stderr).not.toMatch(/\n\s+at /)
    const kept = statSync(partFile).size
    expect(kept).toBeLessThan(statSync(bigFile).size)

    const resumed = await tsglance(['image-download', id, '--file', target, '--resume'], { env })
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(readdirSync(out)).toEqual(['copy.img'])
    expect(await sha256(target)).toBe(await sha256(bigFile))
  })
})
