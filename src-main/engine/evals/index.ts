/** The evals domain's public API: what handlers, other domains and the host use. */
export type { EvalContext } from './context';
export { measuredAccuracy, reportStandings, weightedMedianBps, type ReportStanding, type ReportStatus, type StandingSources } from './report-standing';
export { runEval, type EvalRun } from './run-eval';
export { grade, SUITES, type EvalCase, type EvalSuite } from './suites';
