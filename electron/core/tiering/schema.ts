// Tables owned by the tiering capability. Add migrations at the end with new ids; never edit an applied one.
import type { Migration } from '../workspace/migration';

export const migrations: Migration[] = [];
