// The client every example uses, configured from the OS_* variables of an
// openrc file (`. demo-openrc` first), the way `glance` reads them.
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { GlanceClient } from 'tsglance'

export function clientFromEnv(env = process.env) {
  if (!env.OS_AUTH_URL) throw new Error('OS_AUTH_URL is not set: source an openrc file first')
  return new GlanceClient({
    auth: {
      authUrl: env.OS_AUTH_URL,
      username: env.OS_USERNAME,
      password: env.OS_PASSWORD,
      userDomainName: env.OS_USER_DOMAIN_NAME,
      projectName: env.OS_PROJECT_NAME,
      projectDomainName: env.OS_PROJECT_DOMAIN_NAME,
    },
    // Without OS_IMAGE_URL the Glance endpoint comes from Keystone's catalog.
    endpoint: env.OS_IMAGE_URL,
    regionName: env.OS_REGION_NAME,
    interface: env.OS_INTERFACE,
  })
}

/** Image bytes for the examples: the file named on the command line, or `size` random bytes. */
export async function exampleData(path, size) {
  return path ? readFile(path) : randomBytes(size)
}
