// Firefox for the browser tests (tests/engines.py): Debian's firefox-esr
// driven over WebDriver BiDi by puppeteer-core (package.json), no driver
// binary, nothing downloaded. One browser and one tab for the whole session.
// The Python side writes one command a line on stdin, {"id", "op", "args"},
// and reads one answer a line on stdout, {"id", "value"} or {"id", "error"}.
import { createInterface } from 'node:readline'
import puppeteer from 'puppeteer-core'

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
  headless: true,
  // Scrollbars over the page, as on phones and in Chromium and WebKit here: the layout is the viewport's width.
  extraPrefsFirefox: {'ui.useOverlayScrollbars': 1},
})
const page = await browser.newPage()
const errors = []
page.on('console', message => { if (message.type() === 'error') errors.push(message.text()) })
page.on('pageerror', error => errors.push(`uncaught: ${error.message || error}`))

const ops = {
  viewport: (width, height) => page.setViewport({width, height}),
  // As a link is followed; the Python side waits for the page (see back).
  goto: url => page.evaluate(address => { location.href = address }, url),
  // A function's source and its arguments, as Playwright's evaluate takes them.
  evaluate: (source, args) => page.evaluate(`(${source})(...${JSON.stringify(args)})`),
  move: (x, y) => page.mouse.move(x, y),
  click: (x, y) => page.mouse.click(x, y),
  type: text => page.keyboard.type(text),
  press: key => page.keyboard.press(key),
  // Session history's Back; the Python side waits for the page (puppeteer's
  // goBack waits for a load event, which a page from the back-forward cache has not).
  back: () => page.evaluate('history.back()'),
  screenshot: async path => { await page.screenshot({path}) },
  errors: () => errors.splice(0),
  close: async () => { await browser.close(); process.exit(0) },
}

const write = answer => process.stdout.write(JSON.stringify(answer) + '\n')
write({ready: await browser.version()})
for await (const line of createInterface({input: process.stdin})) {
  const {id, op, args} = JSON.parse(line)
  try {
    write({id, value: (await ops[op](...args)) ?? null})
  } catch (error) {
    write({id, error: String(error.stack || error)})
  }
}
await browser.close()
