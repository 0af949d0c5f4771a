// Chunking by app: every module of the build goes to the chunk named after the set of apps that
// can load it (`app-console`, `app-board-console-resident`, ...), statically or through a lazy
// route, so each app loads a handful of chunks rather than one per screen. Measured with the
// console's 39 chunks: gzip compresses one chunk of all its screens a third smaller than the
// same screens in 35 small chunks (each restarts its dictionary and repeats its imports), and
// the first screen no longer waits for a chain of lazy chunks. ECharts alone stays a lazy chunk
// of its own (src/echarts.js): most of the console's bytes, needed only once a chart is drawn.
const LAZY_LIBRARY = /[\\/]node_modules[\\/](echarts|zrender|tslib)[\\/]|[\\/]src[\\/]echarts\.js$/;

/** The app an entry module (an app's index.html or its main script) belongs to. */
export function appOfEntry(id) {
  if (/[\\/]board[\\/]/.test(id)) return 'board';
  if (/[\\/]resident[\\/]/.test(id)) return 'resident';
  return 'console';
}

/** The apps whose entries reach `id` through static or dynamic imports, by `getModuleInfo`. */
export function appsOf(id, getModuleInfo) {
  const apps = new Set();
  const seen = new Set([id]);
  for (const queue = [id]; queue.length > 0;) {
    const module = getModuleInfo(queue.pop());
    if (module?.isEntry) apps.add(appOfEntry(module.id));
    for (const by of [...(module?.importers ?? []), ...(module?.dynamicImporters ?? [])]) {
      if (!seen.has(by)) {
        seen.add(by);
        queue.push(by);
      }
    }
  }
  return [...apps].sort();
}

/**
 * The name function of a rolldown code-splitting group (`output.codeSplitting.groups[].name`,
 * with `includeDependenciesRecursively: false`, so a module goes where its own apps say, not
 * where its first importer went). Entries and ECharts are left to the default chunking.
 */
export function appChunkName(id, context) {
  const getModuleInfo = (moduleId) => context.getModuleInfo(moduleId);
  if (LAZY_LIBRARY.test(id) || getModuleInfo(id)?.isEntry) return null;
  const apps = appsOf(id, getModuleInfo);
  return apps.length > 0 ? `app-${apps.join('-')}` : null;
}
