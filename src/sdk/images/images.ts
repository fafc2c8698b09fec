import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import type { Session } from '../session.js'
import { PagedList } from '../pagination.js'
import type { HttpRequest, QueryValue } from '../transport/http-transport.js'
import { isBaseProperty, type SchemasApi } from '../schemas/schemas.js'
import { CommunicationError, ValidationError } from '../errors.js'
import type { RequestOptions } from '../request-options.js'
import { buildImagePatch, PATCH_CONTENT_TYPE, type PatchOperation } from './patch.js'
import { ImageLocationsApi } from './locations.js'
import { ImageTagsApi } from './tags.js'
import { publishImage, type PublishOptions, type PublishSource } from './publish.js'
import { chooseVerification, ProgressStream, VerifyingStream } from './data.js'
import { downloadImageToFile, type FileDownload } from './download-file.js'
import { imageActionPath, imageFilePath, imageImportPath, imagePath, imagesPath, imageStagePath, imageTasksPath, storeImagePath, storesInfoPath } from './urls.js'
import { VersionsApi } from '../versions.js'
import { sleep } from '../transport/retry.js'
import {
  buildImportRequest,
  waitForImport,
  type ImageImportOptions,
  type ImageTask,
  type ImportAccepted,
  type ImportResult,
  type StageOptions,
  type WaitForImportOptions,
} from './import.js'
import {
  IMAGE_SORT_KEYS,
  type DownloadOptions,
  type DownloadToFileOptions,
  type Image,
  type ImageCreateFields,
  type ImageListOptions,
  type ImageUpdate,
  type TimeFilter,
  type UploadOptions,
} from './types.js'

/**
 * Glance's default api_limit_max: the largest page a stock server gives. glance
 * asks for 200; asking for more changes no output (pages are cut at a stable
 * sort marker) and takes 5 round trips instead of 25 for 5,000 images. A
 * server with a lower cap answers with fewer images and a next link.
 */
const DEFAULT_PAGE_SIZE = 1000

/**
 * The slowest rate an upload is assumed to reach when checking, before the
 * PUT, that the token will outlast it (docs/decisions/0008-tls-redirects-token-lifetime.md).
 */
export const UPLOAD_FLOOR_BYTES_PER_SECOND = 10 * 1024 * 1024

/** How long a retried upload waits for Glance to return an image from `saving` after a broken upload, and how often it looks. */
const SAVING_SETTLE_TIMEOUT_MS = 30_000
const SAVING_POLL_MS = 500

/** Image data source: a file path, a stream of bytes, or bytes in memory. */
export type ImageData = { path: string } | Readable | AsyncIterable<Uint8Array> | Buffer

export interface ImageDownload {
  /** Verified data stream: errors at its end if the hash does not match. */
  stream: Readable
  /** Content-Length when the server sent one. */
  size?: number
  /** Algorithm used for verification, or undefined when Glance recorded none. */
  verifiedWith?: string
}

/** glanceclient's client-side check of `sort=key:dir,...`. */
function validateSort(sort: string): string {
  for (const part of sort.trim().split(',')) {
    const [key, dir] = [part.split(':')[0], part.includes(':') ? part.slice(part.indexOf(':') + 1) : '']
    if (dir && dir !== 'asc' && dir !== 'desc') {
      throw new ValidationError('sort', `Invalid sort direction: ${dir}. It must be one of the following: asc, desc.`)
    }
    if (!(IMAGE_SORT_KEYS as readonly string[]).includes(key)) {
      throw new ValidationError('sort', `Invalid sort key: ${key}. It must be one of the following: ${IMAGE_SORT_KEYS.join(', ')}.`)
    }
  }
  return sort
}

function definedOnly(query: Record<string, QueryValue>): Record<string, QueryValue> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined))
}

function timeFilter(filter: TimeFilter | undefined): string | undefined {
  if (!filter) return undefined
  return `${filter.op}:${filter.value instanceof Date ? filter.value.toISOString() : filter.value}`
}

function listQuery(opts: ImageListOptions): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {
    visibility: opts.visibility,
    member_status: opts.memberStatus,
    owner: opts.owner,
    checksum: opts.checksum,
    os_hidden: opts.osHidden,
    os_hash_value: opts.osHashValue,
    ...opts.properties,
    // Filters glance's CLI has no flags for: only those given take a place,
    // after the custom properties, so the CLI's URLs keep glance's order.
    ...definedOnly({
      name: opts.name,
      id: opts.ids?.length ? `in:${opts.ids.join(',')}` : undefined,
      status: opts.status,
      protected: opts.protected,
      disk_format: opts.diskFormat,
      container_format: opts.containerFormat,
      size_min: opts.sizeMin,
      size_max: opts.sizeMax,
      created_at: timeFilter(opts.createdAt),
      updated_at: timeFilter(opts.updatedAt),
    }),
    // Only reserves the place: the paginator fills in the page size. Keeping
    // glanceclient's parameter order makes the URLs in debug lines and
    // "Error finding address for <url>" read exactly as glance's do.
    limit: undefined,
    tag: opts.tags,
  }
  if (opts.sort !== undefined) {
    if (opts.sortKey?.length || opts.sortDir?.length) {
      throw new ValidationError('sort', "The 'sort' argument is not supported with 'sort_key' or 'sort_dir'.")
    }
    query.sort = validateSort(opts.sort)
  } else {
    const keys = opts.sortKey ?? []
    const dirs = opts.sortDir ?? []
    if (keys.length !== dirs.length && dirs.length > 1) {
      throw new ValidationError(
        'sortDir',
        'Unexpected number of sort directions: either provide a single sort direction or an equal number of sort keys and sort directions.',
      )
    }
    query.sort_key = keys
    query.sort_dir = dirs
  }
  query.marker = opts.marker
  return query
}

/** `images.*`: CRUD, listing, and image data transfer. */
export class ImagesApi {
  /** An image's tags, one at a time. */
  readonly tags: ImageTagsApi
  /** An image's data locations (admin, or `show_multiple_locations`). */
  readonly locations: ImageLocationsApi

  constructor(
    private readonly session: Session,
    private readonly schemas: SchemasApi,
    /** Shared with the client so `/versions` is asked once per session. */
    private readonly versions: VersionsApi = new VersionsApi(session),
  ) {
    this.tags = new ImageTagsApi(session)
    this.locations = new ImageLocationsApi(this)
  }

  /** Lazily paged listing; iterate with `for await`. */
  list<P extends object = {}>(opts: ImageListOptions = {}): PagedList<Image<P>> {
    return new PagedList<Image<P>>({
      session: this.session,
      path: imagesPath(),
      query: listQuery(opts),
      itemsKey: 'images',
      pageSize: opts.pageSize || DEFAULT_PAGE_SIZE,
      limit: opts.limit,
      signal: opts.signal,
    })
  }

  async get<P extends object = {}>(id: string, { signal }: RequestOptions = {}): Promise<Image<P>> {
    const res = await this.session.request({ method: 'GET', path: imagePath(id), expect: [200], signal })
    return res.json<Image<P>>()
  }

  async create<P extends object = {}>(fields: ImageCreateFields, opts: RequestOptions & { store?: string } = {}): Promise<Image<P>> {
    const res = await this.session.request({
      method: 'POST',
      path: imagesPath(),
      json: fields,
      headers: { 'x-image-meta-store': opts.store },
      expect: [201],
      signal: opts.signal,
    })
    return res.json<Image<P>>()
  }

  /**
   * Set and remove properties, as glanceclient does: the image and its
   * schema are read, and the JSON patch that turns one into the other is
   * sent (the updated image is returned). To send a patch as written, in
   * one request, use `patch`.
   */
  async update<P extends object = {}>(id: string, changes: ImageUpdate, options: RequestOptions = {}): Promise<Image<P>> {
    const [schema, current] = await Promise.all([this.schemas.get('image', options), this.get(id, options)])
    return this.patch(id, buildImagePatch(current, changes, (name) => isBaseProperty(schema, name)), options)
  }

  /**
   * Send a JSON patch (RFC 6902 as Glance takes it, `application/openstack-images-v2.1-json-patch`)
   * exactly as given, in one request; returns the image as Glance answers.
   */
  async patch<P extends object = {}>(id: string, operations: readonly PatchOperation[], { signal }: RequestOptions = {}): Promise<Image<P>> {
    const res = await this.session.request({
      method: 'PATCH',
      path: imagePath(id),
      json: operations,
      headers: { 'Content-Type': PATCH_CONTENT_TYPE },
      expect: [200],
      signal,
    })
    return res.json<Image<P>>()
  }

  async delete(id: string, { signal }: RequestOptions = {}): Promise<void> {
    const res = await this.session.request({ method: 'DELETE', path: imagePath(id), expect: [204], signal })
    await res.dump()
  }

  /** Make an active image's data unreadable to non-admins (admin only by default policy). */
  async deactivate(id: string, { signal }: RequestOptions = {}): Promise<void> {
    const res = await this.session.request({ method: 'POST', path: imageActionPath(id, 'deactivate'), expect: [204], signal })
    await res.dump()
  }

  /** Make a deactivated image's data readable again. */
  async reactivate(id: string, { signal }: RequestOptions = {}): Promise<void> {
    const res = await this.session.request({ method: 'POST', path: imageActionPath(id, 'reactivate'), expect: [204], signal })
    await res.dump()
  }

  /** Store ids enabled on a multi-store cloud; undefined when the cloud has no stores API. */
  async storeIds({ signal }: RequestOptions = {}): Promise<string[] | undefined> {
    try {
      const res = await this.session.request({ method: 'GET', path: storesInfoPath(), expect: [200], signal })
      const body = await res.json<{ stores: { id: string }[] }>()
      return body.stores.map((s) => s.id)
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined
      throw err
    }
  }

  /**
   * Upload image data. A file path is streamed with its exact size
   * (Content-Length and x-openstack-image-size); other streams go chunked
   * unless `size` is given. Memory use does not depend on the image size.
   */
  async upload(id: string, data: ImageData, opts: UploadOptions = {}): Promise<void> {
    await this.putData(imageFilePath(id), data, opts, {
      beforeRetry: () => this.waitWhileSaving(id, opts.signal),
      // 409 or 500 to a retry: most likely the retry raced Glance still handling the broken attempt (see waitWhileSaving).
      alsoRetry: (status, attempt) => attempt > 0 && (status === 409 || status === 500),
    })
  }

  /**
   * After an upload broke off, Glance keeps the image `saving` until it has
   * noticed and put it back to `queued`; a PUT sent meanwhile is refused
   * with 409. On a busy server the broken request may reach `saving` only
   * after the retry was sent, and the two race (409, or 500 when the
   * database refuses the second writer), so such answers to a retried PUT
   * are retried too, after this wait. Bounded; a failure to ask only ends
   * the wait. (docs/decisions/0012-faults-and-resume.md)
   */
  private async waitWhileSaving(id: string, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + SAVING_SETTLE_TIMEOUT_MS
    while (Date.now() < deadline) {
      const image = await this.get(id, { signal }).catch(() => undefined)
      if (image?.status !== 'saving') return
      await sleep(SAVING_POLL_MS, signal)
    }
  }

  /**
   * Put image data in Glance's staging area (image `queued` -> `uploading`),
   * to be imported with the `glance-direct` method. Streams as `upload` does.
   */
  async stage(id: string, data: ImageData, opts: StageOptions = {}): Promise<void> {
    await this.putData(imageStagePath(id), data, opts)
  }

  /**
   * Start an import; Glance answers at once and runs it as a task (follow it
   * with `waitForImport`). The body is glanceclient's; `store` travels as
   * the `X-Image-Meta-Store` header.
   */
  async import(id: string, opts: ImageImportOptions): Promise<ImportAccepted> {
    const { body, headers } = buildImportRequest(opts)
    const res = await this.session.request({ method: 'POST', path: imageImportPath(id), json: body, headers, expect: [202], signal: opts.signal })
    await res.dump()
    return { requestId: res.header('x-openstack-request-id') }
  }

  /**
   * Create an image and give it its data in one call, all or nothing:
   * upload (default) or stage and import the bytes, or import from a URL
   * (`{ uri }`) or another region, then wait until the image is active.
   * Any failure or abort after the image was created deletes it (told to
   * `onCleanup`) before the error is thrown. See images/publish.ts.
   *
   * ```ts
   * const image = await glance.images.publish(
   *   { name: 'cirros', disk_format: 'qcow2', container_format: 'bare' },
   *   { path: 'cirros.img' },
   * )
   * ```
   */
  publish<P extends object = {}>(fields: ImageCreateFields, source: PublishSource, options: PublishOptions = {}): Promise<Image<P>> {
    return publishImage<P>(this, fields, source, options)
  }

  /** Wait for an import to end (see `waitForImport` in images/import.ts). */
  waitForImport(id: string, opts: WaitForImportOptions = {}): Promise<ImportResult> {
    return waitForImport(this, id, opts)
  }

  /**
   * The tasks (imports) run on an image. Needs image API v2.12: like
   * glanceclient, ask `/versions` first and throw UnsupportedApiVersionError
   * (an HTTPNotImplemented) without calling when the server lacks it.
   */
  async tasks(id: string, { signal }: RequestOptions = {}): Promise<ImageTask[]> {
    await this.versions.require('v2.12', 'image tasks API', { signal })
    const res = await this.session.request({ method: 'GET', path: imageTasksPath(id), expect: [200], signal })
    return (await res.json<{ tasks: ImageTask[] }>()).tasks
  }

  /** Remove an image's data from one store of a multi-store cloud (the image keeps its other copies). */
  async deleteFromStore(imageId: string, storeId: string, { signal }: RequestOptions = {}): Promise<void> {
    const res = await this.session.request({ method: 'DELETE', path: storeImagePath(storeId, imageId), expect: [204], signal })
    await res.dump()
  }

  private async putData(path: string, data: ImageData, opts: UploadOptions, retryHooks: Pick<HttpRequest, 'beforeRetry' | 'alsoRetry'> = {}): Promise<void> {
    let size = opts.size
    const counted = (stream: Readable): Readable => (opts.onProgress ? stream.pipe(new ProgressStream(size, opts.onProgress)) : stream)
    // Files and buffers are passed as bodies the transport can produce again,
    // so a retried or re-authenticated PUT resends the whole image; a stream
    // (stdin, a pipe) can only be sent once.
    let body: Buffer | Readable | (() => Readable)
    if (Buffer.isBuffer(data)) {
      size ??= data.length
      body = opts.onProgress ? () => counted(Readable.from([data])) : data
    } else if ('path' in data && typeof data.path === 'string' && !(data instanceof Readable)) {
      const file = data.path
      size ??= (await stat(file)).size
      body = () => counted(createReadStream(file, { highWaterMark: 1 << 20 }))
    } else {
      body = counted(data instanceof Readable ? data : Readable.from(data as AsyncIterable<Uint8Array>))
    }
    const headers: Record<string, string | undefined> = {
      'Content-Type': 'application/octet-stream',
      'x-image-meta-store': opts.store,
    }
    if (size !== undefined) {
      headers['Content-Length'] = String(size)
      headers['x-openstack-image-size'] = String(size)
    }
    // A token that expires mid-upload makes Glance refuse the whole image at
    // its end; renew it first when the upload could plausibly outlive it.
    if (size !== undefined) await this.session.ensureTokenOutlasts((size / UPLOAD_FLOOR_BYTES_PER_SECOND) * 1000, opts)
    const res = await this.session.request({ method: 'PUT', path, body, headers, expect: [204], signal: opts.signal, ...retryHooks })
    await res.dump()
  }

  /**
   * Open the image data as a stream verified against the hash Glance
   * recorded. Returns undefined when the image has no data (HTTP 204).
   */
  async download(id: string, opts: DownloadOptions = {}): Promise<ImageDownload | undefined> {
    const verify = opts.verify ?? true
    // Read the recorded hash first: it must describe the same image record
    // the data comes from (glanceclient does the same to avoid a race).
    const image = verify ? await this.get(id, opts) : undefined
    const res = await this.session.request({ method: 'GET', path: imageFilePath(id), expect: [200, 204], signal: opts.signal })
    if (res.status === 204) {
      await res.dump()
      return undefined
    }
    const length = res.header('content-length')
    // A chunked answer has no Content-Length; the image record knows the size.
    const size = length !== undefined ? Number(length) : typeof image?.size === 'number' ? image.size : undefined
    let verification
    try {
      verification = image ? chooseVerification(image, res.header('content-md5'), opts.allowMd5Fallback ?? false) : undefined
    } catch (err) {
      await res.dump()
      throw err
    }
    const verifier = new VerifyingStream(verification, size, opts.onProgress)
    // A broken body reaches the reader as the SDK's communication failure, not undici's.
    // A cancelled download ends with the caller's reason.
    res.body.on('error', (err) =>
      verifier.destroy(
        opts.signal?.aborted
          ? opts.signal.reason
          : new CommunicationError(`Download of image ${id} broke off after ${verifier.bytes} of ${size ?? 'unknown'} bytes (${err.message})`, { cause: err }),
      ),
    )
    return { stream: res.body.pipe(verifier), size, verifiedWith: verification?.algorithm }
  }

  /**
   * Download into `path` safely: bytes go to `path.part`, are verified, and
   * only then renamed over `path`, which is otherwise left as it was. A body
   * that breaks off is continued with a Range request within the retry
   * policy; after that (or on abort) the bytes received stay in `path.part`
   * for `resume: true` (PartialDownloadError; an abort rejects with the
   * signal's reason and keeps them too). Bytes that fail verification
   * are deleted (ChecksumMismatchError).
   */
  async downloadToFile(id: string, path: string, opts: DownloadToFileOptions = {}): Promise<FileDownload | undefined> {
    const image = (opts.verify ?? true) ? await this.get(id, opts) : undefined
    return downloadImageToFile(this.session, id, path, image, opts)
  }
}
