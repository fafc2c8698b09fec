export type { AuthOptions, AuthType, CatalogEndpoint, CatalogService, KeystoneToken } from './types.js'
export { inferAuthType, parseAuthType } from './auth-type.js'
export { MISSING_CREDENTIAL_MESSAGES, authenticate, keystoneTokensUrl } from './keystone.js'
export { findEndpoint, normaliseInterface, type EndpointQuery } from './catalog.js'
