import type { KeenOperation } from '../types';
import { record } from './record.operation';
import { recordMany } from './recordMany.operation';

export const eventOperations: KeenOperation[] = [record, recordMany];
