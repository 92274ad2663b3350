/*
 * Imported first by demo.ts: n8n-core reads N8N_USER_FOLDER and the log level when it loads, so
 * they must be set before the harness imports it (a temporary folder, never the user's ~/.n8n).
 */
import { prepareN8nEnvironment } from '../test/harness/test-env';

prepareN8nEnvironment();
