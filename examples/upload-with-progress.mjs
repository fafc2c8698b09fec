// Publish an image (create it and upload its data in one call, which deletes
// the image again if the upload fails) while reporting progress, show what
// Glance recorded, then delete it.
//
//   node examples/upload-with-progress.mjs [NAME] [FILE]
//
// A FILE is streamed from disk (progress reported chunk by chunk); without
// one, 4 MiB of random bytes are uploaded from memory.
import { createHash } from 'node:crypto'
import { GlanceClient } from 'tsglance'
import { exampleData } from './example-data.mjs'

const [name = 'tsglance-example-upload', file] = process.argv.slice(2)
const data = await exampleData(file, 4 * 1024 * 1024)
// Configured from the OS_* variables of an openrc (`. demo-openrc` first), as glance is.
const glance = await GlanceClient.fromEnv()
let image
try {
  image = await glance.images.publish({ name, disk_format: 'raw', container_format: 'bare' }, file ? { path: file } : data, {
    // Called as bytes leave; `total` is the file's or the Buffer's length.
    onProgress: ({ transferred, total }) => console.log(`progress ${transferred}/${total}`),
  })
  console.log(`created ${image.id}`)
  console.log(`status ${image.status}`)
  console.log(`size ${image.size}`)
  console.log(`checksum ${image.checksum}`)
  console.log(`local-md5 ${createHash('md5').update(data).digest('hex')}`)
} finally {
  if (image) {
    await glance.images.delete(image.id)
    console.log(`deleted ${image.id}`)
  }
  await glance.close()
}
