/**
 * The data behind a topic's story page (/topics/{slug}), its timeline SVG and its share image: the
 * topic's items read through RecommendationsService (list, then each item's detail) exactly as the
 * API gives them, as of `asOf` and as recorded by `knownAt`, told by the pure buildTopicStory.
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ProblemException } from '../common/problem/problem';
import { localDateOf } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { SourcesService } from '../catalog/sources/sources.service';
import type { RecommendationDetail } from '../recommendations/dto/recommendation.response';
import { RecommendationsService } from '../recommendations/recommendations.service';
import { queryString } from '../presentation/format';
import type { RawQuery } from './dashboard-query';
import { DashboardRepository } from './dashboard.repository';
import { readAt } from './directory-pages.service';
import { StoryChart, storyChart } from './story-chart';
import { buildTopicStory, TopicStory } from './topic-story';

/** How many items one request reads per page of the list (the API's maximum). */
const PAGE = 200;

export interface TopicPage {
  topic: { slug: string; name: string };
  asOf: string | null;
  knownAt: string | null;
  items: RecommendationDetail[];
  story: TopicStory;
  chart: StoryChart;
  links: { current: string; svg: string; image: string; list: string; json: string; atom: string };
}

@Injectable()
export class TopicPagesService {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly sources: SourcesService,
    private readonly repo: DashboardRepository,
    private readonly env: Environment,
    private readonly clock: Clock,
  ) {}

  /** The topics, by name, for the index of stories. */
  topics(): Promise<Array<{ slug: string; name: string }>> {
    return this.repo.topics();
  }

  /** A topic's story; 404 for an unknown topic, 400 for a bad asOf or knownAt. */
  async topicPage(slug: string, raw: RawQuery): Promise<TopicPage> {
    const { asOf, knownAt } = await readAt(raw);
    const topic = (await this.repo.topics()).find((t) => t.slug === slug);
    if (!topic) throw ProblemException.notFound('topic', slug);
    const details = await this.items(slug, asOf, knownAt);
    const sources = await this.sources.list();
    const kinds = new Map(sources.items.map((s) => [s.slug, s.kind]));
    const end = asOf ?? localDateOf(this.clock.now(), this.env.TRACKER_TIME_ZONE);
    const story = buildTopicStory(topic, details, end, kinds);
    // The items in the story's order (the timeline's lanes).
    const bySlug = new Map(details.map((i) => [i.slug, i]));
    const items = story.lanes.flatMap((l) => bySlug.get(l.slug) ?? []);
    const path = `/topics/${encodeURIComponent(topic.slug)}`;
    const at = queryString({ asOf, knownAt });
    return {
      topic,
      asOf: asOf ?? null,
      knownAt: knownAt ?? null,
      items,
      story,
      chart: storyChart(story, topic.name),
      links: {
        current: path,
        svg: `${path}/timeline.svg${at}`,
        image: `/share/topics/${encodeURIComponent(topic.slug)}.png`,
        list: `/recommendations${queryString({ topic: topic.slug, asOf, knownAt })}`,
        json: `/api/v1/recommendations${queryString({ topic: topic.slug, asOf, knownAt })}`,
        atom: `/feeds/changes.atom${queryString({ topic: topic.slug })}`,
      },
    };
  }

  /** Every item filed under the topic (all pages of the list), each in full. */
  private async items(topic: string, asOf: string | undefined, knownAt: string | undefined): Promise<RecommendationDetail[]> {
    const slugs: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.recommendations.list({ topic, asOf, knownAt, limit: PAGE, cursor });
      slugs.push(...page.items.map((i) => i.slug));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return Promise.all(slugs.map((s) => this.recommendations.detail(s, asOf, knownAt)));
  }
}
