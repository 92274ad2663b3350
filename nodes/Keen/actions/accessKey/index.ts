import type { KeenOperation } from '../types';
import { create } from './create.operation';
import { deleteAccessKey } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { revoke } from './revoke.operation';
import { unrevoke } from './unrevoke.operation';
import { update } from './update.operation';

export const accessKeyOperations: KeenOperation[] = [create, deleteAccessKey, get, getAll, revoke, unrevoke, update];
