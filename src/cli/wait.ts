/**
 * `--wait` for image-import and image-create-via-import (not in glance; see
 * docs/decisions/0005-import-wait.md): follow the import Glance runs after
 * accepting it, and print the image as it is when the import has ended.
 */
import { Flags } from '@oclif/core'
import type { Ora, Options as OraOptions } from 'ora'
import { addition } from './additions.js'
import { colourAllowed } from './progress.js'
import type { GlanceClient } from '../sdk/client.js'
import { ImportTimeoutError, storeList, type ImportProgress, type ImportResult } from '../sdk/images/import.js'
import type { Image } from '../sdk/images/types.js'

const DEFAULT_WAIT_TIMEOUT_SECONDS = 3600

export const waitFlags = {
  wait: addition(
    Flags.boolean({
      description:
        'Wait until the import has ended, then print the image as it is then. Exits 1, saying which stores failed and why, unless the image is active in every store the import targeted.',
    }),
  ),
  'wait-timeout': addition(
    Flags.integer({
      description: `With --wait: give up after this many seconds and exit 1; the import goes on in Glance. Default ${DEFAULT_WAIT_TIMEOUT_SECONDS}.`,
      helpValue: '<SECONDS>',
      min: 1,
      dependsOn: ['wait'],
    }),
  ),
}

export interface WaitFlags {
  wait: boolean
  'wait-timeout'?: number
}

/** The image to print after an import, and what to say on stderr when it did not fully succeed. */
export interface ImportEnd {
  image: Image
  failure?: string
}

function progressText(id: string, { image, task }: ImportProgress): string {
  const parts = [`Importing image ${id}: ${image.status}`]
  const pending = storeList(image.os_glance_importing_to_stores)
  if (pending.length > 0) parts.push(`to ${pending.join(', ')}`)
  if (task?.message) parts.push(task.message)
  return parts.join(', ')
}

/** Which targeted stores got the data and which did not, and the task's last word. */
function failureReport({ outcome, image, task, succeededStores, failedStores }: ImportResult): string {
  const lines = [
    outcome === 'partial'
      ? `Import of image ${image.id} failed in some stores; the image is '${image.status}'.`
      : `Import of image ${image.id} failed; the image is '${image.status}'.`,
  ]
  for (const store of succeededStores) lines.push(`Store '${store}': imported.`)
  for (const store of failedStores) lines.push(`Store '${store}': failed.`)
  if (task) lines.push(`Task ${task.id} ${task.status}${task.message ? `: ${task.message}` : '.'}`)
  return lines.join('\n')
}

function timeoutReport(err: ImportTimeoutError, seconds: number): string {
  const pending = storeList(err.image.os_glance_importing_to_stores)
  const where = pending.length > 0 ? ` (importing to ${pending.join(', ')})` : ''
  return `Gave up waiting after ${seconds} seconds: image ${err.imageId} is '${err.image.status}'${where}. The import goes on in Glance.`
}

/** ora's options for the --wait spinner: on stderr, and uncoloured under NO_COLOR (decision 0016). */
export function spinnerOptions(text: string, stream: NodeJS.WritableStream = process.stderr, env: NodeJS.ProcessEnv = process.env): OraOptions {
  return { text, stream, discardStdin: false, ...(colourAllowed(env) ? {} : { color: false }) }
}

/** ora costs ~100 ms to load, so it is loaded only when a terminal will show it. */
async function startSpinner(text: string): Promise<Ora> {
  const { default: ora } = await import('ora')
  return ora(spinnerOptions(text)).start()
}

/** An import Glance has accepted: the image, the request that started it, and the image as read since, if it was. */
export interface StartedImport {
  id: string
  requestId?: string
  image?: Image
}

/**
 * After an accepted import: without --wait, the image right away (what
 * glance prints); with --wait, poll until the import ends, showing a spinner
 * on stderr when `decorate` (a terminal, table output).
 */
export async function imageAfterImport(glance: GlanceClient, started: StartedImport, flags: WaitFlags, { decorate }: { decorate: boolean }): Promise<ImportEnd> {
  const { id } = started
  if (!flags.wait) return { image: started.image ?? (await glance.images.get(id)) }
  const seconds = flags['wait-timeout'] ?? DEFAULT_WAIT_TIMEOUT_SECONDS
  // A terminal that reports no width (a bare pty) would make ora clear lines without end.
  const spinner = decorate && process.stderr.columns > 0 ? await startSpinner(`Importing image ${id}`) : undefined
  try {
    const result = await glance.images.waitForImport(id, {
      requestId: started.requestId,
      timeoutMs: seconds * 1000,
      onProgress: spinner && ((progress) => (spinner.text = progressText(id, progress))),
    })
    return { image: result.image, failure: result.outcome === 'success' ? undefined : failureReport(result) }
  } catch (err) {
    if (err instanceof ImportTimeoutError) return { image: err.image, failure: timeoutReport(err, seconds) }
    throw err
  } finally {
    spinner?.stop()
  }
}
