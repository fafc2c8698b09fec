/**
 * A private image of the demo project: seeing it in a list proves the
 * token was scoped to project demo (no other project sees it).
 */
import { GlanceClient } from '../../../src/sdk/client.js'
import { HTTPInternalServerError } from '../../../src/sdk/errors.js'
import type { Image } from '../../../src/sdk/images/types.js'
import { authFromEnv, openrc } from './stack.js'

async function asDemo<T>(use: (client: GlanceClient) => Promise<T>): Promise<T> {
  const client = new GlanceClient({ auth: authFromEnv(openrc('demo')) })
  try {
    return await use(client)
  } finally {
    await client.close()
  }
}

export const createDemoPrivateImage = (name: string): Promise<Image> =>
  asDemo((client) => client.images.create({ name, visibility: 'private' }))

/**
 * Delete it again. Glance's sqlite database is shared by every suite and
 * answers 500 while another writer holds it, so a 500 is tried twice more.
 */
export async function deleteDemoImage(id: string): Promise<void> {
  await asDemo(async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.images.delete(id)
      } catch (err) {
        if (!(err instanceof HTTPInternalServerError) || attempt === 3) throw err
      }
    }
  })
}

/** The image as a row of the image-list table (columns are as wide as the widest name). */
export const imageRow = (image: Image) => new RegExp(`^\\| ${image.id} \\| ${image.name} +\\|$`, 'm')
