// List images with `for await`: pages are fetched lazily as the loop
// advances, so a cloud with thousands of images is never held in memory.
//
//   node examples/list-images.mjs [NAME]
//
// With NAME only images of exactly that name are listed. Pages of 2 show the
// paging at work on a small cloud; real code leaves pageSize at its default.
import { GlanceClient } from 'tsglance'

const [name] = process.argv.slice(2)
// Configured from the OS_* variables of an openrc (`. demo-openrc` first), as glance is.
const glance = await GlanceClient.fromEnv()
try {
  let count = 0
  for await (const image of glance.images.list({ pageSize: 2, properties: name ? { name } : undefined })) {
    console.log(`image ${image.id} ${image.status} ${image.name ?? ''}`)
    count++
  }
  console.log(`count ${count}`)
} finally {
  await glance.close()
}
