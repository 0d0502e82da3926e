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

/**
 * The docs of a resource named by its slug, worded once from what one is called (`one`: "a source",
 * "an item"; `what`: the name a PATCH's 404/412 give it). `say` holds what is its own: the create
 * summary, and where they differ from the common wording the edit and delete summaries, the delete's
 * 409 (null: a delete is never refused for references) and whether an edit's answer is described.
 */
function bySlug(
  what: string,
  one: string,
  say: { add: string; edit?: string; remove?: string; stillReferred?: string | null; describeEdit?: boolean },
): EditorResourceDocs {
  const noun = one.replace(/^an? /, '');
  const referred = say.stillReferred === undefined ? 'Something still refers to it.' : say.stillReferred;
  return {
    what,
    key: slug,
    create: {
      summary: say.add,
      description: `The new ${noun}; Location and ETag headers.`,
      problems: [[409, `${one[0].toUpperCase()}${one.slice(1)} with this slug exists.`]],
    },
    update: {
      summary: say.edit ?? `Edit ${one} (If-Match required)`,
      ...(say.describeEdit === false ? {} : { description: `The ${noun} as it is now; ETag header.` }),
    },
    remove: {
      summary: say.remove ?? `Delete ${one} nothing refers to (admin)`,
      problems: [[404, `No ${noun} with that slug.`], ...(referred === null ? [] : [[409, referred] as Problem]), stale],
    },
  };
}

export const EDITOR_RESOURCE_DOCS: Record<Exclude<CatalogKind, 'topics'>, EditorResourceDocs> = {
  sources: bySlug('source', 'a source', { add: 'Add a source (report, decree, statement, article)' }),
  actors: bySlug('actor', 'an actor', { add: 'Add an actor (a body or person that is responsible, promises or assesses)' }),
  recommendations: bySlug('recommendation', 'an item', {
    add: 'Add a recommendation, requirement, commitment or demand',
    edit: 'Edit an item: text, title, source, topics… (If-Match required; statuses change through status changes)',
    remove: 'Delete an item with no history, deadlines, findings, links or events (admin)',
    stillReferred: 'It has history or something refers to it.',
  }),
  events: bySlug('event', 'an event', {
    add: 'Add a dated event to the timeline',
    remove: 'Delete an event (admin)',
    stillReferred: null,
    describeEdit: false,
  }),
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
