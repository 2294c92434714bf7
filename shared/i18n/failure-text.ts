/**
 * Why an idea's last try to reach the intranet failed, in our own words (per failure kind and HTTP
 * status; the intranet's wording is never shown): the popup and the widget say the same. Imports no
 * catalogue, so the widget bundles only its own (widget/messages.ts).
 */
import type { DraftRecord } from '../domain/draft';
import type { FieldError } from '../domain/idea';
import type { sv } from './messages/common';

/** The failure sentences of one language (`messages.failure`). */
export type FailureMessages = (typeof sv)['failure'];

/**
 * The sentence for `draft`'s last failure, or undefined when something else on the item says it:
 * a 409 shows the intranet's version, a 401/403 the sign-in prompt, a draft or a sent idea nothing.
 * `fieldsText` words a refusal that names fields, which each view shows its own way. While the
 * device is `offline`, a try that got no answer says nothing: "the intranet did not answer" would
 * blame the intranet for this device's network, which each view's offline notice already names;
 * nor, back online, does a try that failed while the device was offline (it goes within seconds).
 */
export function failureText(
  messages: FailureMessages,
  draft: DraftRecord,
  fieldsText: (errors: readonly FieldError[]) => string,
  offline = false,
): string | undefined {
  const failure = draft.lastFailure;
  if (!failure || (draft.state !== 'queued' && draft.state !== 'needs-attention')) return undefined;
  const { status } = failure;
  switch (failure.kind) {
    case 'retry':
      if (status === undefined) return offline || failure.offline ? undefined : messages.unreachable;
      if (draft.stuck && status === 500) return messages.stuck;
      if (status === 404 || status === 405) return messages.noApi(status);
      return status === 429 ? messages.busy : messages.serverError(status);
    case 'auth':
    case 'conflict':
      return undefined;
    case 'reject':
      if (draft.fieldErrors?.length) return fieldsText(draft.fieldErrors);
      if (status === 413) return messages.tooLarge;
      return messages.rejected(status ?? 400);
  }
}
