/**
 * The architecture's rules (docs/architecture.md), checked by dependency-cruiser in `npm test`.
 * Paths are matched anywhere in the path, so the committed fixture under
 * test/fixtures/architecture/ (which breaks each rule on purpose) is judged by the same rules.
 */
const DOMAINS = 'catalog|pricing|routing|ledger|reviews|incentives|evals|marketplace|providers';
const STATE = 'records|store|journal|identity|secrets|settings';
const ENGINE = '(^|/)src-main/engine/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles: a module that can be loaded alone can be understood and tested alone.',
      severity: 'error',
      from: { path: '(^|/)src-main/' },
      to: { circular: true },
    },
    {
      name: 'no-engine-from-domains',
      comment: 'Domains, sync and state modules take narrow ports; only the composition root knows the Engine.',
      severity: 'error',
      from: { path: `${ENGINE}(${DOMAINS}|sync|${STATE})/` },
      to: { path: `${ENGINE}engine\\.ts$` },
    },
    {
      name: 'no-use-case-in-state',
      comment: 'State modules (records, store, journal, identity, secrets, settings) know no use case.',
      severity: 'error',
      from: { path: `${ENGINE}(${STATE})/` },
      to: { path: `${ENGINE}(${DOMAINS}|sync|handlers|compose|seed)/` },
    },
    {
      name: 'no-sync-from-domains',
      comment: 'Sync sits beside the domains and moves signed records; no domain imports it.',
      severity: 'error',
      from: { path: `${ENGINE}(${DOMAINS})/` },
      to: { path: `${ENGINE}sync/` },
    },
    {
      name: 'no-electron-in-engine',
      comment: 'The engine runs in plain Node (and headless as `infiniroute serve`).',
      severity: 'error',
      from: { path: '(^|/)src-main/(engine|host)/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'shared-is-pure',
      comment: 'src-shared is pure TypeScript: no Node, DOM, Electron, or either side of the app.',
      severity: 'error',
      from: { path: '(^|/)src-shared/' },
      to: { path: '(^|/)(src-main|src-renderer)/|^electron$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '(^|/)src-shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-through-the-contract',
      comment: 'The renderer reaches the engine only through the contract client.',
      severity: 'error',
      from: { path: '(^|/)src-renderer/' },
      to: { path: '(^|/)src-main/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
  },
};
