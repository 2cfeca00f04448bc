// Reference outputs of the npm package `change-case` v5 for the case-converter corpus test
// (crates/tools/src/case_converter/corpus_tests.rs).
//
// Regenerate (install outside the repository so node_modules never lands in it; the
// script resolves `change-case` from the current directory and writes its JSON beside itself):
//   mkdir -p /tmp/ref && cd /tmp/ref && npm init -y && npm install change-case@5
//   cd /tmp/ref && node <repo>/crates/tools/reference/case-corpus.mjs
//
// `lower` and `upper` are not change-case functions: like its former companions
// `lower-case`/`upper-case` they are the whole text's toLowerCase()/toUpperCase().
// Inputs whose first letter lies outside the Basic Multilingual Plane are left out on
// purpose: change-case capitalises the first UTF-16 unit, which cannot change such a
// letter, while the Rust tool capitalises the whole character.

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'noop.js'));
const cc = await import(require.resolve('change-case'));

const inputs = [
  '', ' ', '   \t\n ', '---', 'foo', 'Foo', 'FOO', 'fooBar', 'FooBar', 'foo bar',
  'foo_bar', 'foo-bar', 'foo.bar', 'foo/bar', 'FOO_BAR', 'Foo Bar', 'foo--bar__baz  qux',
  '__foo__bar__', '  leading and trailing  ', '-leading-dash', 'trailing.dot.',
  'XMLHttpRequest', 'getHTTPResponseCode', 'HTTPServer', 'parseURL', 'ABC', 'A', 'aB', 'AbC',
  'IDs', 'userID', 'iOS', 'iPhone', 'PDFFile2Text', 'ABCdef', 'ABCDef',
  'v2', 'version2Beta', 'version 2', 'v1.2.3', 'foo2bar', 'foo2Bar', 'HTML5Parser',
  '2fast2furious', 'abc123def', '123', '1 2 3', 'x 2', 'v1 2', 'test_1_2', 'file2_3',
  'ÜberCool', 'über cool', 'ĐàNẵng', 'Ελληνικά', 'ΟΔΟΣ ΟΔΟΣ', 'привет_мир', 'ПриветМир',
  'straße', 'İstanbul', 'ǅemal', '日本語テキスト', 'foo日本bar', 'مرحبا بالعالم',
  'emoji 🎉 party', '🎉fooBar🎉', 'thumbs👍🏽up', 'café au lait', 'naïve-approach',
  'tab\tseparated\tvalues', 'line\nbreak', 'MixedUP_and-down.case/path',
  'some.property_name-with MIXED separators', 'XMLHttpRequest handler', 'The quick brown fox.',
  "don't stop", 'e-mail', 'C++ and C#', 'a1B2c3', 'AAAbbb', 'aaBBcc', 'ⒶⒷ circled',
];

const cases = {
  camel: cc.camelCase,
  pascal: cc.pascalCase,
  snake: cc.snakeCase,
  kebab: cc.kebabCase,
  constant: cc.constantCase,
  title: cc.capitalCase,
  sentence: cc.sentenceCase,
  lower: (text) => text.toLowerCase(),
  upper: (text) => text.toUpperCase(),
  dot: cc.dotCase,
  path: cc.pathCase,
  train: cc.trainCase,
};

const corpus = inputs.map((input) => {
  const outputs = {};
  for (const [name, convert] of Object.entries(cases)) outputs[name] = convert(input);
  return { input, split: cc.split(input), outputs };
});

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.join(here, 'case-corpus.json');
writeFileSync(target, JSON.stringify(corpus, null, 2) + '\n');
console.log(`wrote ${corpus.length} inputs to ${target}`);
