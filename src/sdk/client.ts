import { CacheApi } from './cache/cache.js'
import { ImagesApi } from './images/images.js'
import { InfoApi } from './info/info.js'
import { MembersApi } from './members/members.js'
import { MetadefsApi } from './metadefs/metadefs.js'
import { SchemasApi } from './schemas/schemas.js'
import { Session, type SessionOptions } from './session.js'
import { resolveConnectionConfig } from './config/resolve.js'
import { sessionOptionsFrom } from './config/settings.js'
import { ValidationError } from './errors.js'
import { TasksApi } from './tasks/tasks.js'
import { UsageApi } from './usage/usage.js'
import { VersionsApi } from './versions.js'

export type GlanceClientOptions = SessionOptions

/**
 * Options of `fromEnv` / `fromCloud`: where to read the configuration, and
 * any client option besides the connection settings (retries, a dispatcher,
 * a debug log, ...), which the configuration supplies.
 */
export interface ConfiguredClientOptions extends Omit<GlanceClientOptions, keyof ReturnType<typeof sessionOptionsFrom>> {
  /** The environment to read `OS_*` from; default `process.env`. */
  env?: NodeJS.ProcessEnv
  /** Where clouds.yaml is searched first (`./clouds.yaml`); default `process.cwd()`. */
  cwd?: string
  /** The home directory (`~/.config/openstack/`); default the user's. */
  home?: string
}

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
    this.cache = new CacheApi(this.session, this.versions)
    this.usage = new UsageApi(this.session)
    this.info = new InfoApi(this.session)
    this.metadefs = new MetadefsApi(this.session)
  }

  /**
   * A client configured as `glance` and `openstack` are from an openrc:
   * the `OS_*` variables of `env` (and the clouds.yaml entry `OS_CLOUD`
   * names, if set, with the variables taking precedence).
   */
  static async fromEnv(options: ConfiguredClientOptions = {}): Promise<GlanceClient> {
    return new GlanceClient((await GlanceClient.configuration(undefined, options)).options)
  }

  /**
   * A client for a clouds.yaml entry (with secure.yaml, searched in `./`,
   * `~/.config/openstack/`, `/etc/openstack/`), as openstacksdk's
   * `connect(cloud=...)`: `name`, else `OS_CLOUD`. `OS_*` variables
   * override the entry's fields, as in the CLI.
   */
  static async fromCloud(name?: string, options: ConfiguredClientOptions = {}): Promise<GlanceClient> {
    const configuration = await GlanceClient.configuration(name, options)
    // The resolver takes the cloud from `name` or OS_CLOUD; with neither it read no clouds.yaml.
    if (!configuration.cloudName) throw new ValidationError('cloud', 'No cloud named: pass a clouds.yaml entry name or set OS_CLOUD')
    return new GlanceClient(configuration.options)
  }

  /** The client options the CLI's resolver gives (flags: only the cloud), with the caller's other options. */
  private static async configuration(cloud: string | undefined, options: ConfiguredClientOptions): Promise<{ options: GlanceClientOptions; cloudName?: string }> {
    const { env = process.env, cwd, home, ...clientOptions } = options
    const config = await resolveConnectionConfig({ flags: cloud ? { cloud } : {}, env, cwd, home })
    return { options: { ...clientOptions, ...sessionOptionsFrom(config) }, cloudName: config.cloudName }
  }

  /** Release pooled connections (only those the client created). */
  close(): Promise<void> {
    return this.session.close()
  }
}
