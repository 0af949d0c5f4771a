// Vite plugin: compiles the message catalogues (src/i18n/*.json) to vue-i18n's message AST at
// build time, so the bundle ships vue-i18n without its message compiler
// (__INTLIFY_DROP_MESSAGE_COMPILER__), about 12 KB gzipped less per app. Tests and the dev server
// keep reading the plain JSON.
import fs from 'node:fs';
import { baseCompile } from '@intlify/message-compiler';

const CATALOGUE = /[\\/]src[\\/]i18n[\\/][^\\/]+\.json$/;

/** The catalogue `tree` with every message string replaced by its minified AST. */
export function compileCatalogue(tree, path = []) {
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => {
    const at = [...path, key];
    if (value && typeof value === 'object') return [key, compileCatalogue(value, at)];
    const onError = (error) => { throw new Error(`message ${at.join('.')}: ${error.message}`); };
    return [key, compact(baseCompile(String(value), { jit: true, minify: true, location: false, onError }).ast)];
  }));
}

/**
 * A static message's AST is only its text: the body's type and the emptied item list that
 * minify leaves are dropped (vue-i18n reads the text first), about a fifth of the catalogue.
 */
function compact(ast) {
  const body = ast.b;
  return body && typeof body.s === 'string' ? { t: ast.t, b: { s: body.s } } : ast;
}

/** `value` as a JavaScript expression: JSON, with object keys that are identifiers unquoted. */
export function toJs(value) {
  if (!value || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJs).join(',')}]`;
  const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  return `{${Object.entries(value).map(([k, v]) => `${key(k)}:${toJs(v)}`).join(',')}}`;
}

/**
 * The plugin, build only. A catalogue import resolves to a virtual module whose id does not end in
 * `.json`, so Vite's JSON plugin leaves the generated JavaScript alone.
 */
export default function precompileMessages() {
  const PREFIX = '\0anju-messages:';
  return {
    name: 'anju-precompile-messages',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('.json')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && CATALOGUE.test(resolved.id) ? `${PREFIX}${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      this.addWatchFile(file);
      const tree = compileCatalogue(JSON.parse(fs.readFileSync(file, 'utf8')));
      return `export default ${toJs(tree)};`;
    },
  };
}
