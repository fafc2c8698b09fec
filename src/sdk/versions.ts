import type { Session } from './session.js'
import { HTTPNotImplemented } from './errors.js'
import { SharedResult } from './shared-result.js'

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
 * The server lacks an API version a call needs (glanceclient raises
 * HTTPNotImplemented for this without sending the call, and so do we).
 */
export class ApiVersionNotSupported extends HTTPNotImplemented {
  readonly version: string

  /** `feature` names what needs the version, e.g. `image caching API`. */
  constructor(feature: string, version: string) {
    super({ status: 501, method: 'GET', url: '', details: `Glance does not support ${feature} (${version})` })
    this.version = version
  }
}

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

  list(signal?: AbortSignal): Promise<ApiVersion[]> {
    return this.versions.get(signal)
  }

  /** glanceclient's `has_version`: the exact id (`v2.14`) is listed as current, supported or experimental. */
  async has(version: string, signal?: AbortSignal): Promise<boolean> {
    const listed = (await this.list(signal)).find((v) => v.id === version)
    return listed !== undefined && SERVED_STATUSES.includes(listed.status)
  }

  /** Throw ApiVersionNotSupported unless the server serves `version`. */
  async require(version: string, feature: string, signal?: AbortSignal): Promise<void> {
    if (!(await this.has(version, signal))) throw new ApiVersionNotSupported(feature, version)
  }
}
