import type { KeenOperation } from '../types';
import { create } from './create.operation';
import { deleteCachedDataset } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getResults } from './getResults.operation';

export const cachedDatasetOperations: KeenOperation[] = [getResults, create, deleteCachedDataset, get, getAll];
