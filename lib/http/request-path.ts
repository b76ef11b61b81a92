// The address a request was sent to, as the proxy saw it, passed on to server code that Next.js
// does not tell: a server action knows its arguments but not the page it was posted to
// (app/personal-actions.tsx). The proxy sets it on every request it passes, replacing any value
// the request brought.
export const REQUEST_PATH_HEADER = "x-undersigned-path";
