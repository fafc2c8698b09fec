/** Glance v2 quota-usage path (relative to the image endpoint). */
export const usagePath = (): string => '/v2/info/usage'
