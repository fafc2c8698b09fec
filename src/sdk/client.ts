import { CacheApi } from './cache/cache.js'
import { ImagesApi } from './images/images.js'
import { ImageLocationsApi } from './images/locations.js'
import { ImageTagsApi } from './images/tags.js'
import { InfoApi } from './info/info.js'
import { MembersApi } from './members/members.js'
import { MetadefsApi } from './metadefs/metadefs.js'
import { SchemasApi } from './schemas/schemas.js'
import { Session, type SessionOptions } from './session.js'
import { TasksApi } from './tasks/tasks.js'
import { UsageApi } from './usage/usage.js'
import { VersionsApi } from './versions.js'

export type GlanceClientOptions = SessionOptions

/**
 * Entry point of the SDK. One client holds one session (one token, one
 * connection pool); resources hang off it as `client.images`, `client.schemas`.
 *
 * ```ts
 * const glance = new GlanceClient({ auth: { authUrl, username, password, projectName, userDomainName: 'Default', projectDomainName: 'Default' } })
 * for await (const image of glance.images.list()) console.log(image.name)
 * await glance.close()
 * ```
 */
export class GlanceClient {
  readonly session: Session
  readonly schemas: SchemasApi
  readonly images: ImagesApi
  /** Sharing images with other projects (`/v2/images/{id}/members`). */
  readonly members: MembersApi
  readonly tasks: TasksApi
  /** The API versions the server serves (`GET /versions`, fetched once, on first need). */
  readonly versions: VersionsApi
  readonly imageTags: ImageTagsApi
  readonly imageLocations: ImageLocationsApi
  /** The image cache of the node that answers (admin, API v2.14). */
  readonly cache: CacheApi
  /** The project's quotas and their usage. */
  readonly usage: UsageApi
  /** What the cloud offers for image import: methods and stores. */
  readonly info: InfoApi
  /** The metadata definitions catalog: namespaces, objects, properties, resource types, tags. */
  readonly metadefs: MetadefsApi

  constructor(options: GlanceClientOptions | Session) {
    this.session = options instanceof Session ? options : new Session(options)
    this.schemas = new SchemasApi(this.session)
    this.versions = new VersionsApi(this.session)
    this.images = new ImagesApi(this.session, this.schemas, this.versions)
    this.members = new MembersApi(this.session)
    this.tasks = new TasksApi(this.session)
    this.imageTags = new ImageTagsApi(this.session)
    this.imageLocations = new ImageLocationsApi(this.session, this.images)
    this.cache = new CacheApi(this.session, this.versions)
    this.usage = new UsageApi(this.session)
    this.info = new InfoApi(this.session)
    this.metadefs = new MetadefsApi(this.session)
  }

  /** Release pooled connections (only those the client created). */
  close(): Promise<void> {
    return this.session.close()
  }
}
