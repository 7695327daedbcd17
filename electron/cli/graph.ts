// cws graph (placeholder until its capability lands).
import { notYet } from './command';

export const graphCommand = notYet('graph', 'cws graph <ws> …', '关系图谱，见 issue 7');
