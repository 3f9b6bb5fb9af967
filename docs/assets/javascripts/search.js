/* Material's search, on the page's side: three fixes of its behaviour
 * (mkdocs-material src/templates/assets/javascripts/components/search/).
 *
 * Text without key events. Material reads the query on "keyup" only
 * (components/search/query: watchSearchQuery), so a paste from the context
 * menu, text dropped in, or an input method committing Japanese was never
 * searched. Each "input" (but those of a composition still under way) and
 * "compositionend" hands Material the keyup it listens to, on the box alone
 * (it does not bubble).
 *
 * A result in the page being read. Below 60em the search is full screen and
 * Material locks the page's scrolling while it is open (patches/scrolllock:
 * the body is fixed at -scrollY), then puts the old position back after it
 * closes: following a result #p8 on this page changed the address and nothing
 * else. When the lock goes, the result is scrolled to.
 *
 * The keyboard on phones and tablets. There the search box is off screen
 * until the search opens, and focusing it opened the full-screen search: a
 * Tab through the header opened it, and the next Tab (which Material answers
 * by closing it) landed on a link far from the reader's place, the page
 * being locked. So there the box leaves the Tab order while the search is
 * closed, the header's search icon is a button that opens it (in place of
 * Material's label, which no keyboard reaches and which may not take the
 * role of a button), and Tab, Shift+Tab or Escape in the open search close it
 * and give the focus back to that button, as a dialog gives it back to its
 * opener.
 */
(function () {
  var box = document.querySelector(".md-search__input")
  var toggle = document.getElementById("__search")
  var label = document.querySelector("label.md-header__button[for=__search]")
  if (!box || !toggle) return
  var fullScreen = window.matchMedia("(max-width: 59.984375em)")   /* Material: tablet$ is min-width 60em */

  function search(event) {
    if (!event.isComposing) box.dispatchEvent(new Event("keyup"))
  }
  box.addEventListener("input", search)
  box.addEventListener("compositionend", search)

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-search-result a[href*='#']")
    if (!link || link.pathname !== location.pathname || !document.body.hasAttribute("data-md-scrolllock")) return
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)))
    if (!target) return
    new MutationObserver(function (changes, observer) {
      if (document.body.hasAttribute("data-md-scrolllock")) return
      observer.disconnect()
      target.scrollIntoView()
    }).observe(document.body, {attributes: true, attributeFilter: ["data-md-scrolllock"]})
  })

  function tabStop() {
    if (fullScreen.matches && !toggle.checked) box.tabIndex = -1
    else box.removeAttribute("tabindex")
  }
  toggle.addEventListener("change", tabStop)
  fullScreen.addEventListener("change", tabStop)
  tabStop()
  if (!label) return
  var opener = document.createElement("button")
  opener.type = "button"
  opener.className = label.className + " search-button"     /* edition.css: not from 60em, as the label */
  opener.setAttribute("aria-label", box.getAttribute("aria-label"))
  opener.innerHTML = label.innerHTML
  opener.addEventListener("click", function () {
    label.click()              /* opens the search; Material: the label's click focuses the box */
  })
  label.style.display = "none"
  label.before(opener)
  window.addEventListener("keydown", function (event) {
    if (!toggle.checked || !fullScreen.matches || (event.key !== "Tab" && event.key !== "Escape")) return
    event.preventDefault()     /* Material's own listener closes the search */
    opener.focus()
  }, true)
})()
