import { ImagesApi } from './images/images.js'
import { SchemasApi } from './schemas/schemas.js'
import { Session, type SessionOptions } from './session.js'

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

  constructor(options: GlanceClientOptions | Session) {
    this.session = options instanceof Session ? options : new Session(options)
    this.schemas = new SchemasApi(this.session)
    this.images = new ImagesApi(this.session, this.schemas)
  }

  /** Release pooled connections (only those the client created). */
  close(): Promise<void> {
    return this.session.close()
  }
}
