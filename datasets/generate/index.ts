// Synthetic district data (placeholder until the generator lands): see README of datasets/generate.
import type { Workspace } from '../../electron/core/workspace/workspace';

export interface GenerateOptions {
  scale: number;
  seed: number;
}

export interface GenerateHooks {
  signal?: AbortSignal;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export async function generateDemo(ws: Workspace, options: GenerateOptions, hooks: GenerateHooks = {}): Promise<void> {
  void ws;
  void options;
  void hooks;
  throw new Error('generator not written yet');
}
