/**
 * Stands in for the `react-style-singleton` package (vite.config.ts aliases it here). Radix's
 * dialog locks page scroll through react-remove-scroll, which adds its CSS as a `<style>`
 * element; the site's CSP (`style-src 'self'`, no 'unsafe-inline') blocks that element and the
 * browser logs a violation. A constructed stylesheet (CSSOM) is not inline markup, so the CSP
 * allows it and the lock keeps its scrollbar-gap compensation. Same exports as the package.
 */
import { useEffect } from 'react';

interface Sheet {
  add(css: string): void;
  remove(): void;
}

function canAdopt(): boolean {
  return typeof document !== 'undefined' && 'adoptedStyleSheets' in document && typeof CSSStyleSheet === 'function';
}

function adopt(css: string): CSSStyleSheet | null {
  if (!canAdopt()) return null;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return sheet;
}

function drop(sheet: CSSStyleSheet): void {
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
}

/** One stylesheet shared by every user: added with the first, removed with the last. */
export function stylesheetSingleton(): Sheet {
  let users = 0;
  let sheet: CSSStyleSheet | null = null;
  return {
    add(css) {
      if (users === 0) sheet = adopt(css);
      users += 1;
    },
    remove() {
      users -= 1;
      if (users === 0 && sheet) {
        drop(sheet);
        sheet = null;
      }
    },
  };
}

export function styleHookSingleton(): (styles: string, isDynamic?: boolean) => void {
  const sheet = stylesheetSingleton();
  return (styles, isDynamic) => {
    useEffect(() => {
      sheet.add(styles);
      return () => sheet.remove();
      // The package's contract: styles are read once unless they are marked dynamic.
    }, [styles && isDynamic]);
  };
}

export function styleSingleton(): (props: { styles: string; dynamic?: boolean }) => null {
  const useStyle = styleHookSingleton();
  return function Sheet({ styles, dynamic }) {
    useStyle(styles, dynamic);
    return null;
  };
}
