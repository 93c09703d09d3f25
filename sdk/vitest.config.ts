import { defineConfig } from 'vitest/config';
import { compiledRules } from './scripts/rules.mjs';

export default defineConfig({
  // The SDK imports `loupe:rules`: rules/redaction.json compiled as the build does it.
  plugins: [
    {
      name: 'loupe-rules',
      resolveId: (id) => (id == 'loupe:rules' ? '\0loupe:rules' : undefined),
      load: (id) => (id == '\0loupe:rules' ? compiledRules() : undefined),
    },
  ],
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.ts'],
    restoreMocks: true,
  },
});
