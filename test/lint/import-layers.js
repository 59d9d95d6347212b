// ESLint rule enforcing DESIGN.md §4's layering, VS Code style: resolve each relative import
// against the importing file and refuse imports that reach into a layer above or beside.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Layer of a project file, by folder. */
export function layerOf(file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel.startsWith('shared/')) return 'shared';
  if (rel.startsWith('electron/services/')) return 'services';
  if (rel.startsWith('electron/main/')) return 'main';
  if (rel.startsWith('electron/preload/')) return 'preload';
  if (rel.startsWith('electron/host/')) return 'host';
  if (rel.startsWith('electron/cli/')) return 'cli';
  if (rel.startsWith('renderer/')) return 'renderer';
  if (rel.startsWith('test/')) return 'test';
  return 'other';
}

/** Which project layers each layer may import. */
export const allowedLayers = {
  shared: ['shared'],
  services: ['shared', 'services'],
  main: ['shared', 'services', 'main'],
  preload: ['shared', 'preload'],
  host: ['shared', 'services', 'host'],
  cli: ['shared', 'services', 'host', 'cli'],
  renderer: ['shared', 'renderer'],
  test: ['shared', 'services', 'host', 'main', 'cli', 'renderer', 'test', 'other'],
  other: ['shared', 'services', 'host', 'main', 'cli', 'renderer', 'test', 'other'],
};

/** Packages only some layers may use: Electron only in main/preload, Node built-ins never in shared or the renderer. */
function packageAllowed(layer, spec) {
  if (spec === 'electron' || spec.startsWith('electron/')) return layer === 'main' || layer === 'preload' || layer === 'test';
  if (spec.startsWith('node:') && (layer === 'shared' || layer === 'renderer')) return false;
  return true;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import layers of DESIGN.md §4' },
    messages: {
      layer: "Layer '{{from}}' may not import from layer '{{to}}' ({{spec}}). See DESIGN.md §4.",
      pkg: "Layer '{{from}}' may not import '{{spec}}'. See DESIGN.md §4.",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (!spec.startsWith('.')) {
        if (!packageAllowed(from, spec)) context.report({ node, messageId: 'pkg', data: { from, spec } });
        return;
      }
      const to = layerOf(path.resolve(path.dirname(file), spec));
      // Unit tests sit beside their code and may use the shared test support.
      if (to === 'test' && /\.test\.tsx?$/.test(file)) return;
      if (!allowedLayers[from].includes(to)) context.report({ node, messageId: 'layer', data: { from, to, spec } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
