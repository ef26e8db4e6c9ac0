// The custom-elements manifest of @gualian/elements, from the elements' doc blocks:
// `npx cem analyze` (run from the repository root) writes packages/elements/custom-elements.json.
export default {
  globs: ['packages/elements/src/**/*.ts'],
  exclude: ['packages/elements/src/**/*.test.ts', 'packages/elements/src/**/testing/**'],
  outdir: 'packages/elements',
  litelement: true,
  // The package's own package.json names the manifest; the root one is the monorepo's.
  packagejson: false,
};
