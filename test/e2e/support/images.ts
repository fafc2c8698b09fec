/**
 * Images the parity suites create, and their cleanup. Every image of a run
 * is named `<prefix>-...` with a prefix unique to the run, so listings can
 * be narrowed to it and leftovers of other runs (or of tests running in
 * parallel) never enter a comparison. Cleanup deletes by that prefix as
 * admin (who sees every project's images, hidden ones too), unprotecting
 * protected images first. Fixtures are made with the real `glance`, the
 * reference, so a tsglance bug cannot shape the data it is compared on.
 */
import { randomBytes } from 'node:crypto'
import { glance, type RunResult } from './run.js'
import { imageIdOf, listedIds } from './parity.js'
import { openrc, type StackUser } from './stack.js'

export class ImageLedger {
  readonly prefix: string

  constructor(label: string) {
    this.prefix = `tsgp-${label}-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`
  }

  /** A name inside this run's namespace. */
  name(suffix: string): string {
    return `${this.prefix}-${suffix}`
  }

  /** `glance image-create --name <prefix>-<suffix> ...args`; the new image's id, or an error with glance's stderr. */
  async create(suffix: string, args: string[] = [], options: { user?: StackUser; stdinFile?: string } = {}): Promise<string> {
    const res = await glance(['image-create', '--name', this.name(suffix), ...args], {
      env: openrc(options.user ?? 'demo'),
      stdinFile: options.stdinFile,
    })
    const id = imageIdOf(res.stdout)
    if (res.code !== 0 || !id) throw new Error(`fixture image-create ${suffix} failed (${res.code}): ${res.stderr}`)
    return id
  }

  /** Ids of every image of this run, as admin sees them (visible and hidden). */
  async remaining(): Promise<string[]> {
    const ids: string[] = []
    for (const hidden of ['False', 'True']) {
      const res = await glance(['image-list', '--hidden', hidden], { env: openrc('admin') })
      if (res.code !== 0) throw new Error(`cleanup listing failed: ${res.stderr}`)
      for (const line of res.stdout.split('\n')) {
        const [id] = listedIds(line)
        const name = line.split('|')[2]?.trim()
        if (id && name?.startsWith(this.prefix)) ids.push(id)
      }
    }
    return ids
  }

  /** Delete every image of this run; fails loudly if any survives. */
  async cleanup(): Promise<void> {
    const env = openrc('admin')
    const ids = await this.remaining()
    if (ids.length === 0) return
    const res: RunResult = await glance(['image-delete', ...ids], { env })
    const protectedIds = [...res.stderr.matchAll(/You are not permitted to delete the image '([^']+)'/g)].map((m) => m[1])
    for (const id of protectedIds) await glance(['image-update', '--protected', 'False', id], { env })
    if (protectedIds.length > 0) await glance(['image-delete', ...protectedIds], { env })
    const left = await this.remaining()
    if (left.length > 0) throw new Error(`images of run ${this.prefix} left behind: ${left.join(', ')}`)
  }
}
