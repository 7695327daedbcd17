// Migration type shared by every capability's schema.ts.
import type { Conn } from './workspace';

export interface Migration {
  /** Unique, stable id, e.g. 'core-001-canonical'. Never change an applied migration: add a new one. */
  id: string;
  description: string;
  up: string | ((conn: Conn) => Promise<void>);
}
