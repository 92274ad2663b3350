import { keyStateOperation } from './keyState';

export const revoke = keyStateOperation('revoke', false, 'Deactivate an access key; it stays defined and can be reactivated');
