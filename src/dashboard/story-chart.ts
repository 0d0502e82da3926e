// Geometry of a topic's timeline (views/topic-timeline.eta draws it as SVG, inline on the page and
// standalone at /topics/{slug}/timeline.svg): a time axis, a lane of context events, one lane per
// item with its headline-status spans and its marks. Every mark has a shape of its own and every span
// a pattern, so the chart reads without colour; the page repeats every fact as text.

import { daysBetween } from '../common/time/local-date';
import type { Status } from '../recommendations/rules/status-vocabulary';
import type { StoryMark, TopicStory } from './topic-story';

export const CHART_WIDTH = 1200;
const PAD_LEFT = 16;
const PAD_RIGHT = 24;
const TOP = 8;
const CONTEXT_HEIGHT = 50;
const LANE_HEIGHT = 56;
const AXIS_HEIGHT = 30;
const LEGEND_HEIGHT = 64;
/** Lane titles longer than this are cut at a word (the full title is the lane's tooltip and link text). */
const TITLE_CHARS = 120;

/** How a status span is filled: done (solid), partly (hatched), moving (dotted), none (empty). */
export type SpanFill = 'done' | 'partly' | 'moving' | 'none';

export const SPAN_FILL: Record<Status, SpanFill> = {
  implemented: 'done',
  partially_implemented: 'partly',
  interim: 'partly',
  in_progress: 'moving',
  accepted: 'moving',
  not_started: 'none',
  not_assessed: 'none',
  unclear: 'none',
  stalled: 'none',
  rejected: 'none',
};

export interface PlacedMark extends StoryMark {
  x: number;
  /** Centre line of the lane. */
  y: number;
  /** For a deadline done after it closed: where it was done (the "how late" span ends there). */
  doneX: number | null;
}

export interface PlacedLane {
  slug: string;
  href: string;
  title: string;
  shortTitle: string;
  status: Status;
  /** Top of the lane, its title's baseline, and the bar. */
  y: number;
  labelY: number;
  barY: number;
  barHeight: number;
  spans: Array<{ x: number; width: number; status: Status; fill: SpanFill }>;
  marks: PlacedMark[];
}

export interface StoryChart {
  width: number;
  height: number;
  left: number;
  right: number;
  context: { y: number; labelY: number; lineY: number; marks: PlacedMark[] };
  lanes: PlacedLane[];
  axis: { y: number; ticks: Array<{ x: number; label: string }> };
  legendY: number;
  /** A one-sentence description of what the chart shows (its accessible name). */
  description: string;
}

function shorten(title: string): string {
  if (title.length <= TITLE_CHARS) return title;
  const cut = title.slice(0, TITLE_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), TITLE_CHARS - 20))}…`;
}

/** Lays the story out on a CHART_WIDTH-wide canvas, from its first mark to its as-of date. */
export function storyChart(story: TopicStory, topicName: string): StoryChart {
  const left = PAD_LEFT;
  const right = CHART_WIDTH - PAD_RIGHT;
  const span = Math.max(1, daysBetween(story.start, story.end));
  const x = (date: string) => {
    const d = Math.min(Math.max(daysBetween(story.start, date), 0), span);
    return Math.round((left + (d / span) * (right - left)) * 10) / 10;
  };
  const place = (m: StoryMark, y: number): PlacedMark => ({ ...m, x: x(m.date), y, doneX: m.doneOn ? x(m.doneOn) : null });

  const contextTop = TOP;
  const context = {
    y: contextTop,
    labelY: contextTop + 14,
    lineY: contextTop + 32,
    marks: story.context.map((m) => place(m, contextTop + 32)),
  };
  const lanes = story.lanes.map((lane, i): PlacedLane => {
    const y = contextTop + CONTEXT_HEIGHT + i * LANE_HEIGHT;
    const barY = y + 22;
    const barHeight = 20;
    return {
      slug: lane.slug,
      href: lane.href,
      title: lane.title,
      shortTitle: shorten(lane.title),
      status: lane.status,
      y,
      labelY: y + 15,
      barY,
      barHeight,
      spans: lane.spans.map((s) => {
        const x0 = x(s.from);
        return { x: x0, width: Math.max(1, x(s.to) - x0), status: s.status, fill: SPAN_FILL[s.status] };
      }),
      marks: lane.marks.map((m) => place(m, barY + barHeight / 2)),
    };
  });
  const axisY = contextTop + CONTEXT_HEIGHT + lanes.length * LANE_HEIGHT + 6;
  const ticks: Array<{ x: number; label: string }> = [];
  const firstYear = Number(story.start.slice(0, 4)) + 1;
  const lastYear = Number(story.end.slice(0, 4));
  const step = lastYear - firstYear > 12 ? 2 : 1;
  for (let year = firstYear; year <= lastYear; year += step) ticks.push({ x: x(`${year}-01-01`), label: String(year) });
  return {
    width: CHART_WIDTH,
    height: axisY + AXIS_HEIGHT + LEGEND_HEIGHT,
    left,
    right,
    context,
    lanes,
    axis: { y: axisY, ticks },
    legendY: axisY + AXIS_HEIGHT + 8,
    description: `Timeline of ${topicName}, ${story.start} to ${story.end}: ${lanes.length} ${lanes.length === 1 ? 'item' : 'items'} as lanes, with ${story.context.length} context events above them.`,
  };
}
