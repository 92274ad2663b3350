import type { KeenOperation } from '../types';

export const cachedDatasetOperations: KeenOperation[] = [];
