import * as assert from 'node:assert/strict';
import { linearPattern, translateToRe2 } from '../../../server/src/engine/schemas/linearPattern';

/**
 * The ECMA-262 → RE2 translation is exact where it claims to be: each translated construct
 * gives the answer JavaScript's own engine gives, on inputs chosen to tell them apart. (Native
 * RegExp runs here only on these small, harmless patterns.)
 */
const SAMPLES = ['', 'a', 'A', 'abc', 'aaa', 'ab12', '0', '42', '-', '_', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', 'é', 'x\ny', 'x\ry', 'a.b', '[', ']', '\\', '/', '{', '}', '{,5}', 'a{', 'a{2}', '😀', 'x😀', '\u0001', '\u0000', '\u0008', 'k', 'K', 'αβ', 'Ω', 'ab-cd', 'a]', 'p{L}'];

interface Case {
  construct: string;
  patterns: string[];
  flags?: string[];
  /** Without `u`, `.` and negated classes match half of an astral character: a difference that remains. */
  bmpWithoutU?: boolean;
  samples?: string[];
}

const CASES: Case[] = [
  { construct: 'literals and escaped punctuation', patterns: ['abc', '^a\\.b$', '\\/', '\\-', 'a\\]', '\\[', '\\\\', '\\{,5\\}', '\\^\\$\\*\\+\\?\\(\\)\\|'] },
  { construct: '\\uXXXX, \\u{…}, \\xHH, \\0, \\cX, control escapes', patterns: ['\\u0061', '^\\u00e9$', '\\uD83D\\uDE00', '\\x41', '\\0', '\\cA', '\\t', '\\n', '\\r', '\\v', '\\f'], flags: ['', 'u'] },
  { construct: '\\u{…} with the u flag', patterns: ['^\\u{1F600}$', '\\u{61}'], flags: ['u'] },
  { construct: '\\u without hex digits (non-u: a literal u, then a quantifier)', patterns: ['^\\u{2}$', '\\u'] },
  { construct: '\\d \\D \\w \\W', patterns: ['^\\d+$', '\\D', '^\\w+$', '\\W'], flags: ['', 'u', 'i', 'iu'], samples: [...SAMPLES, '\u017f', '\u212a'] },
  { construct: '\\d \\D \\w \\W in classes', patterns: ['[\\d]', '[^\\d]', '[\\w-]', '[\\W]'], flags: ['', 'u'] },
  { construct: '\\s and \\S (ECMA-262 white space and line terminators)', patterns: ['\\s', '^\\S+$', '[\\s]', '[^\\s]', '[\\S]', '[a\\s]'], flags: ['', 'u'] },
  { construct: '. without and with s', patterns: ['^.$', '^.+$', 'x.y', '^..$'], flags: ['', 's', 'u', 'su'], bmpWithoutU: true },
  { construct: '^ and $ without and with m', patterns: ['^a', 'a$', '^abc$'], flags: ['', 'm'] },
  { construct: 'lines ended by \\n with m', patterns: ['^y$', '^x$', '^x\\n^y$'], flags: ['', 'm'], samples: ['x\ny', 'x\n', '\ny', 'y', 'xy'] },
  { construct: 'the i flag', patterns: ['^abc$', '[a-c]+', 'é', 'αβ', '^K$'], flags: ['i', 'iu'] },
  { construct: 'classes: ranges, negation, empty, [^], dashes, ] and [', patterns: ['^[a-c]+$', '^[^a-c]$', '[]', '^[^]$', '^[-a]$', '[a-]', '[\\]]', '[\\b]', '[.]'], flags: ['', 'u'], bmpWithoutU: true },
  { construct: 'Annex B classes without u: a dash next to a class escape, [ inside', patterns: ['[\\d-z]', '^[\\w-.]+$', '[[]', '[[:alpha:]]'] },
  { construct: 'groups, alternation, named groups', patterns: ['^(ab|cd)$', '^(?:a|)$', '(?<word>ab)', '^(a)(b)(c)$', '()'] },
  { construct: 'quantifiers, lazy and counted', patterns: ['^a{2}$', '^a{1,}$', '^a{0,2}$', '^a+?$', '^a*?$', 'a??', '^a{2,3}?$', 'a{', '^a{,5}$', '^x{01}$', '{'] },
  { construct: 'word boundaries', patterns: ['\\ba', 'b\\b', '\\B', '\\bé'] },
  { construct: 'Unicode property escapes with u (non-u: literal p)', patterns: ['^\\p{L}+$', '\\P{L}', '\\p{Lu}', '\\p{Script=Greek}', '\\p{gc=Ll}', '[\\p{N}a]'], flags: ['u'] },
  { construct: '\\p without u is the letter p', patterns: ['^\\p{L}$'] },
  { construct: 'astral characters with u', patterns: ['^😀$', '^[😀x]$', '😀+'], flags: ['u'] },
  { construct: 'an astral character without u, unquantified', patterns: ['^x😀$'] },
];

describe('linear patterns (ECMA-262 on RE2)', function () {
  for (const { construct, patterns, flags = [''], bmpWithoutU, samples: own } of CASES) {
    it(`translates ${construct} exactly`, function () {
      for (const flag of flags) {
        for (const source of patterns) {
          const pattern = linearPattern(source, flag);
          assert.equal(pattern.kind, 'linear', `/${source}/${flag}: ${pattern.kind !== 'linear' ? pattern.reason : ''}`);
          if (pattern.kind !== 'linear') continue;
          const native = new RegExp(source, flag);
          const all = own ?? SAMPLES;
          const samples = bmpWithoutU && !flag.includes('u') ? all.filter((sample) => !/[\u{10000}-\u{10ffff}]/u.test(sample)) : all;
          for (const sample of samples) assert.equal(pattern.test(sample), native.test(sample), `/${source}/${flag} on ${JSON.stringify(sample)} (RE2: ${JSON.stringify(translateToRe2(source, flag))})`);
        }
      }
    });
  }

  it('translates \\s to the whole ECMA-262 set, code point by code point', function () {
    const space = linearPattern('\\s');
    const notSpace = linearPattern('[^\\s]', 'u');
    assert.ok(space.kind === 'linear' && notSpace.kind === 'linear');
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = String.fromCharCode(code);
      const expected = /\s/.test(text);
      assert.equal(space.test(text), expected, `\\s on U+${code.toString(16)}`);
      assert.equal(notSpace.test(text), !expected, `[^\\s] on U+${code.toString(16)}`);
    }
  });

  it('runs catastrophic patterns in linear time', function () {
    const pattern = linearPattern('^(a+)+$');
    assert.equal(pattern.kind, 'linear');
    if (pattern.kind === 'linear') {
      assert.equal(pattern.test('a'.repeat(40) + '!'), false);
      assert.equal(pattern.test('a'.repeat(100_000) + '!'), false);
      assert.equal(pattern.test('a'.repeat(40)), true);
    }
  });

  it('reports what RE2 cannot express, and invalid patterns', function () {
    const unsupported: Array<[string, string, RegExp]> = [
      ['(a)\\1', '', /backreference/],
      ['(?<n>a)\\k<n>', '', /named backreference/],
      ['^(?=.*\\d)', '', /lookahead/],
      ['(?!x)', '', /lookahead/],
      ['(?<=a)b', '', /lookbehind/],
      ['(?<!a)b', '', /lookbehind/],
      ['a{99999999}', '', /repetition count above 1000/],
      ['a{1001}', '', /repetition count above 1000/],
      ['(?:a{100}){100}', '', /repetition count above 1000/],
      ['[\\uD800-\\uDBFF]', '', /lone surrogate/],
      ['😀+', '', /quantifier after a character outside/],
      ['[😀]', '', /outside the Basic Multilingual Plane/],
      ['\\p{Script_Extensions=Greek}', 'u', /Unicode property/],
      ['[\\1]', '', /octal/],
      ['a', 'v', /`v` flag/],
    ];
    for (const [source, flags, reason] of unsupported) {
      const pattern = linearPattern(source, flags);
      assert.equal(pattern.kind, 'unsupported', `/${source}/${flags}`);
      if (pattern.kind === 'unsupported') assert.match(pattern.reason, reason, `/${source}/${flags}`);
    }
    for (const source of ['(', '[a', 'a**', '\\']) assert.equal(linearPattern(source).kind, 'invalid', source);
    assert.equal(linearPattern('[\\-]', 'u').kind, 'linear');
    assert.equal(linearPattern('\\a', 'u').kind, 'invalid');
  });

  // Each difference ARCHITECTURE.md lists ("Regular expressions"), shown: [pattern, flags, input, RE2's answer, ECMA-262's].
  it('keeps the differences ARCHITECTURE.md lists, and only those', function () {
    const differences: Array<[string, string, string, boolean, boolean, string]> = [
      ['^.$', '', '😀', true, false, 'without u, RE2 matches code points where ECMA-262 matches UTF-16 code units'],
      ['^[^a]$', '', '😀', true, false, 'the same for negated classes'],
      ['^y', 'm', 'x\ry', false, true, 'with m, RE2 ends lines at \n only'],
      ['x$', 'm', 'x\u2028y', false, true, 'with m, RE2 ends lines at \n only'],
      ['^s$', 'i', '\u017f', true, false, 'with i and without u, RE2 folds ſ into s (ECMA-262 does so only with u)'],
      ['^k$', 'i', '\u212a', true, false, 'and the Kelvin sign into k'],
    ];
    for (const [source, flags, input, re2, ecma, why] of differences) {
      const pattern = linearPattern(source, flags);
      assert.ok(pattern.kind === 'linear');
      assert.equal(pattern.test(input), re2, why);
      assert.equal(new RegExp(source, flags).test(input), ecma, why);
    }
    // The same in both: \b and \w are ASCII; lazy quantifiers answer the same question.
    for (const [source, flags, input] of [['\\bé', '', ' é'], ['^\\w$', 'u', 'é'], ['^a+?$', '', 'aaa'], ['^(?:a|ab)(?:c|bcd)$', '', 'abcd']] as const) {
      const pattern = linearPattern(source, flags);
      assert.ok(pattern.kind === 'linear');
      assert.equal(pattern.test(input), new RegExp(source, flags).test(input), source);
    }
  });

  it('caches compiled patterns', function () {
    assert.equal(linearPattern('^[a-z]+$'), linearPattern('^[a-z]+$'));
    assert.notEqual(linearPattern('^[a-z]+$'), linearPattern('^[a-z]+$', 'i'));
  });
});
