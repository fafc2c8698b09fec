import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import type { ImportInfo, StoresInfo } from './types.js'
import { importInfoPath, storesInfoDetailPath, storesInfoPath } from './urls.js'

/** `info.*`: what the cloud offers for image import (methods, stores). */
export class InfoApi {
  constructor(private readonly session: Session) {}

  /** Import methods the cloud enables; HTTPNotFound when Glance has no import workflow. */
  async getImportInfo({ signal }: RequestOptions = {}): Promise<ImportInfo> {
    const res = await this.session.request({ method: 'GET', path: importInfoPath(), expect: [200], signal })
    return res.json<ImportInfo>()
  }

  /**
   * The backend stores; `detail` adds each store's type and settings
   * (admin only). HTTPNotFound when multiple stores are not enabled.
   */
  async getStoresInfo(opts: RequestOptions & { detail?: boolean } = {}): Promise<StoresInfo> {
    const path = opts.detail ? storesInfoDetailPath() : storesInfoPath()
    const res = await this.session.request({ method: 'GET', path, expect: [200], signal: opts.signal })
    return res.json<StoresInfo>()
  }
}
