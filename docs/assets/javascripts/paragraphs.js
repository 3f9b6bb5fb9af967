/* Keep the reader on the same paragraph (or sentence) when switching language.
 *
 * The language selector's links (rendered by mkdocs-static-i18n) lead to the
 * counterpart page. Just before one is followed (pointer down, keyboard
 * focus), its href gets the paragraph the reader is on: the #fragment in the
 * address bar, or else the paragraph (or heading, or parallel row) at the top
 * of the viewport. Without
 * JavaScript the links still lead to the counterpart page. */

function currentParagraph() {
  if (location.hash) return location.hash
  if (window.scrollY < 8) return ""
  var header = document.querySelector(".md-header")
  var top = header ? header.getBoundingClientRect().bottom : 0
  var blocks = document.querySelectorAll(
    "article p[id], article h1[id], article h2[id], article h3[id], article .parallel-row[id]")
  for (var i = 0; i < blocks.length; i++) {
    if (blocks[i].getBoundingClientRect().bottom > top + 4) {
      return i === 0 ? "" : "#" + blocks[i].id   /* still at the start: no fragment */
    }
  }
  return ""
}

function keepParagraph(event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]")
  if (link) link.href = link.href.split("#")[0] + currentParagraph()
}

document.addEventListener("pointerdown", keepParagraph, true)
document.addEventListener("focusin", keepParagraph, true)
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter") keepParagraph(event)
}, true)

/* Touch screens have no hover: tapping a sentence shows its copy button
   (edition.css: .sentence--shown), tapping elsewhere hides it. */
document.addEventListener("click", function (event) {
  if (!window.matchMedia("(hover: none)").matches) return
  var sentence = event.target.closest && event.target.closest(".sentence")
  document.querySelectorAll(".sentence--shown").forEach(function (shown) {
    if (shown !== sentence) shown.classList.remove("sentence--shown")
  })
  if (sentence && !event.target.closest("button, a")) sentence.classList.toggle("sentence--shown")
})

document$.subscribe(function () {
  /* Material's clipboard confirmation ("Copied to clipboard", localized)
     appears in its dialog: make screen readers announce it too. */
  var dialog = document.querySelector(".md-dialog__inner")
  if (dialog) {
    dialog.setAttribute("role", "status")
    dialog.setAttribute("aria-live", "polite")
  }
})

/* An id that moved to another page (docs/redirects.yml) stays on its old page
   as an empty element that says where it went (pax_silica/views.py
   keep_moved_ids): follow it, fragment and all. */
function followMovedId() {
  var moved = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))
  if (moved && moved.dataset.movedTo) location.replace(moved.dataset.movedTo)
}
followMovedId()
window.addEventListener("hashchange", followMovedId)
