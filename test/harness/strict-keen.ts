// jest.strict.config.js: every local Keen server started without explicit variants runs strict.
process.env.KEEN_LOCAL_VARIANTS = 'strict';
