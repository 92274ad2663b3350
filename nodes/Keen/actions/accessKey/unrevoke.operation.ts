import { keyStateOperation } from './keyState';

export const unrevoke = keyStateOperation('unrevoke', true, 'Reactivate a revoked access key');
