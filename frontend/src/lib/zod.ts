/**
 * zod, configured for the site's CSP. zod 4 compiles object parsers with `new Function` when
 * it can, and probes for that with a caught `new Function("")`; under `script-src 'self'` the
 * probe is refused and the browser reports a CSP violation on every page with a form.
 * `jitless` skips the probe and the compiler (the interpreted parsers give the same results).
 * Import z from here, not from 'zod', so the setting is in place before any schema is built.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
