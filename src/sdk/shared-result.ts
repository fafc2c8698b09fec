/**
 * Results a client computes once and shares (the token, the Glance
 * endpoint, the version document, schemas). A client may live for days in
 * a service, so two rules hold for all of them:
 * - a failure is never kept: the next caller computes again (a Keystone
 *   outage at start-up must not break the client for good);
 * - the shared work runs under no caller's AbortSignal: a caller that gives
 *   up stops waiting (with its signal's reason, as any aborted call does)
 *   while the others still get the result.
 */

/** Wait for `promise`, or reject with `signal.reason` as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** A result computed on first demand and shared; a failure is dropped. */
export class SharedResult<T> {
  private pending?: Promise<T>

  constructor(private readonly compute: () => Promise<T>) {}

  get(signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    if (!this.pending) {
      const started = this.compute()
      started.catch(() => {
        if (this.pending === started) this.pending = undefined
      })
      this.pending = started
    }
    return untilAborted(this.pending, signal)
  }
}

/** A SharedResult per key (schemas by name). */
export class SharedResults<K, T> {
  private readonly results = new Map<K, SharedResult<T>>()

  constructor(private readonly compute: (key: K) => Promise<T>) {}

  get(key: K, signal?: AbortSignal): Promise<T> {
    let result = this.results.get(key)
    if (!result) {
      result = new SharedResult(() => this.compute(key))
      this.results.set(key, result)
    }
    return result.get(signal)
  }
}
