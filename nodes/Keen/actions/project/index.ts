import type { KeenOperation } from '../types';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getLimits } from './getLimits.operation';
import { update } from './update.operation';

export const projectOperations: KeenOperation[] = [get, create, getAll, getLimits, update];
