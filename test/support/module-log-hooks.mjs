/** Loader hooks of module-log.mjs (they run on the loader's own thread, hence a file rather than a message). */
import { appendFileSync } from 'node:fs'

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context)
  appendFileSync(process.env.TSGLANCE_MODULE_LOG, `${resolved.url}\n`)
  return resolved
}
