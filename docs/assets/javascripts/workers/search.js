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
 * Phrases first. Lunr scores words, not their order: "AI economy" put ¶ 3
 * ("AI" … "world economy") above ¶ 8 ("the AI economy"), and 公正な競争 put
 * ¶ 8 (公正な市場慣行) above ¶ 9 (公正な競争). Each result is re-ranked here:
 * a paragraph whose text holds the query's words side by side (English) or
 * its characters in one run (Japanese) comes first, on its page and among
 * the pages (Material shows first the best-scored section of each page).
 * The paragraphs' texts are the plain texts the index carries
 * (pax_silica/exports.py: "<p>" + escaped text + "</p>").
 *
 * Early queries. A query typed before the index has arrived (before the
 * setup message) waits for it, then is answered.
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
let plainTexts = new Map()  // location -> paragraph text, lowercased, for phrases
let lastQuery = ""

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

/* The words of a text for a phrase test: lowercased, punctuation as spaces;
   Japanese without spaces (its words are not separated). */
function normalize(text, japanese) {
  const words = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()
  return japanese ? words.replace(/ /g, "") : ` ${words} `
}

function indexPlainTexts(docs, japanese) {
  plainTexts = new Map()
  for (const doc of docs || []) {
    const text = doc.text || ""
    if (!doc.location.includes("#") || !text.startsWith("<p>") || !text.endsWith("</p>")) continue
    const plain = text.slice(3, -4).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
    plainTexts.set(doc.location, normalize(plain, japanese))
  }
}

/* Sections whose text holds the query as a phrase rank above the rest. */
function phrasesFirst(items, query, japanese) {
  const phrase = normalize(query, japanese)
  const enough = japanese ? phrase.length >= 2 : phrase.trim().includes(" ")
  if (!enough) return items
  const top = Math.max(0, ...items.flat().map(doc => doc.score))
  const ranked = items.map(item => item.map(doc => {
    const text = plainTexts.get(doc.location)
    return text && text.includes(phrase) ? {...doc, score: doc.score + top} : doc
  }).sort((a, b) => b.score - a.score))
  return ranked.sort((a, b) => b[0].score - a[0].score)
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
  if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
    const japanese = setup && (setup.data.config.lang || []).includes("ja")
    message = {...message, data: {...message.data, items: phrasesFirst(message.data.items, lastQuery, japanese)}}
  }
  if (message && message.type === READY && state === "loading") {
    state = "ready"
    queued.splice(0).forEach(replay)
    return
  }
  post(message)
}

/* Material's worker, imported on the first query, is given the setup. */
function load() {
  if (state !== "idle") return
  state = "loading"
  importScripts(new URLSearchParams(location.search).get("worker"))
  replay(setup)
}

addEventListener("message", ev => {
  const message = ev.data
  if (!message || (replaying && message.type === SETUP))
    return
  if (message.type === QUERY && typeof message.data === "string")
    lastQuery = message.data
  if (state === "ready") {
    if (message.type === QUERY && typeof message.data === "string")
      message.data = segmentQuery(message.data)
    return                                  /* Material's own listener answers */
  }
  ev.stopImmediatePropagation()
  if (message.type === SETUP) {
    setup = message
    indexPlainTexts(message.data.docs, (message.data.config.lang || []).includes("ja"))
    post({type: READY})
    if (queued.length) load()                /* a query came before the index */
  } else if (message.type === QUERY && !String(message.data).trim()) {
    post({type: RESULT, data: {items: []}})  /* Material's answer to an empty query */
  } else if (message.type === QUERY) {
    queued.length = 0                       /* only the latest query matters */
    queued.push(message)
    if (setup) load()
  }
})
