import type { RequestOptions } from './request-options.js'
import type { Session } from './session.js'
import { UnsupportedApiVersionError } from './errors.js'
import { SharedResult } from './result-cache.js'

export type ApiVersionStatus = 'CURRENT' | 'SUPPORTED' | 'EXPERIMENTAL' | 'DEPRECATED' | (string & {})

/** One entry of `GET /versions`, e.g. `{ id: 'v2.14', status: 'SUPPORTED' }`. */
export interface ApiVersion {
  id: string
  status: ApiVersionStatus
  links?: { rel: string; href: string }[]
}

/** Statuses under which glanceclient's `has_version` counts a version as served. */
const SERVED_STATUSES: readonly string[] = ['SUPPORTED', 'CURRENT', 'EXPERIMENTAL']

/**
 * Glance's version document (`GET /versions` at the endpoint root), fetched
 * at most once per client and only when a call needs a minimum version
 * (glanceclient asks again before every such call).
 */
export class VersionsApi {
  private readonly versions = new SharedResult(async (signal) => {
    // Glance answers 300 Multiple Choices on some deployments; the body is the same.
    const res = await this.session.request({ method: 'GET', path: '/versions', expect: [200, 300], signal })
    return (await res.json<{ versions: ApiVersion[] }>()).versions
  })

  constructor(private readonly session: Session) {}

  list({ signal }: RequestOptions = {}): Promise<ApiVersion[]> {
    return this.versions.get(signal)
  }

  /** glanceclient's `has_version`: the exact id (`v2.14`) is listed as current, supported or experimental. */
  async has(version: string, options: RequestOptions = {}): Promise<boolean> {
    return served(await this.list(options)).includes(version)
  }

  /** Throw UnsupportedApiVersionError unless the server serves `version`; `feature` names what needs it. */
  async require(version: string, feature: string, options: RequestOptions = {}): Promise<void> {
    const offered = served(await this.list(options))
    if (!offered.includes(version)) throw new UnsupportedApiVersionError(feature, version, offered)
  }
}

/** The ids of the versions counted as served. */
function served(versions: readonly ApiVersion[]): string[] {
  return versions.filter((v) => SERVED_STATUSES.includes(v.status)).map((v) => v.id)
}
