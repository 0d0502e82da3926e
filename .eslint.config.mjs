// ESLint flat config: typescript-eslint's recommended rules, with Prettier owning formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The persistence boundary: SQL statements live only in `*.repository.ts` (and `*.sql.ts` fragments,
 * and the database adapter in src/database/). This local rule reports any string or template literal
 * under src/ that reads like a SQL statement (SELECT … FROM, a leading SELECT, INSERT INTO, UPDATE x SET,
 * DELETE FROM). The code writes SQL keywords uppercase, so the match is
 * case-sensitive and prose ("select one from the list") does not trip it.
 */
const SQL_STATEMENT = /^\s*SELECT\b|\bSELECT\b[\s\S]*?\bFROM\b|\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b|\bUPDATE\s+\S+\s+SET\b|\bDELETE\s+FROM\b/;

const persistence = {
  rules: {
    'sql-only-in-repositories': {
      meta: {
        type: 'problem',
        docs: { description: 'SQL statements belong in a *.repository.ts (or a *.sql.ts fragment file)' },
        messages: { sql: 'SQL outside a repository: move this statement into the owning module\'s *.repository.ts.' },
        schema: [],
      },
      create(context) {
        const check = (node, text) => {
          if (SQL_STATEMENT.test(text)) context.report({ node, messageId: 'sql' });
        };
        return {
          Literal(node) {
            if (typeof node.value === 'string') check(node, node.value);
          },
          // `SELECT ${columns} FROM t`: the parts between the substitutions, joined by a placeholder.
          TemplateLiteral(node) {
            check(node, node.quasis.map((q) => q.value.raw).join(' x '));
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'test/bench/results/**', 'test/browser/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: [
      // Where SQL belongs.
      'src/**/*.repository.ts',
      'src/**/*.sql.ts',
      'src/database/**',
      // Tests may set up and inspect rows directly.
      'src/**/*.spec.ts',
    ],
    plugins: { persistence },
    rules: { 'persistence/sql-only-in-repositories': 'error' },
  },
  {
    // One transaction mechanism (src/database/transactions.ts): nothing else opens a transaction.
    files: ['src/**/*.ts'],
    ignores: ['src/database/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(transaction|startTransaction)$/]',
          message: 'Open transactions through Transactions (src/database/transactions.ts), the one mechanism.',
        },
      ],
    },
  },
);
