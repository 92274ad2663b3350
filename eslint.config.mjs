import js from '@eslint/js';
import { config as n8nCommunityConfig } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

// n8n's community-node rules (what n8n's verification scanner runs) apply to the shipped
// sources and package.json only; tests, benchmarks and examples get plain TypeScript rules,
// since they legitimately use process, timers and console.
const SHIPPED = ['nodes/**/*.ts', 'credentials/**/*.ts'];

const scopedN8nConfig = n8nCommunityConfig.map((entry) =>
	entry.files && entry.files.length === 1 && entry.files[0] === '**/*.ts' ? { ...entry, files: SHIPPED } : entry,
);

export default [
	...scopedN8nConfig,
	...tseslint.config({
		files: ['test/**/*.ts', 'bench/**/*.ts', 'examples/**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			// Rest destructuring is how tests and the server drop a property; `_name` marks deliberate unused ones.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
			],
		},
	}),
];
