// Create an image, upload its data while reporting progress, show what
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
  image = await glance.images.create({ name, disk_format: 'raw', container_format: 'bare' })
  console.log(`created ${image.id}`)
  await glance.images.upload(image.id, file ? { path: file } : data, {
    // Called as bytes leave; `total` is the file's or the Buffer's length.
    onProgress: ({ transferred, total }) => console.log(`progress ${transferred}/${total}`),
  })
  const uploaded = await glance.images.get(image.id)
  console.log(`status ${uploaded.status}`)
  console.log(`size ${uploaded.size}`)
  console.log(`checksum ${uploaded.checksum}`)
  console.log(`local-md5 ${createHash('md5').update(data).digest('hex')}`)
} finally {
  if (image) {
    await glance.images.delete(image.id)
    console.log(`deleted ${image.id}`)
  }
  await glance.close()
}
