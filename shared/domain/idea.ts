/**
 * The idea as the client and the intranet both know it (DESIGN section 3).
 * Pure types and constants: no runtime dependencies, safe for every layer.
 */

/** What kind of contribution this is. `idea` is the default. */
export const IDEA_KINDS = ['idea', 'challenge', 'good-example'] as const;
export type IdeaKind = (typeof IDEA_KINDS)[number];

/** The two UI languages, Swedish first. */
export const LANGS = ['sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * Picks sv or en from a BCP 47 tag such as `navigator.language`: Swedish unless it is English. Here,
 * beside `Lang` and away from the message catalogues, so the widget can use it without bundling them.
 */
export function langFromTag(tag: string | undefined | null): Lang {
  return tag?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

/** Status the innovation team sets on the intranet. */
export const IDEA_STATUSES = ['received', 'in-review', 'piloting', 'implemented', 'declined'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/** Limits from DESIGN section 3, counted in Unicode code points. */
export const LIMITS = {
  titleMax: 120,
  descriptionMax: 5000,
  sourceUrlMax: 2048,
  sourceTitleMax: 300,
  sourceQuoteMax: 1000,
  /** Request bodies above this are refused with 413. */
  bodyBytesMax: 64 * 1024,
} as const;

/** The page an idea was written on; every part is optional and removable by the user. */
export interface IdeaSource {
  url?: string;
  title?: string;
  quote?: string;
}

/** What the user writes: the body of `PUT /ideas/{id}`. */
export interface IdeaContent {
  title: string;
  description: string;
  kind: IdeaKind;
  challengeId?: string;
  source?: IdeaSource;
  anonymous: boolean;
  lang: Lang;
}

/** The intranet's view of an idea (response of `PUT`/`GET /ideas/{id}`). */
export interface RemoteIdea extends IdeaContent {
  id: string;
  status: IdeaStatus;
  createdAt: string;
  updatedAt: string;
}

/** An open challenge as `GET /challenges` lists it. */
export interface Challenge {
  id: string;
  title: string;
  summary: string;
  url: string;
  closesAt?: string;
  /** BCP 47 tag of the title and summary, when the intranet says (`sv`): marked on them where the UI is in another. */
  lang?: string;
}

/**
 * The `lang` attribute for content in `contentLang` shown in a UI in `uiLang` (WCAG 3.1.2, language of
 * parts): the tag when it is a well-formed one and differs from the UI's, else undefined (inherit).
 */
export function partLang(contentLang: string | undefined, uiLang: Lang): string | undefined {
  if (!contentLang || !/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(contentLang)) return undefined;
  return contentLang.toLowerCase().split('-')[0] === uiLang ? undefined : contentLang;
}

/** The signed-in user as `GET /me` returns it. */
export interface Me {
  id: string;
  name: string;
  roles: string[];
}

/** One validation failure, the same shape on both sides of the wire. */
export interface FieldError {
  field: string;
  code: FieldErrorCode;
  message: string;
}

export type FieldErrorCode = 'required' | 'too_long' | 'invalid_url' | 'invalid_value' | 'invalid_type';

/** An empty idea in the given language: what a new draft starts as. */
export function emptyContent(lang: Lang): IdeaContent {
  return { title: '', description: '', kind: 'idea', anonymous: false, lang };
}

/**
 * Nothing in the idea was written or chosen from a page: no title, no description, no quote. Such a
 * draft may be re-aimed (a late challenge, the page the popup opens on) without losing anything.
 */
export function isUnwritten(content: IdeaContent): boolean {
  return !content.title.trim() && !content.description.trim() && !content.source?.quote;
}

/** Whether two page contexts name the same address, title and quote (absent parts count as equal). */
export function sameSource(a: IdeaSource | undefined, b: IdeaSource | undefined): boolean {
  return a?.url === b?.url && a?.title === b?.title && a?.quote === b?.quote;
}
