import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { imageTagPath } from './urls.js'

/**
 * `images.tags.*`: one tag at a time (`PUT`/`DELETE /v2/images/{id}/tags/{tag}`),
 * without rewriting the whole list as an image PATCH does. Tags are sent
 * percent-encoded, so `?`, `#` and `%` arrive intact (glance sends them raw);
 * Glance's router refuses a `/` in a tag either way.
 */
export class ImageTagsApi {
  constructor(private readonly session: Session) {}

  /** Add a tag; adding one the image already has is not an error. */
  async add(imageId: string, tag: string, { signal }: RequestOptions = {}): Promise<void> {
    const res = await this.session.request({ method: 'PUT', path: imageTagPath(imageId, tag), expect: [204], signal })
    await res.dump()
  }

  /** Remove a tag; HTTPNotFound when the image does not have it. */
  async delete(imageId: string, tag: string, { signal }: RequestOptions = {}): Promise<void> {
    const res = await this.session.request({ method: 'DELETE', path: imageTagPath(imageId, tag), expect: [204], signal })
    await res.dump()
  }
}
