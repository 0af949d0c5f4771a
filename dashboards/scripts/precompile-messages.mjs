// Vite plugin: compiles the message catalogues (src/i18n/*.json) to vue-i18n's message AST at
// build time, so the bundle ships vue-i18n without its message compiler
// (__INTLIFY_DROP_MESSAGE_COMPILER__), about 12 KB gzipped less per app. Tests and the dev server
// keep reading the plain JSON.
import fs from 'node:fs';
import { basename } from 'node:path';
import { baseCompile } from '@intlify/message-compiler';
import { UNUSED_SECTIONS } from '../src/i18n/sections.js';

const CATALOGUE = /[\\/]src[\\/]i18n[\\/][^\\/]+\.json$/;
const CATALOGUE_MODULE = /[\\/]src[\\/]i18n[\\/][^\\/]+\.js$/;

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
 * `.json`, so Vite's JSON plugin leaves the generated JavaScript alone. An import with `?app=NAME`
 * leaves out that app's sections of `UNUSED_SECTIONS` (src/i18n/sections.js). An import with
 * `&url` (the console's, src/i18n/console.js) is the URL of the compiled catalogue written as a
 * JSON file of its own (`assets/catalogue-APP-LOCALE-HASH.json`), fetched in the language the
 * user reads: data, not code, so scripts/js-size.mjs reports it beside the JavaScript.
 */
export default function precompileMessages() {
  const PREFIX = '\0anju-messages:';
  return {
    name: 'anju-precompile-messages',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const [path, query = ''] = source.split('?');
      // Only the catalogue modules of src/i18n get messages; other code reading a label as text
      // (devices.js searches device types in both languages) keeps the plain JSON.
      if (!path.endsWith('.json') || !CATALOGUE_MODULE.test(importer ?? '')) return null;
      const resolved = await this.resolve(path, importer, { ...options, skipSelf: true });
      if (!resolved || !CATALOGUE.test(resolved.id)) return null;
      const params = new URLSearchParams(query);
      return `${PREFIX}${params.has('url') ? 'url:' : ''}${params.get('app') ?? ''}:${resolved.id}.js`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      let rest = id.slice(PREFIX.length, -'.js'.length);
      const asUrl = rest.startsWith('url:');
      if (asUrl) rest = rest.slice('url:'.length);
      const app = rest.slice(0, rest.indexOf(':'));
      const file = rest.slice(rest.indexOf(':') + 1);
      this.addWatchFile(file);
      const unused = new Set(UNUSED_SECTIONS[app] ?? []);
      const catalogue = Object.fromEntries(Object.entries(JSON.parse(fs.readFileSync(file, 'utf8'))).filter(([section]) => !unused.has(section)));
      if (!asUrl) return `export default ${toJs(compileCatalogue(catalogue))};`;
      const locale = basename(file, '.json');
      const ref = this.emitFile({ type: 'asset', name: `catalogue-${app}-${locale}.json`, source: JSON.stringify(compileCatalogue(catalogue)) });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    // The console's page preloads the default language's catalogue, so that its fetch runs beside
    // the scripts rather than after them (a user who reads English fetches that one after).
    transformIndexHtml: {
      order: 'post',
      handler(html, { path: page, bundle }) {
        if (page !== '/index.html' || !bundle) return html;
        const asset = Object.values(bundle).find((f) => /(^|\/)catalogue-console-zh-CN-[\w-]+\.json$/.test(f.fileName));
        if (!asset) return html;
        return { html, tags: [{ tag: 'link', attrs: { rel: 'preload', href: `./${asset.fileName}`, as: 'fetch', crossorigin: true }, injectTo: 'head' }] };
      },
    },
  };
}
