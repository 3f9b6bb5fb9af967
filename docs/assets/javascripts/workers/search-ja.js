/* Material's search worker for the Japanese site, with the query segmented.
 *
 * Material indexes Japanese text with TinySegmenter (lunr.ja + tinyseg.js,
 * loaded for `lang: ja`), but it segments only the Han runs of a query, so a
 * query that mixes scripts and has no spaces, like 信頼できるパートナー, stays
 * one term and finds nothing. Before Material's own handler sees a query,
 * each space-free Japanese term is cut with the same segmenter, so the query
 * is made of the terms the index holds: 信頼 できる パートナー.
 *
 * Material's worker is loaded from here (its name comes in ?worker=), so its
 * relative paths (../lunr/…) resolve as they would for Material's own file.
 * Message types: SETUP 0, READY 1, QUERY 2, RESULT 3
 * (src/templates/assets/javascripts/integrations/search/worker/message).
 */
const QUERY = 2
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/

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

addEventListener("message", ev => {
  if (ev.data && ev.data.type === QUERY && typeof ev.data.data === "string")
    ev.data.data = segmentQuery(ev.data.data)
})

importScripts(new URLSearchParams(location.search).get("worker"))
