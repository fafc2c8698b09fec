/**
 * What every SDK call takes last, alone or inside its own options:
 * `signal` cancels the call, which then rejects with `signal.reason`.
 */
export interface RequestOptions {
  signal?: AbortSignal
}
