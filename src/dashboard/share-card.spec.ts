import { wrapText } from './share-card';

describe('wrapText', () => {
  it('breaks at spaces within the width', () => {
    expect(wrapText('Develop a formal foot pursuit policy', 16, 3)).toEqual(['Develop a formal', 'foot pursuit', 'policy']);
  });

  it('ends the last line with an ellipsis when text is left out', () => {
    const lines = wrapText('one two three four five six seven', 9, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(9);
  });

  it('cuts a word longer than the width', () => {
    expect(wrapText('abcdefghijkl', 5, 1)).toEqual(['abcd…']);
  });
});
