/**
 * Results a client computes once and shares between callers (the token, the
 * Glance endpoint, the version document, schemas). A client may live for
 * days in a service, so for all of them:
 * - a failure is never kept: the next caller computes again (a Keystone
 *   outage at start-up must not break the client for good);
 * - one caller's AbortSignal ends only that caller's wait (it rejects with
 *   the signal's reason, as any aborted call does); the shared work is
 *   cancelled only when every caller waiting on it has given up, so a stuck
 *   first attempt is not inherited by the next caller either.
 */

interface Flight<T> {
  promise: Promise<T>
  controller: AbortController
  /** Callers still waiting; when the last one aborts, the work is cancelled. */
  waiters: number
}

export interface SharedResultOptions {
  /** Keep a success for every later `get` (default), or share only the work in flight. */
  keep?: boolean
}

/** A result computed on first demand and shared; see the module comment. */
export class SharedResult<T> {
  private flight?: Flight<T>
  private kept?: Promise<T>
  private readonly keep: boolean

  constructor(
    private readonly compute: (signal: AbortSignal) => Promise<T>,
    options: SharedResultOptions = {},
  ) {
    this.keep = options.keep ?? true
  }

  get(signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    if (this.kept) return this.kept
    const flight = this.flight ?? this.start()
    flight.waiters++
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(signal!.reason)
        if (--flight.waiters > 0) return
        if (this.flight === flight) this.flight = undefined
        flight.controller.abort(signal!.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      flight.promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort))
    })
  }

  private start(): Flight<T> {
    const controller = new AbortController()
    const flight: Flight<T> = { promise: this.compute(controller.signal), controller, waiters: 0 }
    this.flight = flight
    flight.promise.then(
      (value) => {
        if (this.flight !== flight) return
        this.flight = undefined
        if (this.keep) this.kept = Promise.resolve(value)
      },
      () => {
        if (this.flight === flight) this.flight = undefined
      },
    )
    return flight
  }
}

/** A SharedResult per key (schemas by name). */
export class SharedResults<K, T> {
  private readonly results = new Map<K, SharedResult<T>>()

  constructor(private readonly compute: (key: K, signal: AbortSignal) => Promise<T>) {}

  get(key: K, signal?: AbortSignal): Promise<T> {
    let result = this.results.get(key)
    if (!result) {
      result = new SharedResult((sharedSignal) => this.compute(key, sharedSignal))
      this.results.set(key, result)
    }
    return result.get(signal)
  }
}
