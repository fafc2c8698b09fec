/** One quota of the caller's project: its limit and how much is used. */
export interface QuotaUsage {
  limit: number
  usage: number
}

/** Quotas by name (`image_size_total`, `image_count_total`, ...), in the server's order. */
export type ProjectUsage = Record<string, QuotaUsage>
