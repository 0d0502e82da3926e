// What a share image (the Open Graph / Twitter card picture, 1200 × 630) says: the title, the
// status and the deadlines' outcomes, in lines short enough for the card. Pure; views/share-card.eta
// draws it and ShareImageService rasterises it.

import type { RecommendationDetail } from '../recommendations/dto/recommendation.response';
import {
  deadlineLabelText,
  deadlineOutcome,
  formatDate,
  formatDue,
  formatPercent,
  humanize,
  statusLabel,
} from '../presentation/format';
import type { TopicStory } from './topic-story';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface ShareCard {
  kicker: string;
  titleLines: string[];
  /** The status line (the headline status, or a topic's progress). */
  status: string;
  /** Deadline outcomes or counts, at most a few lines. */
  lines: string[];
  footer: string;
}

/**
 * Breaks `text` into at most `maxLines` lines of at most `width` characters at spaces; the last
 * line ends with an ellipsis when text was left out. A word longer than `width` is cut.
 */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i].length > width ? `${words[i].slice(0, width - 1)}…` : words[i];
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) {
    lines.push(line);
    i = words.length;
  }
  if (i < words.length && lines.length) {
    const last = lines[lines.length - 1];
    lines[lines.length - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  }
  return lines;
}

const TITLE_WIDTH = 36;
/** The status line is larger and bold: fewer characters fit. */
const STATUS_WIDTH = 54;
const LINE_WIDTH = 80;
const MAX_DEADLINES = 3;

/** The card of one item: its kind and who is responsible, title, headline status and deadline outcomes. */
export function itemCard(item: RecommendationDetail, siteName: string): ShareCard {
  const deadlines = item.deadlines.filter((d) => d.state !== 'withdrawn');
  const lines = deadlines
    .slice(0, MAX_DEADLINES)
    // The outcome first, so that a long label is what gets cut.
    .map(
      (d) => wrapText(`${deadlineOutcome(d).text}: ${deadlineLabelText(d)} (${formatDue(d.due, d.precision)})`, LINE_WIDTH, 1)[0],
    );
  if (deadlines.length > MAX_DEADLINES) lines.push(`and ${deadlines.length - MAX_DEADLINES} more deadlines`);
  return {
    kicker: wrapText(
      `${humanize(item.kind)}${item.responsible ? ` · responsible: ${item.responsible.title}` : ''}`,
      LINE_WIDTH,
      1,
    )[0],
    titleLines: wrapText(item.title, TITLE_WIDTH, 3),
    status: wrapText(
      `Status: ${statusLabel(item.status)}${item.statusAsOf ? ` since ${formatDate(item.statusAsOf)}` : ''}`,
      STATUS_WIDTH,
      1,
    )[0],
    lines,
    footer: siteName,
  };
}

/** The card of a topic's story: its name, progress and the tally of its deadlines. */
export function topicCard(topic: { name: string }, story: TopicStory, itemCount: number, siteName: string): ShareCard {
  const p = story.progress;
  const counts = p.counts.map((c) => `${c.count} ${statusLabel(c.status).toLowerCase()}`).join(', ');
  const deadlineFacts = story.facts.filter((f) => /^\d+ deadlines?: /.test(f.text)).map((f) => f.text);
  return {
    kicker: 'Story',
    titleLines: wrapText(topic.name, TITLE_WIDTH, 2),
    status: wrapText(`Progress ${formatPercent(p.ratio)}: ${p.remaining} of ${itemCount} not implemented`, STATUS_WIDTH, 1)[0],
    lines: [
      ...wrapText(`${itemCount} items: ${counts}`, LINE_WIDTH, 2),
      ...deadlineFacts.flatMap((t) => wrapText(t, LINE_WIDTH, 2)),
    ],
    footer: `${siteName} · as of ${formatDate(story.end)}`,
  };
}

/** The site's own card, for pages without one of their own. */
export function siteCard(siteName: string): ShareCard {
  return {
    kicker: siteName,
    titleLines: wrapText('What was recommended, what was promised, and what actually happened', TITLE_WIDTH, 3),
    status: 'Every status dated, attributed and sourced',
    lines: ['Police-reform recommendations, court requirements and officials’ promises'],
    footer: siteName,
  };
}
