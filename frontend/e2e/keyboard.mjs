// Keyboard-only helpers: Tab, Shift+Tab, Enter, Space and arrow keys, never the mouse.
// Every stop on the way must show a visible focus indicator.

/** What has focus: its accessible-ish name and whether the focus is visibly drawn. */
function describeFocus() {
  const el = document.activeElement;
  if (!el || el === document.body) return { name: '', tag: 'body', visible: false };
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow !== 'none';
  const labelled = el.labels?.[0]?.textContent ?? '';
  const name = (el.getAttribute('aria-label') ?? labelled ?? '').trim() || (el.textContent ?? '').trim();
  // A date input's month, day and year fields (and its picker button) sit in the browser's own
  // shadow tree, which draws their focus; from outside, the input itself only has the focus.
  const browserDrawn = el instanceof HTMLInputElement && el.type === 'date';
  const visible = browserDrawn || (el.matches(':focus-visible') && (outline || ring));
  return { name: name.replace(/\s+/g, ' '), tag: el.tagName.toLowerCase(), visible };
}

export async function focused(page) {
  return page.evaluate(describeFocus);
}

async function expectVisible(page, where) {
  const f = await focused(page);
  if (f.tag !== 'body' && !f.visible) throw new Error(`${where}: focus on <${f.tag}> “${f.name}” is not visible`);
  return f;
}

/** Tab (or Shift+Tab) until the focused element's name matches; each stop must show its focus. */
export async function tabTo(page, name, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await expectVisible(page, `Tab ${i + 1} towards “${name}”`);
    if (typeof name === 'string' ? f.name.startsWith(name) : name.test(f.name)) return f;
  }
  throw new Error(`${max} Tabs did not reach “${name}”`);
}

/** Focus must be on an element named `name` now (after Enter/Space moved it), and visible. */
export async function expectFocus(page, name, where) {
  const f = await focused(page);
  const ok = typeof name === 'string' ? f.name.startsWith(name) : name.test(f.name);
  if (!ok) throw new Error(`${where}: focus is on <${f.tag}> “${f.name}”, expected “${name}”`);
  if (!f.visible) throw new Error(`${where}: focus on “${f.name}” is not visible`);
}
