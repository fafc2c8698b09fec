// Dry runs (`dryRun: true`): the session sends what
// only reads (GET, HEAD) and records, but never sends, anything else.
// Decision: docs/decisions/0013-dry-run.md.
import { GlanceError } from './errors.js'
import { buildUrl, curlCommand, type HttpRequest, type HttpResponse } from './transport/http-transport.js'
import { redactHeaders, redactJson } from './transport/redact.js'

/** One request of a dry run, as it goes (or would go) over the wire, secrets redacted as in the debug log. */
export interface PlannedRequest {
  readonly method: string
  readonly url: string
  /** Sent in the order sent; credentials as `{SHA256}<digest>`. */
  readonly headers: Readonly<Record<string, string>>
  /** The JSON body (a computed JSON patch for updates), secrets masked; null without one. */
  readonly json: unknown
  /** True when the request has a non-JSON body (image data), which is never read in a dry run. */
  readonly binaryBody: boolean
  /** True for reads that were sent (to compute what follows); false for what a dry run holds back. */
  readonly sent: boolean
  /** The request as the debug log's curl line, without the `REQ: ` prefix. */
  readonly curl: string
}

/**
 * A dry run stopped here: the next step needs the answer of a request that
 * was not sent (a new image's id, the updated object), or would read state
 * that a held-back request was meant to change. What was planned so far is
 * the whole plan.
 */
export class DryRunStop extends GlanceError {
  override name = 'DryRunStop'
  constructor(readonly plan: RequestPlan) {
    super('dry run: the next step depends on a request that was not sent')
  }
}

const READS = new Set(['GET', 'HEAD'])

/** The requests of one dry run, in order. */
export class RequestPlan {
  readonly requests: PlannedRequest[] = []

  /** Whether some request was held back; later reads would see the server as it was. */
  get heldBack(): boolean {
    return this.requests.some((request) => !request.sent)
  }

  /**
   * Record a Glance request about to go out with `headers` (as the
   * transport would send them). A read returns undefined: send it. Anything
   * else gets a stand-in answer: the first expected status, no headers, and
   * a body that stops the dry run when a caller reads it.
   */
  intercept(req: HttpRequest, headers: Record<string, string>): HttpResponse | undefined {
    const read = READS.has(req.method)
    if (read && this.heldBack) throw new DryRunStop(this)
    const url = buildUrl(req.url, req.query)
    this.requests.push({
      method: req.method,
      url,
      headers: redactHeaders(headers),
      json: req.json === undefined ? null : redactJson(req.json),
      binaryBody: req.json === undefined && req.body !== undefined,
      sent: read,
      curl: curlCommand(req, url, headers),
    })
    return read ? undefined : this.standIn(req.expect[0] ?? 204)
  }

  private standIn(status: number): HttpResponse {
    const stop = async (): Promise<never> => {
      throw new DryRunStop(this)
    }
    return {
      status,
      headers: {},
      // Never read: every reader of a body goes through json(), text() or dump().
      body: undefined as unknown as HttpResponse['body'],
      header: () => undefined,
      json: stop,
      text: stop,
      dump: async () => undefined,
    }
  }
}
