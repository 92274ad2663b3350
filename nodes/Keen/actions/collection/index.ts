import type { KeenOperation } from '../types';
import { deleteCollection } from './delete.operation';
import { deleteEvents } from './deleteEvents.operation';
import { deleteProperty } from './deleteProperty.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getProperty } from './getProperty.operation';

export const collectionOperations: KeenOperation[] = [get, getAll, getProperty, deleteCollection, deleteEvents, deleteProperty];
