/**
 * When and how long to wait before sending a request again. Only requests
 * that are safe to repeat are retried (idempotent methods whose body can be
 * produced again), only for failures that may pass (connection failures,
 * timeouts, 502/503/504), and only within a bounded count and total time.
 */
import { CommunicationError, RequestTimeoutError, SSLError } from '../errors.js'

export interface RetryPolicy {
  /** Extra attempts after the first; 0 disables retrying. */
  retries: number
  /** No retry starts once this much time has passed since the first attempt. */
  maxElapsedMs: number
  /** Backoff before retry n is a random delay in [0, min(maxDelayMs, baseDelayMs * 2^n)). */
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, maxElapsedMs: 60_000, baseDelayMs: 500, maxDelayMs: 8_000 }

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])
const RETRIABLE_STATUSES = new Set([502, 503, 504])

export const isIdempotent = (method: string): boolean => IDEMPOTENT_METHODS.has(method)
export const isRetriableStatus = (status: number): boolean => RETRIABLE_STATUSES.has(status)

/** Failures worth another attempt: the server was not reached or did not answer in time. */
export function isRetriableError(err: unknown): boolean {
  // A certificate that failed verification fails the same way next time.
  if (err instanceof SSLError) return false
  return err instanceof CommunicationError || err instanceof RequestTimeoutError
}

/** Full-jitter exponential backoff (AWS architecture blog's "full jitter"). */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
  return Math.floor(random() * ceiling)
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Sleep that ends early, rejecting with the signal's reason, when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
