// Makes sure the stack holds COUNT images named bench-list-NNNNN (metadata
// only, no data), creating the missing ones through the SDK with bounded
// concurrency. Credentials come from the OS_* of the sourced openrc.
//
//   node bench/seed-images.mjs COUNT
import { GlanceClient } from '../dist/sdk/index.js'

const count = Number(process.argv[2] ?? 5000)
const CONCURRENCY = 16
const env = process.env
const glance = new GlanceClient({
  auth: {
    authUrl: env.OS_AUTH_URL, username: env.OS_USERNAME, password: env.OS_PASSWORD, projectName: env.OS_PROJECT_NAME,
    userDomainName: env.OS_USER_DOMAIN_NAME, projectDomainName: env.OS_PROJECT_DOMAIN_NAME,
  },
})
const name = (i) => `bench-list-${String(i).padStart(5, '0')}`
const present = new Set()
for await (const image of glance.images.list()) if (image.name?.startsWith('bench-list-')) present.add(image.name)
const missing = []
for (let i = 0; i < count; i++) if (!present.has(name(i))) missing.push(name(i))
let next = 0
async function worker() {
  while (next < missing.length) {
    const n = missing[next++]
    await glance.images.create({ name: n, disk_format: 'raw', container_format: 'bare' })
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker))
console.log(`bench images: ${present.size} present, ${missing.length} created`)
await glance.close()
