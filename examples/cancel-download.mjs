// Cancel a download with an AbortSignal. downloadToFile writes to
// `<target>.part` and renames only verified bytes to the target, so an
// aborted download leaves nothing under the target name; the bytes it got
// stay in the `.part` file (for `resume: true`), which this example removes.
// Like every cancelled call, it rejects with the signal's reason (an
// AbortError DOMException unless `abort(reason)` gives another).
//
//   node examples/cancel-download.mjs [NAME] [TARGET] [ABORT_AFTER_BYTES]
//
// Uploads 8 MiB of random bytes as the image to download, aborts the download
// to TARGET (default: a file in a new temporary directory) once 4 MiB have
// arrived, and deletes the image at the end.
import { existsSync } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GlanceClient, partFilePath } from 'tsglance'
import { exampleData } from './example-data.mjs'

const [name = 'tsglance-example-cancel', targetArg, abortAfter = String(4 * 1024 * 1024)] = process.argv.slice(2)
const abortAfterBytes = Number(abortAfter)
// Configured from the OS_* variables of an openrc (`. demo-openrc` first), as glance is.
const glance = await GlanceClient.fromEnv()
const dir = targetArg ? undefined : await mkdtemp(join(tmpdir(), 'tsglance-example-'))
const target = targetArg ?? join(dir, 'image.raw')
let image
try {
  image = await glance.images.create({ name, disk_format: 'raw', container_format: 'bare' })
  console.log(`created ${image.id}`)
  await glance.images.upload(image.id, await exampleData(undefined, 8 * 1024 * 1024))

  const controller = new AbortController()
  try {
    await glance.images.downloadToFile(image.id, target, {
      signal: controller.signal,
      onProgress: ({ transferred }) => {
        if (transferred >= abortAfterBytes && !controller.signal.aborted) controller.abort()
      },
    })
    console.log('completed (the image was smaller than the abort point)')
  } catch (err) {
    if (err !== controller.signal.reason) throw err
    const partPath = partFilePath(target)
    console.log(`aborted ${err.name}`)
    // With nothing written yet the SDK has already removed the empty part file.
    console.log(`part-bytes ${existsSync(partPath) ? (await stat(partPath)).size : 0}`)
    await rm(partPath, { force: true })
  }
  console.log(`target-exists ${existsSync(target)}`)
} finally {
  if (dir) await rm(dir, { recursive: true, force: true })
  if (image) {
    await glance.images.delete(image.id)
    console.log(`deleted ${image.id}`)
  }
  await glance.close()
}
