// Public face of the graph capability (关系挖掘).
//
// Model: nodes are subjects (USCC), persons (person_id, the salted hash of the ID number — the raw number never
// enters graph tables; names stored masked) and hubs: one node per normalised registered address or phone shared
// by ≥ 2 subjects (N firms → N edges, not N²). A pass through a hub counts as one hop; hubs with more firms than
// maxHubSize (default 100, 集中登记地) are shown but not crossed. Address normalisation: trim, full-width
// digits/letters/spaces → half-width, upper case, spaces and punctuation removed; at least 6 characters.
// Phones: digits only, +86/0086 dropped for mobiles, at least 7 digits.
//
// Build: buildGraph() — incremental by content hash of every relations row and by each subject's address/phone
// key (see build.ts); ensureGraph() runs it automatically when the cheap source stamp (row counts + import
// history) changed, so queries after an import see the new data.
//
// Exposure for the tiering capability's related-party warning:
//   runExposure(ws, { asOf?, maxHubSize?, reuse?, operator?, signal?, progress? }) → ExposureSummary (runId …)
//     reuses a stored run for the same date/settings while graph and credit_lists are unchanged;
//   exposureFor(ws, { runId?, usccs? }) → { runId, asOf, rows: ExposureRow[] }
//   exposureHits(ws, { runId?, usccs?, listedSince?, maxDistance? }) → evidence rows (listed node, list, in_date, hops)
//   or SQL over graph_exposure(run_id, as_of, uscc, self_listed, black_within_2, abnormal_within_2,
//   dishonest_within_2, nearest_distance) and graph_exposure_hits(run_id, uscc, node_key, node_kind, list_type,
//   in_date, distance).
export { buildGraph, ensureGraph, sourceStamp, readState, type GraphState, type BuildOptions } from './build';
export { egoNetwork, findNode, DEFAULT_EGO_LIMIT, type EgoInput } from './ego';
export { shortestPath, DEFAULT_PATH_HOPS, type PathInput } from './path';
export { components } from './components';
export { topConnected, clusters } from './top';
export {
  runExposure,
  exposureFor,
  exposureHits,
  exposureOf,
  exposureList,
  exposureSummary,
  latestExposureRun,
  type ExposureOptions,
} from './exposure';
export { DEFAULT_MAX_HUB_SIZE, EXPOSURE_LISTS, EDGE_CODE } from './sql';
export { graphHandlers } from './services';
