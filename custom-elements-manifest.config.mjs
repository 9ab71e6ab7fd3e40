/**
 * The custom-elements manifest of the mb-* elements: one source of truth (the JSDoc on each
 * `<name>.component.ts`: @slot, @event, @csspart, @cssproperty, and the `static properties`), read by
 * Storybook's docs pages (`setCustomElementsManifest` in .storybook/preview.ts). `npm run manifest` writes it;
 * the Storybook scripts run it first.
 */
/**
 * Our classes are registered apart from their files (`<name>.ts` calls `define('mb-<name>', …)`, see
 * widgets/src/shared/define.ts), which the analyzer does not follow: the folder names the tag, by the house
 * layout `widgets/src/<name>/<name>.component.ts` → `<mb-<name>>`.
 */
/**
 * Several parts in one JSDoc line (`@csspart a - …; @csspart b - …`, `@csspart previous, next - …`) come out of
 * the analyzer as one entry: split them, so each part has its own row.
 */
function splitParts(parts = []) {
  return parts.flatMap(({ name, description = '' }) => {
    const [first, ...more] = description.split(/;?\s*@csspart\s+/);
    const entries = [{ names: name, description: first.trim() }];
    for (const chunk of more) {
      const match = /^([\w-]+(?:,\s*[\w-]+)*)\s*-?\s*(.*)$/s.exec(chunk.trim());
      if (match) entries.push({ names: match[1], description: match[2].trim() });
    }
    return entries.flatMap(({ names, description: text }) =>
      names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .map((n) => ({ name: n, description: text })),
    );
  });
}

const tagsFromFolders = () => ({
  name: 'matbakh-tags-from-folders',
  packageLinkPhase({ customElementsManifest }) {
    // Files are analysed in parallel: sort, so the same components always give the same file.
    customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
    for (const module of customElementsManifest.modules) {
      const folder = /widgets\/src\/([^/]+)\/\1\.component\.ts$/.exec(module.path)?.[1];
      if (!folder) continue;
      for (const declaration of module.declarations ?? []) {
        // The analyzer spots custom elements by a LitElement superclass; ours extend the base element `MbElement`
        // (widgets/src/shared/mb-element.ts), which it does not read.
        if (declaration.superclass?.name === 'MbElement') declaration.customElement = true;
        if (!declaration.customElement) continue;
        // Internal state (`declare private x` with `state: true`) is neither an attribute nor public API.
        const hidden = new Set(
          (declaration.members ?? [])
            .filter((m) => m.privacy === 'private' || m.privacy === 'protected')
            .map((m) => m.name),
        );
        declaration.members = (declaration.members ?? []).filter((m) => !hidden.has(m.name) && !m.name.startsWith('#'));
        declaration.attributes = (declaration.attributes ?? []).filter((a) => !hidden.has(a.fieldName ?? a.name));
        declaration.cssParts = splitParts(declaration.cssParts);
        if (declaration.tagName) continue;
        declaration.tagName = `mb-${folder}`;
        module.exports = [
          ...(module.exports ?? []),
          {
            kind: 'custom-element-definition',
            name: declaration.tagName,
            declaration: { name: declaration.name, module: module.path },
          },
        ];
      }
    }
  },
});

export default {
  plugins: [tagsFromFolders()],
  globs: ['widgets/src/*/*.component.ts'],
  outdir: 'stories/generated',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
