/**
 * Images the parity suites create, and their cleanup. Every image of a run
 * is named `<prefix>-...` with a prefix unique to the run, so listings can
 * be narrowed to it and leftovers of other runs (or of tests running in
 * parallel) never enter a comparison. Cleanup deletes by that prefix as
 * admin (who sees every project's images, hidden ones too), unprotecting
 * protected images first. Fixtures are made through Glance's API directly
 * (support/rest.ts), the same requests `glance image-create` makes, so a
 * tsglance bug cannot shape the data it is compared on.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { glanceApi, glanceRequest, listImages } from './rest.js'
import type { StackUser } from './stack.js'

/** Booleans as glance's image-create takes them (oslo's strict bool strings). */
function bool(flag: string, value: string | undefined): boolean {
  if (/^(true|yes|on|1|t|y)$/i.test(value ?? '')) return true
  if (/^(false|no|off|0|f|n)$/i.test(value ?? '')) return false
  throw new Error(`fixture image-create: ${flag} ${value} is not a boolean`)
}

function integer(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`fixture image-create: ${flag} ${value} is not an integer`)
  return Number(value)
}

/**
 * The body of the `POST /v2/images` that `glance image-create <args>`
 * sends, and the file it then uploads. Only the flags the suites' fixtures
 * use; any other is an error, not a guess.
 */
export function imageCreateRequest(args: string[]): { body: Record<string, unknown>; file?: string } {
  const body: Record<string, unknown> = {}
  let file: string | undefined
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]
    const value = args[++i]
    if (value === undefined) throw new Error(`fixture image-create: ${flag} without a value`)
    if (flag === '--name') body.name = value
    else if (flag === '--disk-format') body.disk_format = value
    else if (flag === '--container-format') body.container_format = value
    else if (flag === '--visibility') body.visibility = value
    else if (flag === '--hidden') body.os_hidden = bool(flag, value)
    else if (flag === '--protected') body.protected = bool(flag, value)
    else if (flag === '--min-disk') body.min_disk = integer(flag, value)
    else if (flag === '--min-ram') body.min_ram = integer(flag, value)
    else if (flag === '--file') file = value
    else if (flag === '--property') {
      const at = value.indexOf('=')
      if (at < 0) throw new Error(`fixture image-create: --property ${value} is not key=value`)
      body[value.slice(0, at)] = value.slice(at + 1)
    } else if (flag === '--tags') {
      const tags = [value]
      while (i + 1 < args.length && !args[i + 1].startsWith('--')) tags.push(args[++i])
      body.tags = tags
    } else throw new Error(`fixture image-create: ${flag} is not supported here`)
  }
  return { body, file }
}

export class ImageLedger {
  readonly prefix: string

  constructor(label: string) {
    this.prefix = `tsgp-${label}-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`
  }

  /** A name inside this run's namespace. */
  name(suffix: string): string {
    return `${this.prefix}-${suffix}`
  }

  /**
   * The image `glance image-create --name <prefix>-<suffix> ...args` would
   * make (its data uploaded when `--file` is given); the new image's id.
   */
  async create(suffix: string, args: string[] = [], options: { user?: StackUser } = {}): Promise<string> {
    const user = options.user ?? 'demo'
    const { body, file } = imageCreateRequest(['--name', this.name(suffix), ...args])
    const { id } = await glanceApi<{ id: string }>(user, 'POST', '/v2/images', { json: body })
    if (file) await glanceApi(user, 'PUT', `/v2/images/${id}/file`, { bytes: readFileSync(file) })
    return id
  }

  /** Ids of every image of this run, as admin sees them (visible and hidden). */
  async remaining(): Promise<string[]> {
    const all = [...(await listImages('admin', false)), ...(await listImages('admin', true))]
    return all.filter((image) => image.name?.startsWith(this.prefix)).map((image) => image.id)
  }

  /** Delete every image of this run; fails loudly if any survives. */
  async cleanup(): Promise<void> {
    for (const id of await this.remaining()) {
      const res = await glanceRequest('admin', 'DELETE', `/v2/images/${id}`)
      if (res.status !== 403) continue
      await glanceApi('admin', 'PATCH', `/v2/images/${id}`, { patch: [{ op: 'replace', path: '/protected', value: false }] })
      await glanceRequest('admin', 'DELETE', `/v2/images/${id}`)
    }
    const left = await this.remaining()
    if (left.length > 0) throw new Error(`images of run ${this.prefix} left behind: ${left.join(', ')}`)
  }
}
