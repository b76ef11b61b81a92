// How fresh the public count is (issue 15, point 3): each server keeps its prepared answer this
// long at most (lib/petitions/count-cache.ts), and the answer's max-age lets browsers, proxies and
// CDNs keep it as long. Here, apart from the cache, so the API description can name it.

/** How long a count may be served from memory, and the max-age of its answer. */
export const COUNT_FRESH_SECONDS = 2;
/** `Cache-Control` of the count's answer: everyone's, for COUNT_FRESH_SECONDS. */
export const COUNT_CACHE_CONTROL = `public, max-age=${COUNT_FRESH_SECONDS}`;
