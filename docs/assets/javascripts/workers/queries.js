/* What our search does with queries, imported by search.js (this folder) on
 * the first query, with Material's worker, and run in its worker: it uses
 * search.js's globals (setup, post, params, lastQuery) and gives it
 * asked(message) and answered(message).
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
 * Paragraph numbers. "p9", "¶ 9", "para 9", "paragraph 9", 第9段落 (digits
 * half- or full-width) are answered here, not by Material's worker, with
 * paragraph 9 of each document that has one, the reader's document first.
 * The documents' pages, in that order, are search.js's #fragment
 * (#declaration/,joint-statement/; pax_silica/exports.py: search_worker_query),
 * which the browser's cache ignores.
 *
 * The other language. A query that finds nothing in the page's language
 * (経済安全保障 on an English page, "economic security" on a Japanese one)
 * is asked of the other language's index (?other=<lang>|<index>|<label>, the
 * index relative to this folder) by a second copy of search.js, started then;
 * its results follow the page's "no results" with absolute addresses, their
 * titles and texts marked with their language (lang="ja") and each page's
 * title labelled with the text it is in ("Japanese text", 英語の本文).
 */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/
const PARAGRAPH = /^(?:(?:¶|p|par|para|paragraph)\.?\s*(\d+)|第?\s*(\d+)\s*段落)$/i
const documents = decodeURIComponent(location.hash.slice(1)).split(",").filter(Boolean)
const others = params.getAll("other").map(other => other.split("|"))   // [lang, index, label]
const japanese = (setup.data.config.lang || []).includes("ja")

/* The words of a text for a phrase test: lowercased, punctuation as spaces;
   Japanese without spaces (its words are not separated). */
function normalize(text) {
  const words = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()
  return japanese ? words.replace(/ /g, "") : ` ${words} `
}

const plainTexts = new Map()   /* location -> paragraph text, for phrases */
const byLocation = new Map()   /* location -> its entry, for paragraph numbers */
for (const doc of setup.data.docs || []) {
  byLocation.set(doc.location, doc)
  const text = doc.text || ""
  if (!doc.location.includes("#") || !text.startsWith("<p>") || !text.endsWith("</p>")) continue
  const plain = text.slice(3, -4).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
  plainTexts.set(doc.location, normalize(plain))
}

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

/* Sections whose text holds the query as a phrase rank above the rest. */
function phrasesFirst(items, query) {
  const phrase = normalize(query)
  const enough = japanese ? phrase.length >= 2 : phrase.trim().includes(" ")
  if (!enough) return items
  const top = Math.max(0, ...items.flat().map(doc => doc.score))
  const ranked = items.map(item => item.map(doc => {
    const text = plainTexts.get(doc.location)
    return text && text.includes(phrase) ? {...doc, score: doc.score + top} : doc
  }).sort((a, b) => b.score - a.score))
  return ranked.sort((a, b) => b[0].score - a[0].score)
}

/* Paragraph N of each document that has one, the reader's document first,
   in Material's shape (per page: its section, then the page, scored 0 as
   Material scores a page found only by its sections: Enter, which follows
   the best score, goes to the paragraph). */
function paragraphResult(query) {
  const match = PARAGRAPH.exec(query.normalize("NFKC").trim())
  if (!match) return null
  const anchor = "#p" + Number(match[1] || match[2])
  const items = documents.filter(page => byLocation.has(page + anchor)).map((page, i) => {
    const score = documents.length - i
    return [{...byLocation.get(page + anchor), score, terms: {}}, {...byLocation.get(page), score: 0, terms: {}}]
  })
  return items.length ? {type: RESULT, data: {items}} : null
}

/* The other languages' searches: each a copy of search.js, started when
   first needed and given its language's index. */
const otherSearches = []
let foundElsewhere = {query: "", items: []}

function askOthers(query) {
  others.forEach(([lang, index, label], i) => {
    if (!otherSearches[i]) {
      const url = new URL(index, location.href)
      const worker = new Worker("search.js?worker=" + encodeURIComponent(params.get("worker")))
      /* Material's page sends the index with its options (integrations/search/worker: setupSearchWorker) */
      const search = {worker, lang, label, base: new URL("..", url)}   /* <base>search/search_index.json */
      worker.onmessage = ev => foundIn(search, ev.data)
      fetch(url).then(response => response.json()).then(index => worker.postMessage({type: SETUP, data: {...index, options: setup.data.options}}))
      otherSearches[i] = search
    }
    otherSearches[i].worker.postMessage({type: QUERY, data: query})
  })
}

const escapeText = text => text.replace(/&/g, "&amp;").replace(/</g, "&lt;")

/* Another language's results for the latest query: absolute addresses,
   marked with their language, each page labelled. */
function foundIn({lang, label, base}, message) {
  if (message.type !== RESULT || message.query !== lastQuery || !message.data.items.length) return
  if (foundElsewhere.query !== lastQuery) foundElsewhere = {query: lastQuery, items: []}
  foundElsewhere.items.push(...message.data.items.map(item => item.map(doc => {
    const title = `<span lang="${lang}">${doc.title}</span>`
    return {...doc, location: new URL(doc.location, base).href,
      title: doc.location.includes("#") ? title : `<span class="search-other">${escapeText(label)}</span> ${title}`,
      text: doc.text && `<div lang="${lang}">${doc.text}</div>`}
  })))
  post({type: RESULT, data: {items: foundElsewhere.items}})
}

/* A query before Material's worker sees it: a paragraph's number is
   answered here; anything else is segmented for Material. */
function asked(message) {
  const answer = paragraphResult(message.data)
  if (!answer) message.data = segmentQuery(message.data)
  return answer
}

/* Material's result, phrases first, with the query it answers; when it is
   empty, the other languages are asked. */
function answered(message) {
  if (!message.data || !Array.isArray(message.data.items)) return message
  if (!message.data.items.length && lastQuery.trim()) askOthers(lastQuery)
  return {...message, query: lastQuery, data: {...message.data, items: phrasesFirst(message.data.items, lastQuery)}}
}
