// The interoperable image import: create an image, stage its data, import it
// with the glance-direct method and wait until Glance has finished, then
// delete it.
//
//   node examples/import-with-wait.mjs [NAME] [FILE]
//
// Without FILE, 1 MiB of random bytes is imported.
import { GlanceClient } from 'tsglance'
import { exampleData } from './example-data.mjs'

const [name = 'tsglance-example-import', file] = process.argv.slice(2)
const data = await exampleData(file, 1024 * 1024)
// Configured from the OS_* variables of an openrc (`. demo-openrc` first), as glance is.
const glance = await GlanceClient.fromEnv()
let image
try {
  image = await glance.images.create({ name, disk_format: 'raw', container_format: 'bare' })
  console.log(`created ${image.id}`)
  await glance.images.stage(image.id, data)
  console.log('staged')
  const { requestId } = await glance.images.import(image.id, { method: 'glance-direct' })
  // The request id tells this import's task apart from any earlier one.
  const result = await glance.images.waitForImport(image.id, {
    requestId,
    intervalMs: 500,
    timeoutMs: 120_000,
    onProgress: ({ image: polled }) => console.log(`poll ${polled.status}`),
  })
  console.log(`outcome ${result.outcome}`)
  console.log(`status ${result.image.status}`)
  console.log(`checksum ${result.image.checksum}`)
  if (result.outcome !== 'success') process.exitCode = 1
} finally {
  if (image) {
    await glance.images.delete(image.id)
    console.log(`deleted ${image.id}`)
  }
  await glance.close()
}
