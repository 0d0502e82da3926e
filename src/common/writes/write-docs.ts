/** OpenAPI decorators shared by the editing routes, and what the editable resources' writes say of themselves. */
import { ApiHeader, type ApiParamOptions } from '@nestjs/swagger';
import { LINK_TYPES } from '../../links/link.entity';
import { ApiProblems } from '../api-docs';
import type { CatalogKind } from './record-writes.service';

/** OpenAPI for the answers every PATCH can give besides 200. */
export const ApiPatchProblems = (what: string) =>
  ApiProblems(
    [404, `No ${what} with that key.`],
    [412, `If-Match names an older version: someone changed the ${what} since you read it.`],
    [428, 'If-Match is missing: send the ETag you read.'],
  );

export const IfMatchHeader = (required: boolean) =>
  ApiHeader({
    name: 'If-Match',
    required,
    description: required
      ? 'The ETag of the version you edited (from GET or the last write). Required: 428 without it, 412 when stale.'
      : 'Optional: when sent, the write happens only if it names the current version (412 otherwise).',
  });

type Problem = [number, string];

/** The OpenAPI of an editable resource's create, edit and delete (see editor-resource.ts). */
export interface EditorResourceDocs {
  /** What a PATCH's 404/412 call it. */
  what: string;
  /** The path parameters that name one entity, in path order (the same names as in the bodies). */
  key: ApiParamOptions[];
  create: { summary: string; description: string; problems: Problem[] };
  update: { summary: string; description?: string };
  remove: { summary: string; problems: Problem[] };
}

const slug: ApiParamOptions[] = [{ name: 'slug' }];
const stale: Problem = [412, 'If-Match is stale.'];

export const EDITOR_RESOURCE_DOCS: Record<Exclude<CatalogKind, 'topics'>, EditorResourceDocs> = {
  sources: {
    what: 'source',
    key: slug,
    create: {
      summary: 'Add a source (report, decree, statement, article)',
      description: 'The new source; Location and ETag headers.',
      problems: [[409, 'A source with this slug exists.']],
    },
    update: { summary: 'Edit a source (If-Match required)', description: 'The source as it is now; ETag header.' },
    remove: {
      summary: 'Delete a source nothing refers to (admin)',
      problems: [[404, 'No source with that slug.'], [409, 'Something still refers to it.'], stale],
    },
  },
  actors: {
    what: 'actor',
    key: slug,
    create: {
      summary: 'Add an actor (a body or person that is responsible, promises or assesses)',
      description: 'The new actor; Location and ETag headers.',
      problems: [[409, 'An actor with this slug exists.']],
    },
    update: { summary: 'Edit an actor (If-Match required)', description: 'The actor as it is now; ETag header.' },
    remove: {
      summary: 'Delete an actor nothing refers to (admin)',
      problems: [[404, 'No actor with that slug.'], [409, 'Something still refers to it.'], stale],
    },
  },
  recommendations: {
    what: 'recommendation',
    key: slug,
    create: {
      summary: 'Add a recommendation, requirement, commitment or demand',
      description: 'The new item; Location and ETag headers.',
      problems: [[409, 'An item with this slug exists.']],
    },
    update: {
      summary: 'Edit an item: text, title, source, topics… (If-Match required; statuses change through status changes)',
      description: 'The item as it is now; ETag header.',
    },
    remove: {
      summary: 'Delete an item with no history, deadlines, findings, links or events (admin)',
      problems: [[404, 'No item with that slug.'], [409, 'It has history or something refers to it.'], stale],
    },
  },
  events: {
    what: 'event',
    key: slug,
    create: {
      summary: 'Add a dated event to the timeline',
      description: 'The new event; Location and ETag headers.',
      problems: [[409, 'An event with this slug exists.']],
    },
    update: { summary: 'Edit an event (If-Match required)' },
    remove: { summary: 'Delete an event (admin)', problems: [[404, 'No event with that slug.'], stale] },
  },
  links: {
    what: 'link',
    key: [
      { name: 'from', description: 'Slug of the recommendation the link goes from.' },
      { name: 'type', enum: LINK_TYPES },
      { name: 'to', description: 'Slug of the recommendation it goes to.' },
    ],
    create: {
      summary: 'Link two items (implements, restates, supersedes, related)',
      description: 'The new link; Location and ETag headers.',
      problems: [[409, 'That link exists.']],
    },
    update: { summary: "Edit a link's note (If-Match required)" },
    remove: { summary: 'Delete a link (admin)', problems: [[404, 'No such link.'], stale] },
  },
};
