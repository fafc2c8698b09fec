import { EndpointNotFound } from '../errors.js'
import type { CatalogService } from './types.js'

export interface EndpointQuery {
  serviceType: string
  /** `public` (default), `internal`, `admin`, or their v2 spellings `publicURL` etc. */
  interface?: string
  regionName?: string
}

/** v2 catalogs said `publicURL`; v3 says `public`. keystoneauth accepts both. */
export function normaliseInterface(name: string): string {
  return name.endsWith('URL') ? name.slice(0, -'URL'.length) : name
}

/**
 * The URL of the first catalog endpoint matching service type, interface and
 * (when given) region, compared against `region_id` or the older `region`,
 * as keystoneauth's v3 `ServiceCatalog.endpoint_data_for` does. Its
 * "not found" messages are reproduced because glance prints them.
 */
export function findEndpoint(catalog: CatalogService[], query: EndpointQuery): string {
  if (catalog.length === 0) throw new EndpointNotFound('The service catalog is empty.')
  const requestedInterface = query.interface || 'public'
  const wantedInterface = normaliseInterface(requestedInterface)
  for (const service of catalog) {
    if (service.type !== query.serviceType) continue
    for (const endpoint of service.endpoints) {
      if (endpoint.interface !== wantedInterface || !endpoint.url) continue
      if (query.regionName && (endpoint.region_id || endpoint.region) !== query.regionName) continue
      return endpoint.url
    }
  }
  const where = query.regionName ? ` in ${query.regionName} region` : ''
  throw new EndpointNotFound(`${requestedInterface} endpoint for ${query.serviceType} service${where} not found`)
}
