import { describe, expect, it } from 'vitest';
import { INVISIBLE_MARK } from '@complaintkit/core/domain';
import { DEFAULT_LEXICON } from './default-lexicon.js';
import { InvalidLexiconError, parseLexicon } from './lexicon.js';
import { compileLexicon, flagText, type View, viewOf } from './match.js';

const kinds = (text: string) => flagText(text).map((f) => f.kind);

describe('sensitive-case flags', () => {
  it('finds each kind with the phrase as written as evidence', () => {
    const flags = flagText('已经多次投诉了，再不解决我就找媒体曝光，还要去法院起诉你们，打12378，去信访，真的活不下去了');
    expect(flags.map((f) => f.kind)).toEqual(['media', 'lawsuit', 'regulator', 'petition', 'repeated_escalation', 'distress']);
    const media = flags.find((f) => f.kind === 'media');
    expect(media?.evidence.map((e) => e.text)).toEqual(['媒体', '曝光']);
  });

  it('finds full-width and spaced variants and points at the original characters', () => {
    const text = '请尽快处理，否则拨打１２３７８，并找媒　体和 记 者';
    const flags = flagText(text);
    const regulator = flags.find((f) => f.kind === 'regulator')?.evidence[0];
    expect(regulator).toMatchObject({ phrase: '12378', text: '１２３７８' });
    expect(text.slice(regulator?.start, regulator?.end)).toBe('１２３７８');
    expect(flags.find((f) => f.kind === 'media')?.evidence.map((e) => e.text)).toEqual(['媒　体', '记 者']);
    expect(kinds('I will contact the ＭＥＤＩＡ and my  L a w y e r')).toEqual(['media']); // spaced Latin letters are not a word
    expect(kinds('I will contact the ＭＥＤＩＡ and my lawyer')).toEqual(['media', 'lawsuit']);
  });

  it('does not flag a phrase a negation cue precedes in the same clause', () => {
    expect(kinds('我不会投诉到媒体，只希望尽快处理')).toEqual([]);
    expect(kinds('本人并未打算起诉，也无意找记者')).toEqual([]);
    expect(kinds('I will not go to the media, I just want my fee back')).toEqual([]);
    // A cue in another clause, or too far back, does not cancel.
    expect(kinds('问题没有解决，我要找媒体')).toEqual(['media']);
    expect(kinds('我不会善罢甘休的一定要找媒体')).toEqual(['media']);
    // A direction mark, an isolate or a grapheme joiner inside the word does not hide it.
    for (const mark of ['\u200E', '\u2066', '\u034F', '\u202E', '\uFE0F']) expect(kinds(`问题没有解决，我要找媒${mark}体`)).toEqual(['media']);
    // Distress is never cancelled by a cue.
    expect(kinds('我不会想不开，但真的走投无路了')).toEqual(['distress']);
  });

  it('keeps Latin words whole: an issue is not a suit, and a courteous clerk is no court', () => {
    expect(kinds('The issue is that the clerk was courteous but the express transfer failed')).toEqual([]);
    expect(kinds('I will sue the bank in court')).toEqual(['lawsuit']);
    expect(kinds('订单号112378900')).toEqual([]);
  });

  it('flags nothing in an ordinary complaint', () => {
    expect(kinds('客户反映信用卡：年费、手续费收取标准不清。要求退还相关费用')).toEqual([]);
  });

  it('uses a bank lexicon validated from its file, and says what is wrong with a bad one', () => {
    const lexicon = parseLexicon(JSON.stringify({ version: 'bank-1', kinds: { media: { phrases: ['报料'] } }, negations: ['不会'] }));
    expect(compileLexicon(lexicon).flag('我要向报社报料').map((f) => f.kind)).toEqual(['media']);
    expect(compileLexicon(lexicon).flag('我要向报社报料并起诉')).toHaveLength(1);
    expect(() => parseLexicon('{"version":"x","kinds":{"gossip":{"phrases":["a"]}}}')).toThrow(InvalidLexiconError);
    expect(() => parseLexicon('{"version":"x","kinds":{"media":{"phrases":["媒体","媒 体"]}}}')).toThrow(/listed twice/);
    expect(() => parseLexicon('not json')).toThrow(/not JSON/);
    expect(() => parseLexicon(JSON.stringify(DEFAULT_LEXICON))).not.toThrow();
  });
});

/** The per-character rule viewOf keeps: NFKC and lower case of each code point, white space collapsed or dropped, invisibles dropped. */
function referenceView(input: string, keepSpaces: boolean): View {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < input.length; ) {
    const cp = input.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const raw = input.slice(i, i + width);
    const norm = raw.normalize('NFKC').toLowerCase();
    if (INVISIBLE_MARK.test(raw)) {
      // dropped
    } else if (/^\s+$/u.test(norm) && raw !== '\n') {
      if (keepSpaces && !lastSpace) {
        text += ' ';
        start.push(i);
        end.push(i + width);
        lastSpace = true;
      }
    } else {
      for (const ch of norm) {
        text += ch;
        start.push(i);
        end.push(i + width);
      }
      lastSpace = norm === '\n';
    }
    i += width;
  }
  return { text, start, end };
}

describe('the normalised view', () => {
  it('reads every code point (lone surrogates too) as NFKC lower case, as the per-character rule does', () => {
    for (let from = 0; from <= 0x10ffff; from += 0x1000) {
      let input = 'A ';
      for (let cp = from; cp < from + 0x1000; cp++) input += `${cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp)}${cp % 7 === 0 ? ' ' : cp % 11 === 0 ? '\n' : ''}`;
      for (const keepSpaces of [true, false]) {
        const ours = viewOf(input, keepSpaces);
        const reference = referenceView(input, keepSpaces);
        if (ours.text !== reference.text || ours.start.join() !== reference.start.join() || ours.end.join() !== reference.end.join()) {
          expect.fail(`the view of U+${from.toString(16)}-U+${(from + 0xfff).toString(16)} (keepSpaces ${keepSpaces}) differs from the per-character rule`);
        }
      }
    }
    expect(flagText('')).toEqual([]);
    expect(viewOf('投诉 ＡＢ\u200bc', false)).toEqual({ text: '投诉abc', start: [0, 1, 3, 4, 6], end: [1, 2, 4, 5, 7] });
  });
});
