import { createReadStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Session } from '../session.js'
import { PagedList } from '../pagination.js'
import type { QueryValue } from '../transport/http-transport.js'
import { isBaseProperty, type SchemasApi } from '../schemas/schemas.js'
import { GlanceError, HTTPBadRequest } from '../errors.js'
import { buildImagePatch } from './patch.js'
import { chooseVerification, ProgressStream, VerifyingStream } from './data.js'
import { imageFilePath, imagePath, imagesPath, storesInfoPath } from './urls.js'
import {
  IMAGE_SORT_KEYS,
  type DownloadOptions,
  type Image,
  type ImageCreateFields,
  type ImageListOptions,
  type ImageUpdate,
  type UploadOptions,
} from './types.js'

const DEFAULT_PAGE_SIZE = 200
const PATCH_CONTENT_TYPE = 'application/openstack-images-v2.1-json-patch'

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
      throw new HTTPBadRequest({ status: 400, method: 'GET', url: '', details: `Invalid sort direction: ${dir}. It must be one of the following: asc, desc.` })
    }
    if (!(IMAGE_SORT_KEYS as readonly string[]).includes(key)) {
      throw new HTTPBadRequest({
        status: 400,
        method: 'GET',
        url: '',
        details: `Invalid sort key: ${key}. It must be one of the following: ${IMAGE_SORT_KEYS.join(', ')}.`,
      })
    }
  }
  return sort
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
    // Only reserves the place: the paginator fills in the page size. Keeping
    // glanceclient's parameter order makes the URLs in --debug lines and
    // "Error finding address for <url>" read exactly as glance's do.
    limit: undefined,
    tag: opts.tags,
  }
  if (opts.sort !== undefined) {
    if (opts.sortKey?.length || opts.sortDir?.length) {
      throw new HTTPBadRequest({ status: 400, method: 'GET', url: '', details: "The 'sort' argument is not supported with 'sort_key' or 'sort_dir'." })
    }
    query.sort = validateSort(opts.sort)
  } else {
    const keys = opts.sortKey ?? []
    const dirs = opts.sortDir ?? []
    if (keys.length !== dirs.length && dirs.length > 1) {
      throw new HTTPBadRequest({
        status: 400,
        method: 'GET',
        url: '',
        details: 'Unexpected number of sort directions: either provide a single sort direction or an equal number of sort keys and sort directions.',
      })
    }
    query.sort_key = keys
    query.sort_dir = dirs
  }
  query.marker = opts.marker
  return query
}

/** `images.*`: CRUD, listing, and image data transfer. */
export class ImagesApi {
  constructor(
    private readonly session: Session,
    private readonly schemas: SchemasApi,
  ) {}

  /** Lazily paged listing; iterate with `for await`. */
  list(opts: ImageListOptions = {}): PagedList<Image> {
    return new PagedList<Image>({
      session: this.session,
      path: imagesPath(),
      query: listQuery(opts),
      itemsKey: 'images',
      pageSize: opts.pageSize || DEFAULT_PAGE_SIZE,
      limit: opts.limit,
      signal: opts.signal,
    })
  }

  async get(id: string, signal?: AbortSignal): Promise<Image> {
    const res = await this.session.request({ method: 'GET', path: imagePath(id), expect: [200], signal })
    return res.json<Image>()
  }

  async create(fields: ImageCreateFields, opts: { store?: string; signal?: AbortSignal } = {}): Promise<Image> {
    const res = await this.session.request({
      method: 'POST',
      path: imagesPath(),
      json: fields,
      headers: { 'x-image-meta-store': opts.store },
      expect: [201],
      signal: opts.signal,
    })
    return res.json<Image>()
  }

  /** Apply a JSON patch computed against the image's current state (the updated image is returned). */
  async update(id: string, update: ImageUpdate): Promise<Image> {
    const [schema, current] = await Promise.all([this.schemas.get('image', update.signal), this.get(id, update.signal)])
    const patch = buildImagePatch(current, update, (name) => isBaseProperty(schema, name))
    const res = await this.session.request({
      method: 'PATCH',
      path: imagePath(id),
      json: patch,
      headers: { 'Content-Type': PATCH_CONTENT_TYPE },
      expect: [200],
      signal: update.signal,
    })
    return res.json<Image>()
  }

  async delete(id: string, signal?: AbortSignal): Promise<void> {
    const res = await this.session.request({ method: 'DELETE', path: imagePath(id), expect: [204], signal })
    await res.dump()
  }

  /** Store ids enabled on a multi-store cloud; undefined when the cloud has no stores API. */
  async storeIds(signal?: AbortSignal): Promise<string[] | undefined> {
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
    let size = opts.size
    let body: Readable | Buffer | AsyncIterable<Uint8Array>
    if (Buffer.isBuffer(data)) {
      body = data
      size ??= data.length
    } else if ('path' in data && typeof data.path === 'string' && !(data instanceof Readable)) {
      size ??= (await stat(data.path)).size
      body = createReadStream(data.path, { highWaterMark: 1 << 20 })
    } else {
      body = data as Readable | AsyncIterable<Uint8Array>
    }
    if (opts.onProgress) {
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : Readable.from(body)
      body = source.pipe(new ProgressStream(size, opts.onProgress))
    }
    const headers: Record<string, string | undefined> = {
      'Content-Type': 'application/octet-stream',
      'x-image-meta-store': opts.store,
    }
    if (size !== undefined) {
      headers['Content-Length'] = String(size)
      headers['x-openstack-image-size'] = String(size)
    }
    const res = await this.session.request({ method: 'PUT', path: imageFilePath(id), body, headers, expect: [204], signal: opts.signal })
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
    const image = verify ? await this.get(id, opts.signal) : undefined
    const res = await this.session.request({ method: 'GET', path: imageFilePath(id), expect: [200, 204], signal: opts.signal })
    if (res.status === 204) {
      await res.dump()
      return undefined
    }
    const length = res.header('content-length')
    const size = length === undefined ? undefined : Number(length)
    let verification
    try {
      verification = image ? chooseVerification(image, res.header('content-md5'), opts.allowMd5Fallback ?? false) : undefined
    } catch (err) {
      await res.dump()
      throw err
    }
    const verifier = new VerifyingStream(verification, size, opts.onProgress)
    res.body.on('error', (err) => verifier.destroy(err))
    return { stream: res.body.pipe(verifier), size, verifiedWith: verification?.algorithm }
  }

  /**
   * Download into `path` safely: bytes go to `path.part`, are verified, and
   * only then renamed over `path`; on any failure the part file is removed
   * and `path` is left as it was.
   */
  async downloadToFile(id: string, path: string, opts: DownloadOptions = {}): Promise<ImageDownload | undefined> {
    const download = await this.download(id, opts)
    if (!download) return undefined
    const partPath = `${path}.part`
    try {
      await pipeline(download.stream, createWriteStream(partPath, { highWaterMark: 1 << 20 }), { signal: opts.signal })
      await rename(partPath, path)
    } catch (err) {
      await rm(partPath, { force: true })
      throw err instanceof GlanceError ? err : new GlanceError(`Download of image ${id} to ${path} failed: ${(err as Error).message}`, { cause: err })
    }
    return download
  }
}
