/* Material's search worker, loaded when the reader first searches.
 *
 * Material starts its worker, and sends it the index, as soon as a page loads
 * (bundle.ts: setupSearchWorker). Most readers never search, yet every first
 * visit paid for Material's worker (12 KB gzip) and, on Japanese pages, the
 * segmenter it then imports (lunr.ja, tinyseg: 12 KB). This small worker
 * stands in for it: it keeps the setup message and answers "ready"; on the
 * first query it imports what our search does with queries (queries.js:
 * Japanese queries segmented, phrases first, paragraph numbers, the other
 * language) and Material's worker (named in ?worker=), replays the setup,
 * waits for Material's own "ready", then hands over the queries (Material
 * sends an empty one when the page loads: answered here, as Material would,
 * with no results). Relative paths (../lunr/…) resolve as for Material's
 * file, which sits in the same folder.
 *
 * A query typed before the index has arrived (before the setup message) waits
 * for it, then is answered; only the latest waiting query is.
 *
 * queries.js shares this file's globals (setup, post, params, lastQuery) and
 * gives it two functions: asked(message), before Material's worker sees a
 * query (its answer, or null to let Material answer), and answered(message),
 * Material's result as the page is to have it.
 *
 * Message types: SETUP 0, READY 1, QUERY 2, RESULT 3
 * (src/templates/assets/javascripts/integrations/search/worker/message).
 */
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const post = self.postMessage.bind(self)
const params = new URLSearchParams(location.search)
let setup = null          // the setup message, until Material's worker has it
let state = "idle"        // idle | loading | ready
let replaying = false     // a message we pass on to Material's listener
const queued = []         // the query that came while Material's worker was loading
let lastQuery = ""

function replay(data) {
  replaying = true
  try {
    dispatchEvent(new MessageEvent("message", {data}))
  } finally {
    replaying = false
  }
}

/* Material's worker answers with the global postMessage: its "ready" to the
   replayed setup is ours to take, its results go to the page as queries.js
   makes them. */
self.postMessage = message => {
  if (message && message.type === READY && state === "loading") {
    state = "ready"
    queued.splice(0).forEach(replay)
    return
  }
  post(message && message.type === RESULT ? answered(message) : message)
}

/* On the first query: our queries' code and Material's worker, given the setup. */
function load() {
  if (state !== "idle") return
  state = "loading"
  importScripts("queries.js", params.get("worker"))
  replay(setup)
}

addEventListener("message", ev => {
  const message = ev.data
  if (!message || (replaying && message.type === SETUP))
    return
  const query = message.type === QUERY && typeof message.data === "string"
  if (query)
    lastQuery = message.data
  if (state === "ready") {
    const answer = query && asked(message)
    if (answer) {
      ev.stopImmediatePropagation()
      post(answer)
    }
    return                                  /* else Material's own listener answers */
  }
  ev.stopImmediatePropagation()
  if (message.type === SETUP) {
    setup = message
    post({type: READY})
    if (queued.length) load()                /* a query came before the index */
  } else if (query && !message.data.trim()) {
    post({type: RESULT, data: {items: []}})  /* Material's answer to an empty query */
  } else if (message.type === QUERY) {
    queued.length = 0                       /* only the latest query matters */
    queued.push(message)
    if (setup) load()
  }
})
