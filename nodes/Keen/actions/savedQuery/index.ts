import type { KeenOperation } from '../types';
import { create } from './create.operation';
import { deleteSavedQuery } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getResult } from './getResult.operation';
import { setCaching } from './setCaching.operation';
import { update } from './update.operation';

export const savedQueryOperations: KeenOperation[] = [getResult, create, deleteSavedQuery, get, getAll, setCaching, update];
