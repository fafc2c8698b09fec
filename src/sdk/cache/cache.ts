import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import type { VersionsApi } from '../versions.js'
import { cachedImagePath, cachePath } from './urls.js'
import type { CacheClearTarget, CacheState } from './types.js'

/** The API version that introduced cache management. */
const CACHE_API_VERSION = 'v2.14'

/**
 * `cache.*`: the image cache of the Glance node the request lands on (admin
 * only by default policy). Like glanceclient, every call first checks that
 * the server serves v2.14 and throws UnsupportedApiVersionError when it does not;
 * the version document is fetched once per client.
 */
export class CacheApi {
  constructor(
    private readonly session: Session,
    private readonly versions: VersionsApi,
  ) {}

  private supported({ signal }: RequestOptions = {}): Promise<void> {
    return this.versions.require(CACHE_API_VERSION, 'image caching API', { signal })
  }

  async list({ signal }: RequestOptions = {}): Promise<CacheState> {
    await this.supported({ signal })
    const res = await this.session.request({ method: 'GET', path: cachePath(), expect: [200], signal })
    return res.json<CacheState>()
  }

  /** Ask the node to cache an image (it is fetched in the background). */
  async queue(imageId: string, { signal }: RequestOptions = {}): Promise<void> {
    await this.supported({ signal })
    const res = await this.session.request({ method: 'PUT', path: cachedImagePath(imageId), expect: [202], signal })
    await res.dump()
  }

  /** Remove one image from the cache or from the queue. */
  async delete(imageId: string, { signal }: RequestOptions = {}): Promise<void> {
    await this.supported({ signal })
    const res = await this.session.request({ method: 'DELETE', path: cachedImagePath(imageId), expect: [204], signal })
    await res.dump()
  }

  /** Empty the cache, the queue, or both (the default). */
  async clear(target: CacheClearTarget = 'both', { signal }: RequestOptions = {}): Promise<void> {
    await this.supported({ signal })
    const headers = target === 'both' ? undefined : { 'x-image-cache-clear-target': target }
    const res = await this.session.request({ method: 'DELETE', path: cachePath(), headers, expect: [204], signal })
    await res.dump()
  }
}
