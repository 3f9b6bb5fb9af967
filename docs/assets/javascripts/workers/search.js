/* Material's search worker, loaded when the reader first searches, and with
 * Japanese queries cut into words.
 *
 * Loaded on demand. Material starts its worker, and sends it the index, as
 * soon as a page loads (bundle.ts: setupSearchWorker). Most readers never
 * search, yet every first visit paid for Material's worker (12 KB gzip) and,
 * on Japanese pages, the segmenter it then imports (lunr.ja, tinyseg: 12 KB).
 * This small worker stands in for it: it keeps the setup message, answers
 * "ready", and imports Material's worker (named in ?worker=) on the first
 * query, replays the setup, waits for Material's own "ready", then hands over
 * the queries (Material sends an empty one when the page loads: answered
 * here, as Material would, with no results). Its relative paths (../lunr/…) resolve as for Material's file,
 * which sits in the same folder.
 *
 * Segmented. Material indexes Japanese with TinySegmenter (`lang: ja`), but
 * segments only the Han runs of a query, so a query that mixes scripts and
 * has no spaces, like 信頼できるパートナー, stays one term and finds nothing.
 * Each space-free Japanese term of a query is cut with the same segmenter
 * before Material's handler sees it: 信頼 できる パートナー.
 *
 * Message types: SETUP 0, READY 1, QUERY 2, RESULT 3
 * (src/templates/assets/javascripts/integrations/search/worker/message).
 */
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/

const post = self.postMessage.bind(self)
let setup = null          // the setup message, until Material's worker has it
let state = "idle"        // idle | loading | ready
let replaying = false     // a message we pass on to Material's listener
const queued = []         // queries that came while Material's worker was loading

function segmentQuery(query) {
  const segmenter = self.lunr && self.lunr.segmenter
  if (!segmenter)
    return query
  return query.split(/\s+/).map(term => (
    JAPANESE.test(term) && !/[*+\-:^~"]/.test(term)
      ? segmenter.segment(term).filter(s => s.trim()).join(" ")
      : term
  )).join(" ")
}

function replay(data) {
  replaying = true
  try {
    dispatchEvent(new MessageEvent("message", {data}))
  } finally {
    replaying = false
  }
}

/* Material's worker answers with the global postMessage: its "ready" to the
   replayed setup is ours to take, everything else goes to the page. */
self.postMessage = message => {
  if (message && message.type === READY && state === "loading") {
    state = "ready"
    queued.splice(0).forEach(replay)
    return
  }
  post(message)
}

addEventListener("message", ev => {
  const message = ev.data
  if (!message || (replaying && message.type === SETUP))
    return
  if (state === "ready") {
    if (message.type === QUERY && typeof message.data === "string")
      message.data = segmentQuery(message.data)
    return                                  /* Material's own listener answers */
  }
  ev.stopImmediatePropagation()
  if (message.type === SETUP) {
    setup = message
    post({type: READY})
  } else if (message.type === QUERY && !String(message.data).trim()) {
    post({type: RESULT, data: {items: []}})  /* Material's answer to an empty query */
  } else if (message.type === QUERY) {
    queued.length = 0                       /* only the latest query matters */
    queued.push(message)
    if (state === "idle") {
      state = "loading"
      importScripts(new URLSearchParams(location.search).get("worker"))
      replay(setup)
    }
  }
})
