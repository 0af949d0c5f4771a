// Chunking by app (scripts/app-chunks.mjs): a module goes to the chunk of the apps that can load
// it, following static and lazy imports up to each app's entry.
import { describe, expect, it } from 'vitest';
import { appChunkName, appsOf } from '../scripts/app-chunks.mjs';

// A small module graph: importers of each module, as rolldown's getModuleInfo reports them.
const GRAPH = {
  '/d/index.html': { isEntry: true },
  '/d/board/index.html': { isEntry: true },
  '/d/resident/index.html': { isEntry: true },
  '/d/src/console/main.js': { importers: ['/d/index.html'] },
  '/d/src/board/main.js': { importers: ['/d/board/index.html'] },
  '/d/src/resident/main.js': { importers: ['/d/resident/index.html'] },
  '/d/src/console/views/OverviewView.vue': { dynamicImporters: ['/d/src/console/main.js'] },
  '/d/src/charts.js': { importers: ['/d/src/console/views/OverviewView.vue'] },
  '/d/src/echarts.js': { dynamicImporters: ['/d/src/charts.js'] },
  '/d/node_modules/echarts/lib/core/echarts.js': { importers: ['/d/src/echarts.js'] },
  '/d/src/feed.js': { importers: ['/d/src/board/main.js', '/d/src/console/views/OverviewView.vue'] },
  // An import cycle must not hide an app.
  '/d/src/a.js': { importers: ['/d/src/b.js', '/d/src/resident/main.js'] },
  '/d/src/b.js': { importers: ['/d/src/a.js', '/d/src/board/main.js'] },
  '/d/node_modules/vue/index.js': { importers: ['/d/src/console/main.js', '/d/src/board/main.js', '/d/src/resident/main.js'] },
};
const context = { getModuleInfo: (id) => (GRAPH[id] ? { id, importers: [], dynamicImporters: [], isEntry: false, ...GRAPH[id] } : null) };

describe('app chunks', () => {
  it('names a module after the apps that load it, lazily too', () => {
    expect(appChunkName('/d/src/console/views/OverviewView.vue', context)).toBe('app-console');
    expect(appChunkName('/d/src/feed.js', context)).toBe('app-board-console');
    expect(appChunkName('/d/node_modules/vue/index.js', context)).toBe('app-board-console-resident');
  });

  it('follows import cycles to every app', () => {
    expect(appsOf('/d/src/a.js', context.getModuleInfo)).toEqual(['board', 'resident']);
    expect(appsOf('/d/src/b.js', context.getModuleInfo)).toEqual(['board', 'resident']);
  });

  it('leaves entries and ECharts to the default chunking', () => {
    expect(appChunkName('/d/index.html', context)).toBeNull();
    expect(appChunkName('/d/src/echarts.js', context)).toBeNull();
    expect(appChunkName('/d/node_modules/echarts/lib/core/echarts.js', context)).toBeNull();
  });
});
